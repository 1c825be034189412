import type { ObjectiveEvaluation } from '@lab2live/plugin-ml-catalog-common';
import { formatIndicatorValue } from './slaFormat';

/** Indicators whose window value is good events over valid ones. */
const RATIO_INDICATORS = ['availability_pct', 'error_rate_pct'];

/** The measured side of an objective: value, budget left and burn rate, in words. */
export function formatEvaluation(evaluation: ObjectiveEvaluation): string {
  const computedAge = evaluation.indicator === 'model_age_days';
  if (evaluation.status === 'no_data') {
    return computedAge
      ? 'no serving deployment reported'
      : `no observations in the last ${evaluation.window}`;
  }
  const parts: string[] = [];
  if (evaluation.value !== undefined) {
    let label = 'window mean';
    if (RATIO_INDICATORS.includes(evaluation.indicator)) label = 'good / valid';
    if (computedAge) label = 'deployed version age';
    parts.push(
      `${label} ${formatIndicatorValue(
        evaluation.indicator,
        evaluation.value,
      )}`,
    );
  }
  if (evaluation.budgetLeft !== undefined) {
    parts.push(`budget left ${Math.round(evaluation.budgetLeft * 100)}%`);
  }
  if (evaluation.burnRate !== undefined) {
    parts.push(`burn rate ${evaluation.burnRate.toFixed(1)}× over 1 h`);
  }
  if (evaluation.samples > 1) {
    parts.push(`${evaluation.missed} of ${evaluation.samples} samples missed`);
  }
  return parts.join(' · ');
}
