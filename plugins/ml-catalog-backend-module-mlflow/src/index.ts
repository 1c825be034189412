/**
 * A Lab2Live status provider for the MLflow Model Registry.
 *
 * @packageDocumentation
 */
export { mlCatalogModuleMlflow as default } from './module';
export { MlflowClient, MlflowError } from './MlflowClient';
export type {
  MlflowCredentials,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  MlflowTag,
} from './MlflowClient';
export { MlflowStatusProvider } from './MlflowStatusProvider';
// The annotation lives in -common, where the catalog pages read it too.
export { MLFLOW_MODEL_ANNOTATION } from '@lab2live/plugin-ml-catalog-common';
export {
  chooseVersionsByEnvironment,
  toDeploymentEvents,
} from './toDeploymentEvents';
export {
  createMlflowClientFromConfig,
  readMlflowEnvironmentMappings,
  DEFAULT_ALIASES,
  DEFAULT_STAGES,
} from './config';
export type { MlflowEnvironmentMappings } from './config';
