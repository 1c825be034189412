import type { Entity } from '@backstage/catalog-model';
import { LAB2LIVE_API_VERSION, SLA_KIND } from './constants';

/**
 * The built-in service level indicators.
 *
 * @public
 */
export type SlaBuiltinIndicator =
  | 'latency_p50_ms'
  | 'latency_p95_ms'
  | 'latency_p99_ms'
  | 'availability_pct'
  | 'error_rate_pct'
  | 'throughput_rps'
  | 'model_age_days'
  | 'data_freshness_hours';

/**
 * All values of {@link SlaBuiltinIndicator}, in schema order.
 *
 * @public
 */
export const SLA_BUILTIN_INDICATORS: readonly SlaBuiltinIndicator[] = [
  'latency_p50_ms',
  'latency_p95_ms',
  'latency_p99_ms',
  'availability_pct',
  'error_rate_pct',
  'throughput_rps',
  'model_age_days',
  'data_freshness_hours',
];

/**
 * A service level indicator: a built-in one, `quality:<metric>` (a metric of
 * the model, such as `quality:auc`) or `drift:<metric>`.
 *
 * @public
 */
export type SlaIndicator =
  | SlaBuiltinIndicator
  | `quality:${string}`
  | `drift:${string}`;

/**
 * How an observed value compares with an objective's target.
 *
 * @public
 */
export type SlaObjectiveOp = 'lt' | 'lte' | 'gt' | 'gte' | 'eq';

/**
 * All values of {@link SlaObjectiveOp}, in schema order.
 *
 * @public
 */
export const SLA_OBJECTIVE_OPS: readonly SlaObjectiveOp[] = [
  'lt',
  'lte',
  'gt',
  'gte',
  'eq',
];

/**
 * One objective of an SLA (`spec.objectives[]`): `indicator op target`.
 *
 * @public
 */
export type SlaObjective = {
  /** Display name; defaults to the indicator. */
  name?: string;
  indicator: SlaIndicator;
  op: SlaObjectiveOp;
  target: number;
  /**
   * Threshold objectives: the share of the window's samples allowed to miss, from 0 up
   * to (not including) 1; `lab2live.sla.missBudget` when absent.
   */
  missBudget?: number;
};

/**
 * An SLA entity, as described by `SLA.v1alpha1.schema.json`.
 *
 * @public
 */
export interface SlaEntityV1alpha1 extends Entity {
  apiVersion: typeof LAB2LIVE_API_VERSION;
  kind: typeof SLA_KIND;
  spec: {
    /** Entity reference; default kind Group. */
    owner: string;
    /** Entity references to the covered models; default kind MLModel. */
    appliesTo: string[];
    /** Entity references; default kind Component. */
    consumers?: string[];
    /** Compliance window: a whole number followed by h, d or w, e.g. `30d`. */
    window: string;
    objectives: SlaObjective[];
  };
}

/**
 * Tells whether an entity is an SLA (`lab2live.io/v1alpha1`).
 *
 * @public
 */
export function isSlaEntity(entity: Entity): entity is SlaEntityV1alpha1 {
  return entity.apiVersion === LAB2LIVE_API_VERSION && entity.kind === SLA_KIND;
}
