import { Entity } from '@backstage/catalog-model';
import { relationTargets } from './relations';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout' },
  relations: [
    { type: 'dependsOn', targetRef: 'mlmodel:default/churn' },
    { type: 'dependsOn', targetRef: 'component:default/payments' },
    { type: 'dependsOn', targetRef: 'resource:ml/embeddings' },
    { type: 'serves', targetRef: 'mlmodel:default/churn' },
    { type: 'serves', targetRef: 'mlmodel:default/fraud' },
    { type: 'ownedBy', targetRef: 'group:default/team' },
  ],
};

describe('relationTargets', () => {
  it('joins the targets of several relation types once each', () => {
    expect(relationTargets(entity, ['serves', 'dependsOn'])).toEqual([
      'mlmodel:default/churn',
      'mlmodel:default/fraud',
      'component:default/payments',
      'resource:ml/embeddings',
    ]);
  });

  it('keeps only the kinds asked for', () => {
    expect(
      relationTargets(entity, ['dependsOn'], ['MLModel', 'resource']),
    ).toEqual(['mlmodel:default/churn', 'resource:ml/embeddings']);
  });

  it('is empty without relations', () => {
    expect(
      relationTargets({ ...entity, relations: undefined }, ['serves']),
    ).toEqual([]);
  });
});
