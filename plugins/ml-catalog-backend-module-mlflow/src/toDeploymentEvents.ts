import type {
  DeploymentEventInput,
  DeploymentStatus,
} from '@lab2live/plugin-ml-catalog-common';
import type { MlflowModelVersion, MlflowRegisteredModel } from './MlflowClient';

/** A model version's registration status as a deployment status. */
const STATUSES: Record<string, DeploymentStatus> = {
  READY: 'healthy',
  PENDING_REGISTRATION: 'pending',
  FAILED_REGISTRATION: 'failed',
};

function toIso(value: number | string | undefined, fallback: number): string {
  const ms = Number(value);
  return new Date(Number.isFinite(ms) && ms > 0 ? ms : fallback).toISOString();
}

/**
 * The deployments an MLflow registered model describes: the version each mapped alias
 * points to, in that alias's environment; then, for environments no alias covers, the
 * newest version in a mapped legacy stage (MLflow lets several versions share a stage,
 * and an environment runs one). Event ids are deterministic, so every poll re-sends
 * the same ids and the backend stores each change once.
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
  /** Used as the timestamp of a version without `last_updated_timestamp`. */
  now: number;
}): DeploymentEventInput[] {
  const { model, registered, versions, aliases, stages, now } = input;
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
  return [...chosen.entries()].map(([environment, version]) => {
    // MLflow always sends a status; an unknown one is not claimed healthy.
    const status = STATUSES[version.status ?? ''] ?? 'pending';
    return {
      eventId: `mlflow:${registered.name}:${environment}:${version.version}:${status}`,
      model,
      version: String(version.version),
      environment,
      status,
      timestamp: toIso(version.last_updated_timestamp, now),
    };
  });
}
