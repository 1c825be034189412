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

/** An objective as a reader says it, e.g. `latency_p95_ms ≤ 120 ms`. */
export function formatObjective(objective: SlaObjective): string {
  const unit =
    UNITS.find(([pattern]) => pattern.test(objective.indicator))?.[1] ?? '';
  return `${objective.indicator} ${OPS[objective.op] ?? objective.op} ${
    objective.target
  }${unit}`;
}
