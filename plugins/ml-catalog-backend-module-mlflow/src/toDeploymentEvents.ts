import type {
  DeploymentEventInput,
  DeploymentStatus,
} from '@lab2live/plugin-ml-catalog-common';
import type { MlflowModelVersion, MlflowRegisteredModel } from './MlflowClient';

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
 * points to in its environment, and for environments no alias covers, the newest
 * version in a mapped legacy stage. Event ids are deterministic, so every poll sends
 * the same ids and the backend stores each change once.
 */
export function toDeploymentEvents(input: {
  model: string;
  registered: MlflowRegisteredModel;
  versions: MlflowModelVersion[];
  aliases: Record<string, string>;
  stages: Record<string, string>;
  now: number;
}): DeploymentEventInput[] {
  const { model, registered, versions, aliases, stages, now } = input;
  const byVersion = new Map(versions.map(v => [String(v.version), v]));
  const chosen = new Map<string, MlflowModelVersion>();
  for (const { alias, version } of registered.aliases ?? []) {
    const environment = aliases[alias];
    const found = byVersion.get(String(version));
    if (environment && found) chosen.set(environment, found);
  }
  const newestFirst = [...versions].sort(
    (a, b) => Number(b.version) - Number(a.version),
  );
  for (const version of newestFirst) {
    const environment = version.current_stage
      ? stages[version.current_stage]
      : undefined;
    if (environment && !chosen.has(environment)) {
      chosen.set(environment, version);
    }
  }
  return [...chosen.entries()].map(([environment, version]) => {
    const status = STATUSES[version.status ?? 'READY'] ?? 'pending';
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
