import {
  coreServices,
  createBackendModule,
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DEFAULT_ENVIRONMENTS } from '@lab2live/plugin-ml-catalog-common';
import { mlCatalogStatusProvidersExtensionPoint } from '@lab2live/plugin-ml-catalog-node';
import { MlflowClient } from './MlflowClient';
import { MlflowStatusProvider } from './MlflowStatusProvider';

const DEFAULT_ALIASES = { champion: 'production', challenger: 'staging' };
const DEFAULT_STAGES = { Production: 'production', Staging: 'staging' };
const DEFAULT_SCHEDULE = { frequency: { minutes: 5 }, timeout: { minutes: 2 } };
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * An alias or stage map from config, the default when absent. Mappings to environments
 * the backend does not know are dropped with a warning: the backend rejects a model's
 * whole batch for one unknown environment, so they would fail every poll.
 */
function readMap(
  config: Config,
  key: string,
  fallback: Record<string, string>,
  environments: string[],
  logger: LoggerService,
): Record<string, string> {
  const block = config.getOptionalConfig(key);
  const map = block
    ? Object.fromEntries(block.keys().map(k => [k, block.getString(k)]))
    : fallback;
  const unknown = Object.entries(map).filter(
    ([, environment]) => !environments.includes(environment),
  );
  if (unknown.length > 0) {
    logger.warn(
      `lab2live.mlflow.${key}: ignoring ${unknown
        .map(([from, to]) => `${from} -> ${to}`)
        .join(', ')}; environments are ${environments.join(', ')}`,
    );
  }
  return Object.fromEntries(
    Object.entries(map).filter(([, environment]) =>
      environments.includes(environment),
    ),
  );
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
            'lab2live.mlflow is not configured: the MLflow status provider is off',
          );
          return;
        }
        // The same list and default the backend plugin validates events against.
        const environments = config.getOptionalStringArray(
          'lab2live.environments',
        ) ?? [...DEFAULT_ENVIRONMENTS];
        providers.addStatusProvider(
          new MlflowStatusProvider({
            client: new MlflowClient({
              baseUrl: mlflow.getString('baseUrl'),
              token: mlflow.getOptionalString('token'),
              timeoutMs:
                mlflow.getOptionalNumber('timeout') ?? DEFAULT_TIMEOUT_MS,
            }),
            catalog,
            auth,
            schedule: mlflow.has('schedule')
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  mlflow.getConfig('schedule'),
                )
              : DEFAULT_SCHEDULE,
            aliases: readMap(
              mlflow,
              'aliases',
              DEFAULT_ALIASES,
              environments,
              logger,
            ),
            stages: readMap(
              mlflow,
              'stages',
              DEFAULT_STAGES,
              environments,
              logger,
            ),
          }),
        );
      },
    });
  },
});
