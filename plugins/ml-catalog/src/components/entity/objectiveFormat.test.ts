import { formatEvaluation } from './objectiveFormat';

describe('formatEvaluation', () => {
  it('says where data is missing and names the computed model age', () => {
    const base = {
      sla: 'sla:default/x',
      name: 'age',
      op: 'lte',
      target: 90,
      window: '30d',
      samples: 0,
      missed: 0,
    };
    expect(
      formatEvaluation({
        ...base,
        indicator: 'model_age_days',
        status: 'no_data',
      }),
    ).toBe('no serving deployment reported');
    expect(
      formatEvaluation({
        ...base,
        indicator: 'latency_p95_ms',
        status: 'no_data',
      }),
    ).toBe('no observations in the last 30d');
  });
});
