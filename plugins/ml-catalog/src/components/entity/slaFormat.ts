import { SlaObjective } from '@lab2live/plugin-ml-catalog-common';

const OPS: Record<string, string> = {
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  eq: '=',
};

const UNITS: Array<[RegExp, string]> = [
  [/_ms$/, ' ms'],
  [/_pct$/, ' %'],
  [/_rps$/, ' req/s'],
  [/_days$/, ' days'],
  [/_hours$/, ' h'],
];

/** A value of an indicator with its unit, e.g. `120 ms` for `latency_p95_ms`. */
export function formatIndicatorValue(indicator: string, value: number): string {
  const unit = UNITS.find(([pattern]) => pattern.test(indicator))?.[1] ?? '';
  return `${value}${unit}`;
}

/** An objective as a reader says it, e.g. `latency_p95_ms ≤ 120 ms`. */
export function formatObjective(objective: SlaObjective): string {
  return `${objective.indicator} ${
    OPS[objective.op] ?? objective.op
  } ${formatIndicatorValue(objective.indicator, objective.target)}`;
}
