import type { SlaObjective } from '@lab2live/plugin-ml-catalog-common';
import {
  evaluateModelAge,
  evaluateObjective,
  parseWindow,
  Sample,
  worstStatus,
} from './slaEvaluation';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-24T12:00:00Z');
const options = { missBudget: 0.05 };

function evaluate(objective: SlaObjective, samples: Sample[], window = '30d') {
  return evaluateObjective({
    sla: 'sla:default/churn-scoring',
    window,
    objective,
    samples,
    now: NOW,
    options,
  });
}

/** `count` samples spread evenly over the 30 days before NOW, with the given values. */
function spread(values: number[]): Sample[] {
  return values.map((value, i) => ({
    value,
    at: NOW - 30 * DAY + ((i + 1) * 30 * DAY) / values.length,
  }));
}

const availability: SlaObjective = {
  name: 'availability',
  indicator: 'availability_pct',
  op: 'gte',
  target: 99.5,
};
const latency: SlaObjective = {
  name: 'p95 latency',
  indicator: 'latency_p95_ms',
  op: 'lte',
  target: 120,
};

describe('parseWindow', () => {
  it('reads hours, days and weeks and refuses anything else', () => {
    expect(parseWindow('24h')).toBe(24 * HOUR);
    expect(parseWindow('30d')).toBe(30 * DAY);
    expect(parseWindow('4w')).toBe(28 * DAY);
    expect(parseWindow('0d')).toBeUndefined();
    expect(parseWindow('30 days')).toBeUndefined();
    expect(parseWindow('1m')).toBeUndefined();
  });
});

describe('evaluateObjective: ratio objectives (availability, error rate)', () => {
  it('is no_data without observations in the window, whatever came before it', () => {
    const old = [{ value: 50, at: NOW - 31 * DAY }];
    expect(evaluate(availability, old)).toMatchObject({
      status: 'no_data',
      samples: 0,
    });
    expect(evaluate(availability, old).budgetLeft).toBeUndefined();
  });

  it('is met with the whole budget left at 100%', () => {
    expect(evaluate(availability, spread([100, 100, 100]))).toMatchObject({
      status: 'met',
      value: 100,
      budgetLeft: 1,
      burnRate: 0,
      missed: 0,
    });
  });

  it('spends the budget by the mean: 99.75% leaves half of 0.5 points', () => {
    expect(evaluate(availability, spread([99.5, 100]))).toMatchObject({
      status: 'met',
      value: 99.75,
      budgetLeft: 0.5,
    });
  });

  it('is at risk, not breached, exactly at the target (budget spent to zero)', () => {
    expect(evaluate(availability, spread([99.5, 99.5]))).toMatchObject({
      status: 'at_risk',
      budgetLeft: 0,
    });
  });

  it('is breached just below the target', () => {
    const result = evaluate(availability, spread([99.49, 99.49]));
    expect(result.status).toBe('breached');
    expect(result.budgetLeft).toBeLessThan(0);
  });

  it('is at risk when the recent pace would spend the budget before the window ends', () => {
    // 29 good days, then a bad last day: the mean holds, the last tenth burns fast.
    const samples = [
      ...spread(Array(29).fill(100)).map(s => ({ ...s, at: s.at - DAY })),
      { value: 98.0, at: NOW - HOUR },
    ];
    const result = evaluate(availability, samples);
    expect(result.status).toBe('at_risk');
    expect(result.burnRate).toBeGreaterThan(1);
    expect(result.budgetLeft).toBeGreaterThan(0.25);
  });

  it('treats error rate as a ratio too: 0.25% of a 0.5% budget', () => {
    const errorRate: SlaObjective = {
      indicator: 'error_rate_pct',
      op: 'lte',
      target: 0.5,
    };
    expect(evaluate(errorRate, spread([0.25, 0.25]))).toMatchObject({
      name: 'error_rate_pct',
      status: 'met',
      budgetLeft: 0.5,
      burnRate: 0.5,
    });
  });
});

describe('evaluateObjective: threshold objectives (per sample)', () => {
  it('is met when no sample misses, and reports the newest value', () => {
    expect(evaluate(latency, spread([100, 110, 90]))).toMatchObject({
      status: 'met',
      value: 90,
      samples: 3,
      missed: 0,
      budgetLeft: 1,
    });
  });

  it('allows exactly the miss budget: 1 miss in 20 samples is at risk, not breached', () => {
    const values = Array(19).fill(100).concat([121]);
    // The miss is the oldest sample, so the recent pace is clean.
    const result = evaluate(latency, spread(values.reverse()));
    expect(result).toMatchObject({ missed: 1, samples: 20, budgetLeft: 0 });
    expect(result.status).toBe('at_risk');
  });

  it('is breached beyond the miss budget: 2 misses in 20 samples', () => {
    const values = Array(18).fill(100).concat([121, 121]).reverse();
    expect(evaluate(latency, spread(values))).toMatchObject({
      status: 'breached',
      missed: 2,
      budgetLeft: -1,
    });
  });

  it('counts a value equal to an lte target as met', () => {
    expect(evaluate(latency, spread([120])).status).toBe('met');
  });

  it('ignores samples outside the window and in the future', () => {
    const samples = [
      { value: 500, at: NOW - 8 * DAY },
      { value: 100, at: NOW - DAY },
      { value: 500, at: NOW + HOUR },
    ];
    expect(evaluate(latency, samples, '7d')).toMatchObject({
      status: 'met',
      samples: 1,
    });
  });

  it('reads gte quality floors per sample', () => {
    const auc: SlaObjective = {
      indicator: 'quality:auc',
      op: 'gte',
      target: 0.8,
    };
    expect(evaluate(auc, spread([0.79])).status).toBe('breached');
    expect(evaluate(auc, spread([0.8])).status).toBe('met');
  });
});

describe('evaluateModelAge', () => {
  const age: SlaObjective = {
    name: 'retrained monthly',
    indicator: 'model_age_days',
    op: 'lte',
    target: 30,
  };
  const run = (ageDays: number | undefined) =>
    evaluateModelAge({
      sla: 'sla:default/x',
      window: '30d',
      objective: age,
      ageDays,
    });

  it('has no data without a serving deployment', () => {
    expect(run(undefined).status).toBe('no_data');
  });

  it('is met when young, at risk from 80% of the allowed age, breached beyond it', () => {
    expect(run(10)).toMatchObject({ status: 'met', value: 10 });
    expect(run(23.9).status).toBe('met');
    expect(run(24).status).toBe('at_risk');
    expect(run(30)).toMatchObject({ status: 'at_risk', budgetLeft: 0 });
    expect(run(30.01).status).toBe('breached');
  });
});

describe('worstStatus', () => {
  it('orders breached, at risk, no data, met', () => {
    expect(worstStatus([])).toBeUndefined();
    expect(worstStatus(['met', 'met'])).toBe('met');
    expect(worstStatus(['met', 'no_data'])).toBe('no_data');
    expect(worstStatus(['no_data', 'at_risk', 'met'])).toBe('at_risk');
    expect(worstStatus(['at_risk', 'breached', 'no_data'])).toBe('breached');
  });
});
