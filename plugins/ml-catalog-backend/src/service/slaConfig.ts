import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { missBudgetProblem } from '@lab2live/plugin-ml-catalog-common';
import type { ObservationRetention } from '../database/ObservationStore';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What `lab2live.sla` configures. */
export interface SlaSettings {
  missBudget: number;
  retention: ObservationRetention;
  /** When expired observations and roll-ups are deleted (once across replicas). */
  expirySchedule: SchedulerServiceTaskScheduleDefinition;
  /** How long a status read's roll-up sums are reused. */
  statusMaxAgeMs: number;
}

/** Each retention key, its default, and the least it may be (what evaluations read). */
const RETENTION: Array<{
  key: string;
  field: keyof ObservationRetention;
  fallback: number;
  least: number;
  why: string;
}> = [
  {
    key: 'observations',
    field: 'raw',
    fallback: 2 * DAY,
    least: HOUR,
    why: 'retried observations are recognised by their id while it is kept',
  },
  {
    key: 'fiveMinuteRollups',
    field: '5m',
    fallback: 2 * DAY,
    least: 7 * HOUR,
    why: 'the 6-hour burn-rate window and its 5-minute edge read them',
  },
  {
    key: 'hourlyRollups',
    field: '1h',
    fallback: 35 * DAY,
    least: 2 * DAY,
    why: 'the hours at both ends of a compliance window read them',
  },
  {
    key: 'dailyRollups',
    field: '1d',
    fallback: 400 * DAY,
    least: 2 * DAY,
    why: 'compliance windows read whole days from them',
  },
];

/** Reads `lab2live.sla`; a bad value stops the backend with a message naming the key. */
export function readSlaSettings(config: Config): SlaSettings {
  const missBudget = config.getOptionalNumber('lab2live.sla.missBudget');
  if (missBudget !== undefined) {
    const problem = missBudgetProblem(missBudget, 'lab2live.sla.missBudget');
    if (problem) throw new Error(problem);
  }
  const retention = {} as ObservationRetention;
  for (const { key, field, fallback, least, why } of RETENTION) {
    const path = `lab2live.sla.retention.${key}`;
    const ms = config.has(path)
      ? durationToMilliseconds(readDurationFromConfig(config, { key: path }))
      : fallback;
    if (!(ms >= least)) {
      throw new Error(
        `${path} must be at least ${least / HOUR} hours (${why}); got ${
          ms / HOUR
        } hours`,
      );
    }
    retention[field] = ms;
  }
  const schedulePath = 'lab2live.sla.retention.schedule';
  const maxAgePath = 'lab2live.sla.statusMaxAge';
  const statusMaxAgeMs = config.has(maxAgePath)
    ? durationToMilliseconds(
        readDurationFromConfig(config, { key: maxAgePath }),
      )
    : 10_000;
  if (!(statusMaxAgeMs <= 5 * 60_000)) {
    throw new Error(
      `${maxAgePath} must be at most 5 minutes (the shortest burn-rate window); got ${
        statusMaxAgeMs / 1000
      } seconds`,
    );
  }
  return {
    missBudget: missBudget ?? 0.05,
    statusMaxAgeMs,
    retention,
    expirySchedule: config.has(schedulePath)
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig(schedulePath),
        )
      : {
          frequency: { hours: 1 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 5 },
        },
  };
}
