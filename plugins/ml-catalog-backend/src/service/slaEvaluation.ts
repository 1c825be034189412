import {
  missBudgetProblem,
  ObjectiveEvaluation,
  ObjectiveStatus,
  SLA_BURN_ALERTS,
  SlaBurnAlert,
  SlaBurnWindow,
  SlaObjective,
} from '@lab2live/plugin-ml-catalog-common';
import {
  coverPeriod,
  RollupPeriod,
  RollupTotals,
} from '../database/ObservationStore';

const HOUR = 3_600_000;
const WINDOW_UNITS: Record<string, number> = {
  h: HOUR,
  d: 24 * HOUR,
  w: 7 * 24 * HOUR,
};

/** An SLA window such as `30d`, `24h` or `4w`, in milliseconds; undefined if malformed. */
export function parseWindow(window: string): number | undefined {
  const match = /^(\d+)([hdw])$/.exec(window);
  if (!match || Number(match[1]) === 0) return undefined;
  return Number(match[1]) * WINDOW_UNITS[match[2]];
}

/** How the error budget of threshold objectives is set (`lab2live.sla`). */
export interface SlaEvaluationOptions {
  /** The share of a window's samples allowed to miss a threshold objective. */
  missBudget: number;
}

const FIVE_MINUTES = 300_000;
const floorTo = (t: number, size: number) => t - (t % size);

/** The windows ending now that burn rates are measured over, in milliseconds. */
export const BURN_WINDOWS: Record<SlaBurnWindow, number> = {
  '5m': 5 * 60_000,
  '30m': 30 * 60_000,
  '1h': HOUR,
  '6h': 6 * HOUR,
};

/** The name of a compliance window's period in {@link evaluationPeriods}. */
export const windowPeriod = (ms: number) => `window:${ms}`;

/** The roll-up periods an evaluation at `now` reads: each window length, and the burn windows. */
export function evaluationPeriods(
  now: number,
  windowsMs: number[],
): RollupPeriod[] {
  return [
    ...[...new Set(windowsMs)].map(ms => ({
      name: windowPeriod(ms),
      ranges: coverPeriod(now - ms, now),
    })),
    // A burn window starts at the 5-minute bucket holding its start: the last 5 minutes
    // are never an empty bucket that has just begun.
    ...Object.entries(BURN_WINDOWS).map(([name, ms]) => ({
      name,
      ranges: coverPeriod(floorTo(now - ms, FIVE_MINUTES), now, ['1h', '5m']),
    })),
  ];
}

/**
 * Availability and error rate (with the usual comparison) are ratios of good to valid
 * events: their budget is the distance from the target to perfect (99.5% available
 * leaves 0.5% of events), spent by the bad events over the window. Every other objective
 * is a threshold checked per sample: its budget is the share of samples allowed to miss.
 */
export function ratioObjective(
  objective: Pick<SlaObjective, 'indicator' | 'op' | 'target'>,
):
  | { budget: number; percent: (good: number, valid: number) => number }
  | undefined {
  const { indicator, op, target } = objective;
  if (indicator === 'availability_pct' && (op === 'gte' || op === 'gt')) {
    return {
      budget: (100 - target) / 100,
      percent: (good, valid) => (100 * good) / valid,
    };
  }
  if (indicator === 'error_rate_pct' && (op === 'lte' || op === 'lt')) {
    return {
      budget: target / 100,
      percent: (good, valid) => 100 * (1 - good / valid),
    };
  }
  return undefined;
}

/** The roll-up criterion a threshold objective counts its samples under, e.g. `lte:120`. */
export const criterionOf = (objective: Pick<SlaObjective, 'op' | 'target'>) =>
  `${objective.op}:${objective.target}`;

/** What the roll-ups hold for one objective of one model. */
export interface ObjectiveTotals {
  /** Over the compliance window. */
  window?: RollupTotals;
  /** Over each burn-rate window. */
  burn: Partial<Record<SlaBurnWindow, RollupTotals>>;
}

/** What every evaluation repeats of its objective. */
function describeObjective(
  sla: string,
  window: string,
  objective: SlaObjective,
) {
  return {
    sla,
    window,
    name: objective.name ?? objective.indicator,
    indicator: objective.indicator,
    op: objective.op,
    target: objective.target,
  };
}

/** Whether a value meets `op target`. */
export function meets(objective: SlaObjective, value: number): boolean {
  const { op, target } = objective;
  switch (op) {
    case 'lt':
      return value < target;
    case 'lte':
      return value <= target;
    case 'gt':
      return value > target;
    case 'gte':
      return value >= target;
    case 'eq':
      return value === target;
    default:
      return false;
  }
}

/** Below this share of budget left an objective that still holds is at risk. */
export const AT_RISK_BUDGET_LEFT = 0.25;

/**
 * Evaluates one objective over its window from the roll-ups.
 *
 * Both kinds count good out of valid over the window: ratio objectives their good and
 * valid events (a single reported value counts as one event, `value / 100` of it good),
 * threshold objectives their samples that met the target out of all samples. The bad
 * share spends the budget: `target` away from perfect for ratios, `missBudget` for
 * thresholds.
 *
 * - `no_data`: nothing observed in the window;
 * - `breached`: ratio objectives: good / valid over the window misses the target;
 *   threshold objectives: more samples missed than the budget allows;
 * - `at_risk`: still holding, but less than a quarter of the budget is left or a
 *   burn-rate alert fires;
 * - `met`: otherwise.
 *
 * Burn rates are the bad share over a window ending now divided by the budget (1 spends
 * the budget exactly in the compliance window); the alerts are the SRE workbook's
 * multi-window, multi-burn-rate pairs of {@link SLA_BURN_ALERTS}.
 */
