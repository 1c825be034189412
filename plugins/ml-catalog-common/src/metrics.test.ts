import type { MLModelMetric } from './kinds/MLModelEntityV1alpha1';
import {
  describeThreshold,
  evaluateMetric,
  meetsThreshold,
  metricDirection,
} from './metrics';

describe('metricDirection', () => {
  it('is the stated direction, higher when none is stated', () => {
    expect(metricDirection({ direction: 'lower' })).toBe('lower');
    expect(metricDirection({ direction: 'higher' })).toBe('higher');
    expect(metricDirection({})).toBe('higher');
  });

  it('never guesses from the name', () => {
    expect(evaluateMetric({ name: 'rmse', value: 20, threshold: 15 })).toEqual(
      expect.objectContaining({ direction: 'higher', result: 'pass' }),
    );
  });
});

describe('meetsThreshold', () => {
  it.each([
    [0.8, 0.8, 'higher', true],
    [0.81, 0.8, 'higher', true],
    [0.79, 0.8, 'higher', false],
    [15, 15, 'lower', true],
    [14.9, 15, 'lower', true],
    [15.1, 15, 'lower', false],
    [NaN, 15, 'lower', false],
    [Infinity, 15, 'higher', false],
  ] as const)('%s against %s (%s is better): %s', (v, t, d, expected) => {
    expect(meetsThreshold(v, t, d)).toBe(expected);
  });
});

describe('describeThreshold', () => {
  it('writes the comparison of the direction', () => {
    expect(describeThreshold(0.8, 'higher')).toBe('≥ 0.8');
    expect(describeThreshold(15, 'lower')).toBe('≤ 15');
  });
});

describe('evaluateMetric', () => {
  it('fails an RMSE above its threshold when lower is better', () => {
    const rmse: MLModelMetric = {
      name: 'rmse',
      value: 18,
      direction: 'lower',
      threshold: 15,
    };
    expect(evaluateMetric(rmse)).toEqual({
      direction: 'lower',
      result: 'fail',
      overall: 'fail',
      slices: [],
      failingSlices: [],
    });
    expect(evaluateMetric({ ...rmse, value: 12 }).result).toBe('pass');
  });

  it('fails a false-positive rate that got worse, and passes one that got better', () => {
    const fpr: MLModelMetric = {
      name: 'false_positive_rate',
      value: 0.04,
      direction: 'lower',
      threshold: 0.02,
    };
    expect(evaluateMetric(fpr).result).toBe('fail');
    expect(evaluateMetric({ ...fpr, value: 0.01 }).result).toBe('pass');
  });

  it('checks every slice and names the failing ones, in either direction', () => {
    const auc: MLModelMetric = {
      name: 'auc',
      value: 0.87,
      threshold: 0.8,
      slices: [
        { name: 'market=DE', value: 0.9 },
        { name: 'tenure<3m', value: 0.72 },
        { name: 'market=FR', value: 0.8 },
        { name: 'market=PL', value: 0.79 },
      ],
    };
    expect(evaluateMetric(auc)).toEqual({
      direction: 'higher',
      result: 'fail',
      overall: 'pass',
      slices: [
        { name: 'market=DE', value: 0.9, result: 'pass' },
        { name: 'tenure<3m', value: 0.72, result: 'fail' },
        { name: 'market=FR', value: 0.8, result: 'pass' },
        { name: 'market=PL', value: 0.79, result: 'fail' },
      ],
      failingSlices: ['tenure<3m', 'market=PL'],
    });

    const mae: MLModelMetric = {
      name: 'mae',
      value: 4,
      direction: 'lower',
      threshold: 5,
      slices: [
        { name: 'age 18-24', value: 6.5 },
        { name: 'age 65+', value: 3 },
      ],
    };
    expect(evaluateMetric(mae)).toEqual(
      expect.objectContaining({
        result: 'fail',
        overall: 'pass',
        failingSlices: ['age 18-24'],
      }),
    );
  });

  it('passes when the value and every slice meet the threshold', () => {
    expect(
      evaluateMetric({
        name: 'auc',
        value: 0.9,
        threshold: 0.8,
        slices: [{ name: 'a', value: 0.85 }],
      }).result,
    ).toBe('pass');
  });

  it('has nothing to judge without a threshold', () => {
    expect(
      evaluateMetric({
        name: 'auc',
        value: 0.5,
        slices: [{ name: 'a', value: 0.1 }],
      }),
    ).toEqual({
      direction: 'higher',
      result: 'none',
      overall: 'none',
      slices: [{ name: 'a', value: 0.1, result: 'none' }],
      failingSlices: [],
    });
  });
});
