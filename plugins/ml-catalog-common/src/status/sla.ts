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
 * One observed value of an indicator for a model.
 * @public
 */
export interface SlaObservationInput {
  model: string;
  /** A pushed indicator; `model_age_days` is computed from deployments and refused here. */
  indicator: string;
  value: number;
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
  /** The newest observed value, or the computed one (model age). */
  value?: number;
  /** Observations in the window, and how many missed the target. */
  samples: number;
  missed: number;
  /**
   * The share of the error budget left, 1 (untouched) to 0 (spent) and below (overspent);
   * absent without data.
   */
  budgetLeft?: number;
  /** How fast the budget burns over the window's most recent tenth: 1 spends it exactly by the window's end. */
  burnRate?: number;
}

/**
 * The SLA status of one model: every objective of every SLA that covers it.
 * @public
 */
export interface ModelSlaStatus {
  /** The worst objective status; `no_data` when nothing was observed; absent without SLAs. */
  status?: ObjectiveStatus;
  objectives: ObjectiveEvaluation[];
}
