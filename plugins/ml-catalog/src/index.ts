/**
 * Lab2Live front end: ML models, datasets and SLAs in the Backstage portal.
 *
 * @packageDocumentation
 */
export {
  catalogGraphMlRelationsModule,
  createMlCatalogGraphApi,
} from './catalogGraphMlRelationsModule';
