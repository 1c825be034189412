import appBackend from '@backstage/plugin-app-backend';
import proxyBackend from '@backstage/plugin-proxy-backend';
import authBackend from '@backstage/plugin-auth-backend';
import { authModuleExamplePeopleGuest } from './modules/guestSignIn';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogBackendModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogBackendModuleLogs from '@backstage/plugin-catalog-backend-module-logs';
import catalogBackendModuleMlCatalog from '@lab2live/plugin-catalog-backend-module-ml-catalog';
import { catalogModuleLocalRepositoryLocations } from './modules/localRepositoryLocations';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderBackendModuleMlCatalog from '@lab2live/plugin-scaffolder-backend-module-ml-catalog';
import permissionBackend from '@backstage/plugin-permission-backend';
import { permissionModuleLab2LivePolicy } from './modules/permissionPolicy';
import searchBackend from '@backstage/plugin-search-backend';
import searchBackendModulePg from '@backstage/plugin-search-backend-module-pg';
import searchBackendModuleCatalog from '@backstage/plugin-search-backend-module-catalog';
import techdocsBackend from '@backstage/plugin-techdocs-backend';
import mlCatalogBackend from '@lab2live/plugin-ml-catalog-backend';
import mlCatalogBackendModuleMlflow from '@lab2live/plugin-ml-catalog-backend-module-mlflow';
import { mlCatalogModuleExampleStatus } from './modules/exampleStatus';
import { mlCatalogModuleExampleReviews } from './modules/exampleReviews';

/**
 * Every feature of the portal backend. The search engine is chosen by configuration:
 * the PostgreSQL module steps aside on other databases, and the search backend falls
 * back to its in-memory (Lunr) engine.
 */
export const backendFeatures = [
  appBackend,
  proxyBackend,

  authBackend,
  authModuleExamplePeopleGuest,

  catalogBackend,
  catalogBackendModuleScaffolderEntityModel,
  catalogBackendModuleLogs,
  catalogBackendModuleMlCatalog,
  catalogModuleLocalRepositoryLocations,

  scaffolderBackend,
  scaffolderBackendModuleMlCatalog,

  permissionBackend,
  permissionModuleLab2LivePolicy,

  searchBackend,
  searchBackendModulePg,
  searchBackendModuleCatalog,

  techdocsBackend,

  mlCatalogBackend,
  // Off until lab2live.mlflow names a registry.
  mlCatalogBackendModuleMlflow,
  mlCatalogModuleExampleStatus,
  mlCatalogModuleExampleReviews,
];
