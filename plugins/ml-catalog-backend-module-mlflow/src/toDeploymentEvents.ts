import type {
  DeploymentEventInput,
  DeploymentStatus,
} from '@lab2live/plugin-ml-catalog-common';
import type { CurrentDeployment } from '@lab2live/plugin-ml-catalog-node';
import type { MlflowModelVersion, MlflowRegisteredModel } from './MlflowClient';

/** A model version's registration status as a deployment status. */
const STATUSES: Record<string, DeploymentStatus> = {
  READY: 'healthy',
  PENDING_REGISTRATION: 'pending',
  FAILED_REGISTRATION: 'failed',
};

function toMs(value: number | string | undefined, fallback: number): number {
  const ms = Number(value);
  return Number.isFinite(ms) && ms > 0 ? ms : fallback;
}

/**
 * The version of a registered model in each environment: the version each mapped alias
 * points to, then, for environments no alias covers, the newest version in a mapped
 * legacy stage (MLflow lets several versions share a stage, and an environment runs
 * one). The status module reports these as deployments; the catalog entity provider
 * describes the production one.
 *
 * @public
 */
export function chooseVersionsByEnvironment(
  registered: Pick<MlflowRegisteredModel, 'aliases'>,
  versions: MlflowModelVersion[],
  aliases: Record<string, string>,
  stages: Record<string, string>,
): Map<string, MlflowModelVersion> {
  const byVersion = new Map(versions.map(v => [String(v.version), v]));
  const chosen = new Map<string, MlflowModelVersion>();
  for (const { alias, version } of registered.aliases ?? []) {
    const environment = Object.hasOwn(aliases, alias)
      ? aliases[alias]
      : undefined;
    const found = byVersion.get(String(version));
    if (environment && found) chosen.set(environment, found);
  }
  const newestFirst = [...versions].sort(
    (a, b) => Number(b.version) - Number(a.version),
  );
  for (const version of newestFirst) {
    const stage = version.current_stage;
    const environment =
      stage && Object.hasOwn(stages, stage) ? stages[stage] : undefined;
    if (environment && !chosen.has(environment)) {
      chosen.set(environment, version);
    }
  }
  return chosen;
}

/**
 * The deployments an MLflow registered model describes: the version each mapped alias
 * points to, in that alias's environment; then, for environments no alias covers, the
 * newest version in a mapped legacy stage (MLflow lets several versions share a stage,
 * and an environment runs one).
 *
 * Event ids are derived from the transition, so every poll (and every replica) sends
 * the same id for the same change and the backend stores it once, while a return to
 * an earlier version is a new change with a new id: an id holds the version's
 * `last_updated_timestamp`, which a legacy stage transition moves (v1, v2, then v1
 * again through Production gets a new id), and, for an alias moved back to an older
 * version, the version and time it moved away from.
 *
 * An event's time is its version's `last_updated_timestamp`. When that is not newer
 * than what the backend holds for the environment although the version or status
 * differs (an alias moved back to an older version: a rollback), MLflow keeps no time
 * of the move, so the event carries the time of this poll.
 *
 * @public
 */
export function toDeploymentEvents(input: {
  /** The MLModel's entity ref, e.g. `mlmodel:default/churn-predictor`. */
  model: string;
  registered: MlflowRegisteredModel;
  versions: MlflowModelVersion[];
  /** MLflow alias to environment. */
  aliases: Record<string, string>;
  /** Legacy MLflow stage to environment. */
  stages: Record<string, string>;
  /** What the backend holds for the model now, per environment. */
  current?: CurrentDeployment[];
  /** The time of this poll; also used for a version without `last_updated_timestamp`. */
  now: number;
}): DeploymentEventInput[] {
  const { model, registered, versions, aliases, stages, now } = input;
  const current = new Map(
    (input.current ?? []).map(state => [state.environment, state]),
  );
  const chosen = chooseVersionsByEnvironment(
    registered,
    versions,
    aliases,
    stages,
  );
  return [...chosen.entries()].map(([environment, version]) => {
    // MLflow always sends a status; an unknown one is not claimed healthy.
    const status = STATUSES[version.status ?? ''] ?? 'pending';
    let at = toMs(version.last_updated_timestamp, now);
    const eventId = `mlflow:${registered.name}:${environment}:${version.version}:${status}:${at}`;
    const held = current.get(environment);
    const changed =
      held !== undefined &&
      (held.version !== String(version.version) || held.status !== status);
    if (changed && at <= Date.parse(held.timestamp)) {
      const heldAt = Date.parse(held.timestamp);
      at = Math.max(now, heldAt + 1);
      return {
        eventId: `${eventId}:after:${held.version}:${held.status}:${heldAt}`,
        model,
        version: String(version.version),
        environment,
        status,
        timestamp: new Date(at).toISOString(),
      };
    }
    return {
      eventId,
      model,
      version: String(version.version),
      environment,
      status,
      timestamp: new Date(at).toISOString(),
    };
  });
}
