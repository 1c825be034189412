/**
 * How an SLA objective stands over its window.
 * @public
 */
export type ObjectiveStatus = 'met' | 'at_risk' | 'breached' | 'no_data';

/**
 * All values of {@link ObjectiveStatus}, from best to worst; `no_data` last.
 * @public
 */
export const OBJECTIVE_STATUSES: readonly ObjectiveStatus[] = [
  'met',
  'at_risk',
  'breached',
  'no_data',
];

/**
 * The burn-rate alert of an objective, as the SRE workbook's multi-window, multi-burn-rate
 * alerts: `fast_burn` when the budget burns at more than 14.4 times the sustainable pace
 * over both the last hour and the last 5 minutes, `slow_burn` at more than 6 times over
 * both the last 6 hours and the last 30 minutes.
 * @public
 */
export type SlaBurnAlert = 'fast_burn' | 'slow_burn';

/**
 * The burn-rate alert windows: `[long, short, threshold]` per alert.
 * @public
 */
export const SLA_BURN_ALERTS: ReadonlyArray<{
  alert: SlaBurnAlert;
  long: SlaBurnWindow;
  short: SlaBurnWindow;
  threshold: number;
}> = [
  { alert: 'fast_burn', long: '1h', short: '5m', threshold: 14.4 },
  { alert: 'slow_burn', long: '6h', short: '30m', threshold: 6 },
];

/**
 * The windows ending now that burn rates are measured over.
 * @public
 */
export type SlaBurnWindow = '5m' | '30m' | '1h' | '6h';

/**
 * The indicators that are ratios of good to valid events, in percent: they accept
 * `good` and `valid` counts.
 * @public
 */
export const SLA_RATIO_INDICATORS: readonly string[] = [
  'availability_pct',
  'error_rate_pct',
];

/**
 * The share of samples a threshold objective may miss: at least 0 and below 1, so some
 * share of misses always breaches.
 * @public
 */
export function missBudgetProblem(
  value: unknown,
  field: string,
): string | undefined {
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    value < 1
  ) {
    return undefined;
  }
  return `${field} must be a share from 0 up to (not including) 1; got ${JSON.stringify(
    value,
  )}`;
}

/**
 * One observation of an indicator for a model: a single value, or (ratio indicators
 * only) the counts of good and valid events since the previous observation.
 * @public
 */
export interface SlaObservationInput {
  model: string;
  /** A pushed indicator; `model_age_days` is computed from deployments and refused here. */
  indicator: string;
  /**
   * The observed value. For a ratio indicator a single value counts as one valid event
   * of which `value / 100` was good (availability) or bad (error rate).
   */
  value?: number;
  /** Ratio indicators: the events that went well (availability) in the period. */
  good?: number;
  /** Ratio indicators: all events that count in the period; `good` is at most this. */
  valid?: number;
  timestamp: string;
  /** Optional: a retried observation with the same id is stored once. */
  observationId?: string;
}

/**
 * An objective of an SLA for one model, evaluated over the SLA's window.
 * @public
 */
export interface ObjectiveEvaluation {
  /** The SLA entity, e.g. `sla:default/churn-scoring`. */
  sla: string;
  name: string;
  indicator: string;
  op: string;
  target: number;
  window: string;
  status: ObjectiveStatus;
  /**
   * The value over the window: good / valid in percent for ratio indicators, the mean of
   * the samples for others, the computed age for model age.
   */
  value?: number;
  /**
   * Observations in the window, and how many missed the target: for ratio indicators the
   * valid events and the bad ones among them.
   */
  samples: number;
  missed: number;
  /**
   * The share of the error budget left, 1 (untouched) to 0 (spent) and below (overspent);
   * absent without data.
   */
  budgetLeft?: number;
  /**
   * How fast the budget burns over the last hour: 1 spends it exactly by the window's
   * end; absent without data in that hour.
   */
  burnRate?: number;
  /** The burn rate over each alert window that holds data. */
  burnRates?: Partial<Record<SlaBurnWindow, number>>;
  /** A burn-rate alert that fires now. */
  alert?: SlaBurnAlert;
  /** What is wrong with the objective's definition, when it could not be evaluated as written. */
  problem?: string;
}

/**
 * The SLA status of one model: every objective of every SLA that covers it.
 * @public
 */
export interface ModelSlaStatus {
  /** The worst objective status; `no_data` when nothing was observed; absent without SLAs. */
  status?: ObjectiveStatus;
  /** The most urgent burn-rate alert of its objectives (fast before slow). */
  alert?: SlaBurnAlert;
  objectives: ObjectiveEvaluation[];
}
