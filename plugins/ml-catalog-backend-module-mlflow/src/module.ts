import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { mlCatalogStatusProvidersExtensionPoint } from '@lab2live/plugin-ml-catalog-node';
import { MlflowClient } from './MlflowClient';
import { MlflowStatusProvider } from './MlflowStatusProvider';

const DEFAULT_ALIASES = { champion: 'production', challenger: 'staging' };
const DEFAULT_STAGES = { Production: 'production', Staging: 'staging' };

function readMap(
  config: Config,
  key: string,
  fallback: Record<string, string>,
): Record<string, string> {
  const block = config.getOptionalConfig(key);
  if (!block) return fallback;
  return Object.fromEntries(block.keys().map(k => [k, block.getString(k)]));
}

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
      },
      async init({ providers, config, logger, catalog, auth }) {
        const mlflow = config.getOptionalConfig('lab2live.mlflow');
        if (!mlflow) {
          logger.info(
            'lab2live.mlflow is not configured: the MLflow provider is off',
          );
          return;
        }
        providers.addStatusProvider(
          new MlflowStatusProvider({
            client: new MlflowClient({
              baseUrl: mlflow.getString('baseUrl'),
              token: mlflow.getOptionalString('token'),
              timeoutMs: mlflow.getOptionalNumber('timeoutMs') ?? 10_000,
            }),
            catalog,
            auth,
            schedule: mlflow.has('schedule')
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  mlflow.getConfig('schedule'),
                )
              : { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
            aliases: readMap(mlflow, 'aliases', DEFAULT_ALIASES),
            stages: readMap(mlflow, 'stages', DEFAULT_STAGES),
          }),
        );
      },
    });
  },
});
