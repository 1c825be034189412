import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createDeploymentReportAction } from './actions/deploymentReport';
import { createReviewCreateAction } from './actions/reviewCreate';
import { createEntityValidateAction } from './actions/entityValidate';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRiskAssessAction } from './actions/riskAssess';
import { createHuggingfaceImportAction } from './actions/huggingfaceImport';

/**
 * The Lab2Live scaffolder actions: `lab2live:risk:assess`,
 * `lab2live:entity:validate`, `lab2live:deployment:report`, `lab2live:review:create`,
 * `lab2live:huggingface:import` and `lab2live:publish:local`.
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, catalog, discovery, auth }) {
        scaffolder.addActions(
          createRiskAssessAction(),
          createEntityValidateAction({
            lifecycleStages: config.getOptionalStringArray(
              'lab2live.lifecycle.stages',
            ),
          }),
          createPublishLocalAction({ config, catalog }),
          createDeploymentReportAction({ discovery, auth }),
          createReviewCreateAction({ discovery, auth }),
          createHuggingfaceImportAction({ config }),
        );
      },
    });
  },
});
