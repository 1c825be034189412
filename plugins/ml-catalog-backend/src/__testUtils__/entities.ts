import type { Entity } from '@backstage/catalog-model';

/** A model, an SLA that covers it (with the relations the catalog module emits) and an ai-model Resource. */
export const testEntities: Entity[] = [
  {
    apiVersion: 'lab2live.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'churn-predictor', namespace: 'default' },
    spec: {
      type: 'classification',
      owner: 'group:data-science',
      lifecycle: 'production',
      slas: ['sla:churn-scoring'],
    },
    relations: [
      { type: 'hasSla', targetRef: 'sla:default/churn-scoring' },
      { type: 'ownedBy', targetRef: 'group:default/data-science' },
    ],
  },
  {
    apiVersion: 'lab2live.io/v1alpha1',
    kind: 'SLA',
    metadata: { name: 'churn-scoring', namespace: 'default' },
    spec: {
      owner: 'group:data-science',
      appliesTo: ['mlmodel:churn-predictor'],
      window: '7d',
      objectives: [
        {
          name: 'p95 latency',
          indicator: 'latency_p95_ms',
          op: 'lte',
          target: 120,
        },
        {
          name: 'availability',
          indicator: 'availability_pct',
          op: 'gte',
          target: 99.5,
        },
        {
          name: 'retrained monthly',
          indicator: 'model_age_days',
          op: 'lte',
          target: 30,
        },
      ],
    },
    relations: [
      { type: 'slaOf', targetRef: 'mlmodel:default/churn-predictor' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'granite-chat', namespace: 'default' },
    spec: { type: 'ai-model', owner: 'group:ml-platform' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'churn-scoring-api', namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:data-science',
      lifecycle: 'production',
    },
  },
];
