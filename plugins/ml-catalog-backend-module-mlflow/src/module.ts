import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { mlCatalogStatusProvidersExtensionPoint } from '@lab2live/plugin-ml-catalog-node';
import {
  createMlflowClientFromConfig,
  readMlflowEnvironmentMappings,
} from './config';
import { MlflowStatusProvider } from './MlflowStatusProvider';
import {
  createWebhookRouter,
  WEBHOOK_PATH,
  WebhookDeliveries,
} from './webhooks';

const DEFAULT_SCHEDULE = { frequency: { minutes: 5 }, timeout: { minutes: 2 } };

/**
 * Reports the versions of MLflow registered models as deployments: aliases (and legacy
 * stages) map to environments. Models link with the `mlflow.org/registered-model-name`
 * annotation. Does nothing without `lab2live.mlflow`.
 *
 * @public
 */
export const mlCatalogModuleMlflow = createBackendModule({
  pluginId: 'ml-catalog',
  moduleId: 'mlflow',
  register(env) {
    env.registerInit({
      deps: {
        providers: mlCatalogStatusProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
      },
      async init({
        providers,
        config,
        logger,
        catalog,
        auth,
        database,
        httpRouter,
      }) {
        const mlflow = config.getOptionalConfig('lab2live.mlflow');
        if (!mlflow) {
          logger.info(
            'lab2live.mlflow is not configured: the MLflow status provider is off',
          );
          return;
        }
        const provider = new MlflowStatusProvider({
          client: createMlflowClientFromConfig(config),
          catalog,
          auth,
          schedule: mlflow.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                mlflow.getConfig('schedule'),
              )
            : DEFAULT_SCHEDULE,
          ...readMlflowEnvironmentMappings(config, logger),
        });
        providers.addStatusProvider(provider);

        const webhook = mlflow.getOptionalConfig('webhook');
        if (webhook) {
          // The module's own route in the plugin's router: MLflow cannot send a
          // Backstage token, so this one path is open and checked by HMAC instead.
          httpRouter.use(
            createWebhookRouter({
              secret: webhook.getString('secret'),
              toleranceSeconds: webhook.getOptionalNumber('toleranceSeconds'),
              deliveries: await WebhookDeliveries.create(database),
              refresh: name => provider.refreshRegisteredModel(name),
              logger: logger.child({ webhook: 'mlflow' }),
            }),
          );
          httpRouter.addAuthPolicy({
            path: WEBHOOK_PATH,
            allow: 'unauthenticated',
          });
        }
      },
    });
  },
});
