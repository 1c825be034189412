import type {
  ObjectiveEvaluation,
  ObjectiveStatus,
  SlaObjective,
} from '@lab2live/plugin-ml-catalog-common';

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

/** One observed value of an indicator. */
export interface Sample {
  value: number;
  at: number;
}

/** How the error budget of threshold objectives is set (`lab2live.sla`). */
export interface SlaEvaluationOptions {
  /** The share of a window's samples allowed to miss a threshold objective. */
  missBudget: number;
}

/**
 * Availability and error rate are ratios of good and bad requests: their error budget is
 * the distance from the target to perfect (99.5% available leaves 0.5 points), spent by
 * the window's mean. Every other indicator is a threshold checked per sample: its budget
 * is the share of samples allowed to miss ({@link SlaEvaluationOptions.missBudget}).
 */
function ratioBudget(
  objective: SlaObjective,
): { budget: number; spent: (value: number) => number } | undefined {
  const { indicator, op, target } = objective;
  if (indicator === 'availability_pct' && (op === 'gte' || op === 'gt')) {
    return { budget: 100 - target, spent: value => Math.max(0, 100 - value) };
  }
  if (indicator === 'error_rate_pct' && (op === 'lte' || op === 'lt')) {
    return { budget: target, spent: value => Math.max(0, value) };
  }
  return undefined;
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

const mean = (values: number[]) =>
  values.reduce((sum, v) => sum + v, 0) / values.length;

/** Below this share of budget left an objective that still holds is at risk. */
export const AT_RISK_BUDGET_LEFT = 0.25;
/** The most recent part of the window whose pace is the burn rate. */
const BURN_RATE_SHARE = 0.1;

/**
 * Evaluates one objective over its window ending at `now`.
 *
 * - `no_data`: nothing observed in the window;
 * - `breached`: ratio objectives: the window's mean misses the target; threshold
 *   objectives: more samples missed than the budget allows;
 * - `at_risk`: still holding, but less than a quarter of the budget is left or the
 *   recent pace (burn rate above 1) would spend it before the window ends;
 * - `met`: otherwise.
 */
export function evaluateObjective(input: {
  sla: string;
  window: string;
  objective: SlaObjective;
  samples: Sample[];
  now: number;
  options: SlaEvaluationOptions;
}): ObjectiveEvaluation {
  const { sla, window, objective, now, options } = input;
  const windowMs = parseWindow(window) ?? 0;
  const start = now - windowMs;
  const inWindow = input.samples
    .filter(s => s.at >= start && s.at <= now)
    .sort((a, b) => a.at - b.at);
  const recentStart = now - windowMs * BURN_RATE_SHARE;
  const recent = inWindow.filter(s => s.at >= recentStart);
  const base = describeObjective(sla, window, objective);
  if (inWindow.length === 0) {
    return { ...base, status: 'no_data', samples: 0, missed: 0 };
  }

  const values = inWindow.map(s => s.value);
  const missed = values.filter(v => !meets(objective, v)).length;
  const ratio = ratioBudget(objective);
  let value: number;
  let budgetLeft: number;
  let burnRate: number | undefined;
  let breached: boolean;
  if (ratio) {
    value = mean(values);
    const spent = ratio.spent(value);
    budgetLeft = budgetLeftOf(spent, ratio.budget);
    if (recent.length > 0 && ratio.budget > 0) {
      burnRate = ratio.spent(mean(recent.map(s => s.value))) / ratio.budget;
    }
    breached = !meets(objective, value);
  } else {
    value = values[values.length - 1];
    const allowed = options.missBudget;
    const missedShare = missed / values.length;
    budgetLeft = budgetLeftOf(missedShare, allowed);
    if (recent.length > 0 && allowed > 0) {
      const recentMissed = recent.filter(
        s => !meets(objective, s.value),
      ).length;
      burnRate = recentMissed / recent.length / allowed;
    }
    breached = budgetLeft < 0;
  }

  let status: ObjectiveStatus = 'met';
  if (breached) {
    status = 'breached';
  } else if (
    budgetLeft < AT_RISK_BUDGET_LEFT ||
    (burnRate !== undefined && burnRate > 1)
  ) {
    status = 'at_risk';
  }
  return {
    ...base,
    status,
    value: round(value),
    samples: values.length,
    missed,
    budgetLeft: round(budgetLeft),
    ...(burnRate === undefined ? {} : { burnRate: round(burnRate) }),
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

/** The budget left when `spent` of `budget` is used; a zero budget is all or nothing. */
function budgetLeftOf(spent: number, budget: number): number {
  if (budget > 0) return 1 - spent / budget;
  return spent > 0 ? -1 : 1;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