export function evaluateObjective(input: {
  sla: string;
  window: string;
  objective: SlaObjective;
  /** Where the objective is declared, for problems: `spec.objectives[2]`. */
  field?: string;
  totals: ObjectiveTotals;
  options: SlaEvaluationOptions;
}): ObjectiveEvaluation {
  const { sla, window, objective, totals, options } = input;
  const base = describeObjective(sla, window, objective);
  const ratio = ratioObjective(objective);
  let budget: number;
  let problem: string | undefined;
  if (ratio) {
    budget = ratio.budget;
  } else if (objective.missBudget === undefined) {
    budget = options.missBudget;
  } else {
    problem = missBudgetProblem(
      objective.missBudget,
      `${sla} ${input.field ?? 'objective'}.missBudget`,
    );
    budget = problem ? options.missBudget : objective.missBudget;
  }
  const withProblem = problem ? { problem } : {};
  const w = totals.window;
  if (!w || w.valid <= 0) {
    return {
      ...base,
      status: 'no_data',
      samples: 0,
      missed: 0,
      ...withProblem,
    };
  }

  // (valid - good) / valid, not 1 - good / valid: 19 of 20 must leave exactly 5%.
  const badShare = Math.max(0, (w.valid - w.good) / w.valid);
  const budgetLeft = budgetLeftOf(badShare, budget);
  const value = ratio ? ratio.percent(w.good, w.valid) : w.sum / w.samples;
  const breached = ratio ? !meets(objective, value) : budgetLeft < 0;

  const burnRates: Partial<Record<SlaBurnWindow, number>> = {};
  if (budget > 0) {
    for (const name of Object.keys(BURN_WINDOWS) as SlaBurnWindow[]) {
      const b = totals.burn[name];
      if (b && b.valid > 0) {
        burnRates[name] = Math.max(0, (b.valid - b.good) / b.valid) / budget;
      }
    }
  }
  const alert = SLA_BURN_ALERTS.find(
    a =>
      (burnRates[a.long] ?? 0) > a.threshold &&
      (burnRates[a.short] ?? 0) > a.threshold,
  )?.alert;

  let status: ObjectiveStatus = 'met';
  if (breached) {
    status = 'breached';
  } else if (budgetLeft < AT_RISK_BUDGET_LEFT || alert) {
    status = 'at_risk';
  }
  const rounded = Object.fromEntries(
    Object.entries(burnRates).map(([k, v]) => [k, round(v)]),
  );
  return {
    ...base,
    status,
    value: round(value),
    samples: round(w.valid),
    missed: round(w.valid - w.good),
    budgetLeft: round(budgetLeft),
    ...(burnRates['1h'] === undefined
      ? {}
      : { burnRate: round(burnRates['1h']) }),
    ...(Object.keys(rounded).length ? { burnRates: rounded } : {}),
    ...(alert ? { alert } : {}),
    ...withProblem,
  };
}

/**
 * Model age is computed from deployment events, never pushed: the days since the version
 * that runs in the most senior environment was first reported. It has no budget: it is
 * at risk once 80% of the allowed age has passed, breached beyond it.
 */
export function evaluateModelAge(input: {
  sla: string;
  window: string;
  objective: SlaObjective;
  ageDays: number | undefined;
}): ObjectiveEvaluation {
  const { sla, window, objective, ageDays } = input;
  const base = describeObjective(sla, window, objective);
  if (ageDays === undefined) {
    return { ...base, status: 'no_data', samples: 0, missed: 0 };
  }
  const ok = meets(objective, ageDays);
  const upperBound = objective.op === 'lte' || objective.op === 'lt';
  let status: ObjectiveStatus = 'met';
  if (!ok) status = 'breached';
  const nearLimit =
    upperBound && objective.target > 0 && ageDays >= objective.target * 0.8;
  return {
    ...base,
    status: ok && nearLimit ? 'at_risk' : status,
    value: round(ageDays),
    samples: 1,
    missed: ok ? 0 : 1,
    ...(upperBound && objective.target > 0
      ? { budgetLeft: round(1 - ageDays / objective.target) }
      : {}),
  };
}

const STATUS_SEVERITY: Record<ObjectiveStatus, number> = {
  met: 0,
  no_data: 1,
  at_risk: 2,
  breached: 3,
};

/**
 * The worst status of a model's objectives: breached, then at risk, then no data; none
 * when the model has no objectives.
 */
export function worstStatus(
  statuses: ObjectiveStatus[],
): ObjectiveStatus | undefined {
  if (statuses.length === 0) return undefined;
  return statuses.reduce((worst, s) =>
    STATUS_SEVERITY[s] > STATUS_SEVERITY[worst] ? s : worst,
  );
}

/** The most urgent burn-rate alert among objectives: fast before slow. */
export function worstAlert(
  alerts: Array<SlaBurnAlert | undefined>,
): SlaBurnAlert | undefined {
  return SLA_BURN_ALERTS.map(a => a.alert).find(a => alerts.includes(a));
}

/** The budget left when `spent` of `budget` is used; a zero budget is all or nothing. */
function budgetLeftOf(spent: number, budget: number): number {
  if (budget > 0) return 1 - spent / budget;
  return spent > 0 ? -1 : 1;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
