import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MlCatalogEntitiesProcessor } from './processor/MlCatalogEntitiesProcessor';

/**
 * Adds the Lab2Live kinds (MLModel, Dataset, SLA) to the catalog: validation and
 * relations. Lifecycle stages come from `lab2live.lifecycle.stages`.
 *
 * @public
 */
export const catalogModuleMlCatalog = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ml-catalog',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(
          new MlCatalogEntitiesProcessor({
            lifecycleStages: config.getOptionalStringArray(
              'lab2live.lifecycle.stages',
            ),
          }),
        );
      },
    });
  },
});
