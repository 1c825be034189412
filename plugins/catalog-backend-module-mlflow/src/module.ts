import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  createMlflowClientFromConfig,
  readMlflowEnvironmentMappings,
} from '@lab2live/plugin-ml-catalog-backend-module-mlflow';
import { DEFAULT_LIFECYCLE_STAGES } from '@lab2live/plugin-ml-catalog-common';
import { MlflowEntityProvider } from './MlflowEntityProvider';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
};

/**
 * Adds the MLflow entity provider to the catalog when `lab2live.mlflow.catalog` is set:
 * every registered model becomes an MLModel entity, its production version's run
 * datasets Dataset entities.
 *
 * @public
 */
export const catalogModuleMlflowEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'lab2live-mlflow',
  register(env) {
    env.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({
        catalogProcessing,
        config,
        logger,
        scheduler,
        catalog,
        auth,
      }) {
        const block = config.getOptionalConfig('lab2live.mlflow.catalog');
        if (!block) {
          logger.info(
            'lab2live.mlflow.catalog is not configured: the MLflow entity provider is off',
          );
          return;
        }
        const mlflow = config.getConfig('lab2live.mlflow');
        const pageSize = block.getOptionalNumber('pageSize') ?? 100;
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
          throw new Error(
            `lab2live.mlflow.catalog.pageSize must be a whole number from 1 to 1000, not ${pageSize}`,
          );
        }
        const baseUrl = mlflow.getString('baseUrl');
        catalogProcessing.addEntityProvider(
          new MlflowEntityProvider({
            client: createMlflowClientFromConfig(config),
            catalog,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(
              block.has('schedule')
                ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                    block.getConfig('schedule'),
                  )
                : DEFAULT_SCHEDULE,
            ),
            ...readMlflowEnvironmentMappings(config, logger),
            lifecycleStages: config.getOptionalStringArray(
              'lab2live.lifecycle.stages',
            ) ?? [...DEFAULT_LIFECYCLE_STAGES],
            baseUrl,
            uiUrl: block.getOptionalString('uiUrl') ?? baseUrl,
            pageSize,
            defaultOwner: block.getString('defaultOwner'),
            tags: {
              owner: block.getOptionalString('tags.owner') ?? 'owner',
              system: block.getOptionalString('tags.system') ?? 'system',
              type: block.getOptionalString('tags.type') ?? 'type',
            },
          }),
        );
      },
    });
  },
});
