import {
  DEFAULT_METRIC_DIRECTION,
  MetricDirection,
  MLModelMetric,
} from './kinds/MLModelEntityV1alpha1';

/**
 * How a value compares with its threshold: `pass` (meets it), `fail`
 * (misses it) or `none` (there is no threshold to meet).
 *
 * @public
 */
export type ThresholdResult = 'pass' | 'fail' | 'none';

/**
 * One slice of a metric judged against the metric's threshold.
 *
 * @public
 */
export interface MetricSliceEvaluation {
  name: string;
  value: number;
  result: ThresholdResult;
}

/**
 * A metric judged against its threshold, in its direction, overall and on
 * every slice.
 *
 * @public
 */
export interface MetricEvaluation {
  /** The stated direction, or {@link DEFAULT_METRIC_DIRECTION}. */
  direction: MetricDirection;
  /** `fail` when the overall value or any slice misses the threshold. */
  result: ThresholdResult;
  /** The overall value alone. */
  overall: ThresholdResult;
  slices: MetricSliceEvaluation[];
  /** The names of the slices that miss the threshold, in the entity's order. */
  failingSlices: string[];
}

/**
 * The direction a metric is judged in: the one it states, else
 * {@link DEFAULT_METRIC_DIRECTION}. Never guessed from the metric's name.
 *
 * @public
 */
export function metricDirection(
  metric: Pick<MLModelMetric, 'direction'>,
): MetricDirection {
  return metric.direction === 'lower' || metric.direction === 'higher'
    ? metric.direction
    : DEFAULT_METRIC_DIRECTION;
}

/**
 * Whether a value meets a threshold in the given direction: at or above it
 * when higher is better, at or below it when lower is better. Values that
 * are not finite numbers never meet a threshold.
 *
 * @public
 */
export function meetsThreshold(
  value: number,
  threshold: number,
  direction: MetricDirection,
): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(threshold)) {
    return false;
  }
  return direction === 'lower' ? value <= threshold : value >= threshold;
}

/**
 * The threshold written with its comparison, e.g. `≥ 0.8` or `≤ 15`.
 *
 * @public
 */
export function describeThreshold(
  threshold: number,
  direction: MetricDirection,
): string {
  return `${direction === 'lower' ? '≤' : '≥'} ${threshold}`;
}

/**
 * Judges a metric against its threshold, in its direction, overall and on
 * every slice. This is the one place that decides whether a metric "meets
 * its threshold": pages, cards and governance checks all call it.
 *
 * @public
 */
export function evaluateMetric(metric: MLModelMetric): MetricEvaluation {
  const direction = metricDirection(metric);
  const hasThreshold =
    typeof metric.threshold === 'number' && Number.isFinite(metric.threshold);
  const judge = (value: number): ThresholdResult => {
    if (!hasThreshold) {
      return 'none';
    }
    return meetsThreshold(value, metric.threshold!, direction)
      ? 'pass'
      : 'fail';
  };
  const overall = judge(metric.value);
  const slices = (Array.isArray(metric.slices) ? metric.slices : []).map(
    slice => ({
      name: slice.name,
      value: slice.value,
      result: judge(slice.value),
    }),
  );
  const failingSlices = slices
    .filter(slice => slice.result === 'fail')
    .map(slice => slice.name);
  let result: ThresholdResult = 'none';
  if (hasThreshold) {
    result = overall === 'fail' || failingSlices.length > 0 ? 'fail' : 'pass';
  }
  return { direction, result, overall, slices, failingSlices };
}
