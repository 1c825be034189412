import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createEntityValidateAction } from './actions/entityValidate';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRiskAssessAction } from './actions/riskAssess';

/**
 * The Lab2Live scaffolder actions: `lab2live:risk:assess`,
 * `lab2live:entity:validate` and `lab2live:publish:local`.
 *
 * @public
 */
export const scaffolderModuleMlCatalog = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ml-catalog',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, catalog }) {
        scaffolder.addActions(
          createRiskAssessAction(),
          createEntityValidateAction({
            lifecycleStages: config.getOptionalStringArray(
              'lab2live.lifecycle.stages',
            ),
          }),
          createPublishLocalAction({ config, catalog }),
        );
      },
    });
  },
});
