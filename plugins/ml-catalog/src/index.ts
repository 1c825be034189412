/**
 * Lab2Live front end: ML models, datasets and SLAs in the Backstage portal.
 *
 * Legacy frontend system exports live here; the new frontend system plugin is
 * `@lab2live/plugin-ml-catalog/alpha`.
 *
 * @packageDocumentation
 */
export {
  catalogGraphMlRelationsModule,
  createMlCatalogGraphApi,
} from './catalogGraphMlRelationsModule';
export * from './plugin';
export { mlGovernanceRouteRef, mlModelsRouteRef } from './routes';
export * from './filters';
export * from './api';
