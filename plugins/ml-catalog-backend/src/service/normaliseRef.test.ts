import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { normaliseRef } from './StatusService';

describe('normaliseRef', () => {
  const slow = (ref: string, kind: string) =>
    stringifyEntityRef(
      parseEntityRef(ref, { defaultKind: kind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');

  it.each([
    'mlmodel:default/churn-predictor',
    'MLModel:Default/Churn-Predictor',
    'churn-predictor',
    'default/churn',
    'resource:team-a/ai_model.v2',
    'mlmodel:default/model:with-colon',
    'mlmodel:default/a/b',
    'group:x/İstanbul',
  ])('gives %j as parsing and stringifying does', ref => {
    expect(normaliseRef(ref, 'mlmodel', 'model')).toBe(slow(ref, 'mlmodel'));
  });

  it('refuses what is not a ref, naming the field', () => {
    expect(() => normaliseRef('mlmodel:', 'mlmodel', 'body.model')).toThrow(
      /body\.model is not an entity reference/,
    );
  });
});
