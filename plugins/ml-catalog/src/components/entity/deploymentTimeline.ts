import type {
  DeploymentEvent,
  DeploymentStatus,
} from '@lab2live/plugin-ml-catalog-common';

/** A stretch of time in one environment with one version and status. */
export interface TimelineSegment {
  environment: string;
  version: string;
  status: DeploymentStatus;
  start: number;
  end: number;
}

/**
 * Turns the deployment history into segments per environment: each event holds until
 * the next newer event of its environment, the newest until `now`. Environments come in
 * the configured order, unknown ones after them.
 */
export function toTimeline(
  events: DeploymentEvent[],
  environments: string[],
  now: number,
): {
  lanes: Array<{ environment: string; segments: TimelineSegment[] }>;
  start: number;
} {
  const byEnvironment = new Map<string, DeploymentEvent[]>();
  for (const event of events) {
    const list = byEnvironment.get(event.environment) ?? [];
    list.push(event);
    byEnvironment.set(event.environment, list);
  }
  const order = [
    ...environments,
    ...[...byEnvironment.keys()].filter(e => !environments.includes(e)).sort(),
  ];
  let start = now;
  const lanes = order
    .filter(environment => byEnvironment.has(environment))
    .map(environment => {
      const sorted = [...byEnvironment.get(environment)!].sort(
        (a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp),
      );
      const segments = sorted.map((event, i) => {
        const segmentStart = Date.parse(event.timestamp);
        start = Math.min(start, segmentStart);
        const next = sorted[i + 1];
        return {
          environment,
          version: event.version,
          status: event.status,
          start: segmentStart,
          end: next ? Date.parse(next.timestamp) : now,
        };
      });
      return { environment, segments };
    });
  return { lanes, start };
}
