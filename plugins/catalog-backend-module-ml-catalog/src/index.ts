/**
 * Catalog backend module for Lab2Live: validates the MLModel, Dataset and SLA kinds
 * and emits their relations.
 *
 * @packageDocumentation
 */
export { catalogModuleMlCatalog as default } from './module';
export {
  MlCatalogEntitiesProcessor,
  type MlCatalogEntitiesProcessorOptions,
} from './processor/MlCatalogEntitiesProcessor';
