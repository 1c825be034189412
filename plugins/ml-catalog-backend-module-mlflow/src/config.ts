import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { DEFAULT_ENVIRONMENTS } from '@lab2live/plugin-ml-catalog-common';
import { MlflowClient, MlflowCredentials } from './MlflowClient';

/**
 * The default alias map: MLflow's own example aliases.
 *
 * @public
 */
export const DEFAULT_ALIASES = {
  champion: 'production',
  challenger: 'staging',
};
/**
 * The default legacy stage map.
 *
 * @public
 */
export const DEFAULT_STAGES = { Production: 'production', Staging: 'staging' };
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
  environments: readonly string[],
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
 * Which MLflow aliases and legacy stages mean which environment.
 *
 * @public
 */
export interface MlflowEnvironmentMappings {
  /** The environments the Lab2Live backend knows (`lab2live.environments`). */
  environments: string[];
  /** MLflow alias to environment. */
  aliases: Record<string, string>;
  /** Legacy MLflow stage to environment. */
  stages: Record<string, string>;
}

/**
 * Reads `lab2live.mlflow.aliases` and `.stages` (defaults: champion and Production mean
 * production, challenger and Staging mean staging), keeping only mappings to the
 * environments in `lab2live.environments`. The status module and the catalog entity
 * provider read them here, so both agree on what "production" is.
 *
 * @public
 */
export function readMlflowEnvironmentMappings(
  rootConfig: Config,
  logger: LoggerService,
): MlflowEnvironmentMappings {
  const mlflow = rootConfig.getConfig('lab2live.mlflow');
  // The same list and default the backend plugin validates events against.
  const environments = rootConfig.getOptionalStringArray(
    'lab2live.environments',
  ) ?? [...DEFAULT_ENVIRONMENTS];
  return {
    environments,
    aliases: readMap(mlflow, 'aliases', DEFAULT_ALIASES, environments, logger),
    stages: readMap(mlflow, 'stages', DEFAULT_STAGES, environments, logger),
  };
}

/**
 * The MLflow REST client for `lab2live.mlflow` (base URL, credentials, timeout). Every
 * Lab2Live module that talks to MLflow builds its client here.
 *
 * @public
 */
export function createMlflowClientFromConfig(rootConfig: Config): MlflowClient {
  const mlflow = rootConfig.getConfig('lab2live.mlflow');
  return new MlflowClient({
    baseUrl: mlflow.getString('baseUrl'),
    credentials: readMlflowCredentials(mlflow),
    timeoutMs: mlflow.getOptionalNumber('timeout') ?? DEFAULT_TIMEOUT_MS,
    maxReplyBytes: mlflow.getOptionalNumber('maxReplyBytes'),
  });
}

/**
 * `token` (Bearer) or `username` and `password` (HTTP Basic, MLflow's built-in auth);
 * both, or a username without a password, is a mistake named at start-up.
 */
function readMlflowCredentials(mlflow: Config): MlflowCredentials | undefined {
  const token = mlflow.getOptionalString('token');
  const username = mlflow.getOptionalString('username');
  const password = mlflow.getOptionalString('password');
  if (
    token !== undefined &&
    (username !== undefined || password !== undefined)
  ) {
    throw new Error(
      'lab2live.mlflow: set either token (Bearer) or username and password (HTTP Basic), not both',
    );
  }
  if ((username === undefined) !== (password === undefined)) {
    throw new Error(
      'lab2live.mlflow: username and password (HTTP Basic) go together; one of them is missing',
    );
  }
  if (token !== undefined) return { token };
  if (username !== undefined) return { username, password: password! };
  return undefined;
}
