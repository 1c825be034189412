import { didYouMean, editDistance, suggest } from './suggest';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['table', 'table', 0],
    ['clasification', 'classification', 1],
    ['trainning', 'training', 1],
    ['hihg', 'high', 2],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('suggest', () => {
  const roles = ['training', 'validation', 'evaluation', 'monitoring'];

  it('finds the value a typo was meant to be', () => {
    expect(suggest('trainning', roles)).toBe('training');
    expect(suggest('evalutaion', roles)).toBe('evaluation');
  });

  it('ignores case but returns the value as it is spelt', () => {
    expect(suggest('mlmodel', ['MLModel', 'Dataset', 'SLA'])).toBe('MLModel');
    expect(suggest('Sla', ['MLModel', 'Dataset', 'SLA'])).toBe('SLA');
  });

  it('does not guess for values far from every known one', () => {
    expect(suggest('testing', roles)).toBeUndefined();
    expect(suggest('x', ['lt', 'gt'])).toBeUndefined();
  });

  it('allows at most two edits, and at most half of a short word', () => {
    expect(suggest('gtee', ['lt', 'lte', 'gt', 'gte', 'eq'])).toBe('gte');
    expect(suggest('trainingxyz', roles)).toBeUndefined();
    expect(suggest('ab', ['lt'])).toBeUndefined();
  });

  it('does not pick between two equally close values', () => {
    expect(
      suggest('latency_p90_ms', ['latency_p50_ms', 'latency_p95_ms']),
    ).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('phrases the suggestion for the end of a message', () => {
    expect(didYouMean('clasification', ['classification', 'regression'])).toBe(
      ' (did you mean "classification"?)',
    );
  });

  it('says nothing for allowed, far-off or non-string values', () => {
    expect(didYouMean('regression', ['classification', 'regression'])).toBe('');
    expect(didYouMean('clustering', ['classification', 'regression'])).toBe('');
    expect(didYouMean(5, ['classification', 'regression'])).toBe('');
  });
});
