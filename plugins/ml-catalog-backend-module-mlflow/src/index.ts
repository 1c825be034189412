/**
 * A Lab2Live status provider for the MLflow Model Registry.
 *
 * @packageDocumentation
 */
export { mlCatalogModuleMlflow as default } from './module';
export { MlflowClient, MlflowError } from './MlflowClient';
export type { MlflowModelVersion, MlflowRegisteredModel } from './MlflowClient';
export {
  MlflowStatusProvider,
  MLFLOW_MODEL_ANNOTATION,
} from './MlflowStatusProvider';
export { toDeploymentEvents } from './toDeploymentEvents';
