import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * Lets the catalog API register `file` locations besides `url` ones, so the templates'
 * local publish step can register what it wrote on this machine. Only for the local
 * portal: a company's Backstage publishes to a Git host and keeps the default (url).
 */
export const catalogModuleLocalRepositoryLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'local-repository-locations',
  register(env) {
    env.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});
