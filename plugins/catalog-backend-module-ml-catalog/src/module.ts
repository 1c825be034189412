import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { CatalogModelSources } from '@backstage/catalog-model/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModelExtensionPoint } from '@backstage/plugin-catalog-node/alpha';
import { mlCatalogModelLayer } from './model/mlCatalogModelLayer';
import { MlCatalogEntitiesProcessor } from './processor/MlCatalogEntitiesProcessor';

/**
 * Adds the Lab2Live kinds (MLModel, Dataset, SLA) to the catalog: validation and
 * relations, and (unless `lab2live.catalogModel.declareKinds` is false) their
 * declaration in the catalog's model, so that the catalog describes them. Lifecycle
 * stages come from `lab2live.lifecycle.stages`.
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
        model: catalogModelExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, model, config }) {
        catalog.addProcessor(
          new MlCatalogEntitiesProcessor({
            lifecycleStages: config.getOptionalStringArray(
              'lab2live.lifecycle.stages',
            ),
          }),
        );
        if (
          config.getOptionalBoolean('lab2live.catalogModel.declareKinds') !==
          false
        ) {
          // A static source of our layer; the catalog's default model comes with it
          // (every static source carries it, and identical layers merge), so this
          // sits next to other modules' sources without a second default module.
          model.addModelSource(
            CatalogModelSources.static([mlCatalogModelLayer]),
          );
        }
      },
    });
  },
});
