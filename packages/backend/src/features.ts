import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import appBackend from '@backstage/plugin-app-backend';
import proxyBackend from '@backstage/plugin-proxy-backend';
import authBackend from '@backstage/plugin-auth-backend';
import { authModuleExamplePeopleGuest } from './modules/guestSignIn';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogBackendModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogBackendModuleLogs from '@backstage/plugin-catalog-backend-module-logs';
import catalogBackendModuleMlCatalog from '@lab2live/plugin-catalog-backend-module-ml-catalog';
import catalogBackendModuleMlflow from '@lab2live/plugin-catalog-backend-module-mlflow';
import { catalogModuleLocalRepositoryLocations } from './modules/localRepositoryLocations';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderBackendModuleMlCatalog from '@lab2live/plugin-scaffolder-backend-module-ml-catalog';
import permissionBackend from '@backstage/plugin-permission-backend';
import { permissionModuleLab2LivePolicy } from './modules/permissionPolicy';
import searchBackend from '@backstage/plugin-search-backend';
import searchBackendModulePg from '@backstage/plugin-search-backend-module-pg';
import searchBackendModuleCatalog from '@backstage/plugin-search-backend-module-catalog';
import techdocsBackend from '@backstage/plugin-techdocs-backend';
import mcpActionsBackend from '@backstage/plugin-mcp-actions-backend';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import signalsBackend from '@backstage/plugin-signals-backend';
import mlCatalogBackend from '@lab2live/plugin-ml-catalog-backend';
import mlCatalogBackendModuleMlflow from '@lab2live/plugin-ml-catalog-backend-module-mlflow';
import { mlCatalogModuleExampleStatus } from './modules/exampleStatus';
import { mlCatalogModuleExampleReviews } from './modules/exampleReviews';

/** The config key that marks the local portal (set only in app-config.yaml). */
export const LOCAL_PORTAL_KEY = 'lab2live.localPortal';

/**
 * What exists only for the local portal, and never in a production start:
 * - the guest sign-in that becomes any example person through a cookie,
 * - `file` locations through the catalog API (the templates' local publish step),
 *   which would let any signed-in person make the server read any path,
 * - the example deployments, SLA observations and governance reviews.
 */
export const localPortalFeatures = [
  authModuleExamplePeopleGuest,
  catalogModuleLocalRepositoryLocations,
  mlCatalogModuleExampleStatus,
  mlCatalogModuleExampleReviews,
];

/**
 * Adds {@link localPortalFeatures} only when the configuration says this is the local
 * portal (`lab2live.localPortal: true`). Any other configuration, production's
 * included, starts without them: no guest provider, `url` locations only, no examples.
 */
export const localPortalFeatureLoader = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (config.getOptionalBoolean(LOCAL_PORTAL_KEY) === true) {
      yield* localPortalFeatures;
    }
  },
});

/**
 * Every feature of the portal backend. The search engine is chosen by configuration:
 * the PostgreSQL module steps aside on other databases, and the search backend falls
 * back to its in-memory (Lunr) engine.
 */
export const backendFeatures = [
  appBackend,
  proxyBackend,

  authBackend,

  catalogBackend,
  catalogBackendModuleScaffolderEntityModel,
  catalogBackendModuleLogs,
  catalogBackendModuleMlCatalog,
  // Off until lab2live.mlflow.catalog is set: registered models as MLModel entities.
  catalogBackendModuleMlflow,

  scaffolderBackend,
  scaffolderBackendModuleMlCatalog,

  permissionBackend,
  permissionModuleLab2LivePolicy,

  searchBackend,
  searchBackendModulePg,
  searchBackendModuleCatalog,

  techdocsBackend,

  // Notifications (the bell, and Lab2Live's notices) with live updates over signals.
  notificationsBackend,
  signalsBackend,
  // Actions of the plugins named in backend.actions.pluginSources, served over MCP at
  // /api/mcp-actions/v1.
  mcpActionsBackend,

  mlCatalogBackend,
  // Off until lab2live.mlflow names a registry.
  mlCatalogBackendModuleMlflow,

  // Guest sign-in, file locations and the example data: local portal only.
  localPortalFeatureLoader,
];
