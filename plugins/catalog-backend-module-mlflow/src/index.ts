/**
 * A catalog entity provider for the MLflow Model Registry: registered models as MLModel
 * entities, their runs' dataset inputs as Dataset entities.
 *
 * @packageDocumentation
 */
export { catalogModuleMlflowEntityProvider as default } from './module';
export { MlflowEntityProvider } from './MlflowEntityProvider';
export type {
  MlflowEntityProviderOptions,
  MlflowEntityRunSummary,
} from './MlflowEntityProvider';
export { toModelEntities } from './toEntities';
export type { MlflowEntityOptions, ModelEntities } from './toEntities';
