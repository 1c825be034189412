import type { SlaObjective } from '@lab2live/plugin-ml-catalog-common';
import type { RollupTotals } from '../database/ObservationStore';
import {
  evaluateModelAge,
  evaluateObjective,
  ObjectiveTotals,
  parseWindow,
  worstAlert,
  worstStatus,
} from './slaEvaluation';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const options = { missBudget: 0.05 };

/** Good out of valid events (or samples), with a sum for the mean. */
const counts = (good: number, valid: number, sum = 0): RollupTotals => ({
  samples: valid,
  sum,
  good,
  valid,
});

function evaluate(
  objective: SlaObjective,
  totals: Partial<ObjectiveTotals>,
  window = '30d',
) {
  return evaluateObjective({
    sla: 'sla:default/churn-scoring',
    window,
    objective,
    field: 'spec.objectives[0]',
    totals: { burn: {}, ...totals },
    options,
  });
}

const availability: SlaObjective = {
  name: 'availability',
  indicator: 'availability_pct',
  op: 'gte',
  target: 99.5,
};
const errorRate: SlaObjective = {
  indicator: 'error_rate_pct',
  op: 'lte',
  target: 1,
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

describe('evaluateObjective: ratio objectives (good / valid)', () => {
  it('is no_data without valid events in the window', () => {
    expect(evaluate(availability, {})).toMatchObject({
      status: 'no_data',
      samples: 0,
      missed: 0,
    });
    expect(evaluate(availability, { window: counts(0, 0) }).status).toBe(
      'no_data',
    );
  });

  it('computes good over valid, not a mean of reports: 99.75% leaves half of a 0.5% budget', () => {
    // One busy period (9,975 good of 10,000) and nothing else: 99.75%.
    expect(evaluate(availability, { window: counts(9975, 10000) })).toEqual({
      sla: 'sla:default/churn-scoring',
      window: '30d',
      name: 'availability',
      indicator: 'availability_pct',
      op: 'gte',
      target: 99.5,
      status: 'met',
      value: 99.75,
      samples: 10000,
      missed: 25,
      budgetLeft: 0.5,
    });
  });

  it('is at risk exactly at the target and breached just below it', () => {
    expect(evaluate(availability, { window: counts(995, 1000) })).toMatchObject(
      { status: 'at_risk', value: 99.5, budgetLeft: 0 },
    );
    expect(evaluate(availability, { window: counts(994, 1000) })).toMatchObject(
      { status: 'breached', value: 99.4, budgetLeft: -0.2 },
    );
  });

  it('reads an error rate as the bad share of valid events', () => {
    expect(evaluate(errorRate, { window: counts(9950, 10000) })).toMatchObject({
      status: 'met',
      value: 0.5,
      missed: 50,
      budgetLeft: 0.5,
    });
  });
});

describe('evaluateObjective: threshold objectives (samples that met the target)', () => {
  it('allows exactly the miss budget: 1 miss in 20 samples is at risk, 2 are breached', () => {
    expect(evaluate(latency, { window: counts(19, 20, 2000) })).toMatchObject({
      status: 'at_risk',
      value: 100,
      samples: 20,
      missed: 1,
      budgetLeft: 0,
    });
    expect(evaluate(latency, { window: counts(18, 20) })).toMatchObject({
      status: 'breached',
      budgetLeft: -1,
    });
  });

  it("takes an objective's own missBudget over the configured one", () => {
    const strict = { ...latency, missBudget: 0 };
    expect(evaluate(strict, { window: counts(99, 100) }).status).toBe(
      'breached',
    );
    expect(evaluate(strict, { window: counts(100, 100) }).status).toBe('met');
  });

  it.each([1, 2, -0.5])(
    'names the field and the range for a missBudget of %s and keeps to the configured budget',
    missBudget => {
      // A budget of 1 or more would let every sample miss: it never breaches.
      const result = evaluate(
        { ...latency, missBudget },
        { window: counts(0, 100) },
      );
      expect(result.problem).toBe(
        `sla:default/churn-scoring spec.objectives[0].missBudget must be a share from 0 up to (not including) 1; got ${missBudget}`,
      );
      expect(result.status).toBe('breached');
    },
  );
});

describe('evaluateObjective: burn-rate alerts (multi-window, multi-burn-rate)', () => {
  // A 0.5% budget: 14.4x burns 7.2% of events, 6x burns 3%.
  const rate = (bad: number) => counts(1000 - bad * 10, 1000);
  const healthy = counts(999_000, 1_000_000);

  it('fires fast burn only when both the hour and the last 5 minutes burn over 14.4x', () => {
    const fast = evaluate(availability, {
      window: healthy,
      burn: { '5m': rate(8), '30m': rate(8), '1h': rate(7.5), '6h': rate(1.3) },
    });
    expect(fast).toMatchObject({
      status: 'at_risk',
      alert: 'fast_burn',
      burnRate: 15,
      burnRates: { '5m': 16, '30m': 16, '1h': 15, '6h': 2.6 },
    });
    // The hour still burns, but the last 5 minutes recovered: the alert resets.
    expect(
      evaluate(availability, {
        window: healthy,
        burn: { '5m': rate(0), '30m': rate(8), '1h': rate(7.5) },
      }).alert,
    ).toBeUndefined();
    // A 5-minute spike alone does not page.
    expect(
      evaluate(availability, {
        window: healthy,
        burn: { '5m': rate(50), '1h': rate(1) },
      }).alert,
    ).toBeUndefined();
  });

  it('fires slow burn when 6 hours and 30 minutes burn over 6x but the hour stays under 14.4x', () => {
    const slow = evaluate(availability, {
      window: healthy,
      burn: {
        '5m': rate(4),
        '30m': rate(3.5),
        '1h': rate(3.5),
        '6h': rate(3.2),
      },
    });
    expect(slow).toMatchObject({ alert: 'slow_burn', status: 'at_risk' });
    expect(
      evaluate(availability, {
        window: healthy,
        burn: { '30m': rate(3.5), '6h': rate(2.9) },
      }).alert,
    ).toBeUndefined();
  });

  it('burns threshold budgets by the share of samples that missed', () => {
    const result = evaluate(latency, {
      window: counts(990, 1000),
      burn: { '5m': counts(0, 2), '1h': counts(2, 12) },
    });
    // 100% missed / 5% = 20x; 10 of 12 missed / 5% = 16.7x.
    expect(result.burnRates).toEqual({ '5m': 20, '1h': 16.667 });
    expect(result.alert).toBe('fast_burn');
  });

  it('orders alerts fast before slow', () => {
    expect(worstAlert([undefined, 'slow_burn', 'fast_burn'])).toBe('fast_burn');
    expect(worstAlert(['slow_burn', undefined])).toBe('slow_burn');
    expect(worstAlert([undefined])).toBeUndefined();
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
