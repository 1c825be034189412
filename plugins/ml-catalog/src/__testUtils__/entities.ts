import { Entity } from '@backstage/catalog-model';

function rel(type: string, targetRef: string) {
  return { type, targetRef };
}

/** A small catalog as the catalog backend returns it: entities with their relations. */
export const churnModel: Entity = {
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name: 'churn-predictor',
    namespace: 'default',
    title: 'Customer churn predictor',
    description: 'Predicts 30-day churn probability.',
    tags: ['xgboost', 'tabular'],
  },
  spec: {
    type: 'classification',
    owner: 'group:data-science',
    system: 'customer-retention',
    lifecycle: 'production',
    framework: 'xgboost',
    version: '7',
    license: 'proprietary',
    datasets: [
      { ref: 'dataset:churn-features', role: 'training', version: '2024-06' },
      { ref: 'dataset:churn-holdout', role: 'evaluation' },
    ],
    slas: ['sla:churn-scoring'],
    servedBy: ['component:churn-scoring-api'],
    intendedUse: {
      primaryUses: 'Rank retention offers for at-risk customers.',
      outOfScope: 'Credit, pricing or employment decisions.',
    },
    limitations: 'Under-represents customers younger than 3 months.',
    metrics: [
      { name: 'auc', value: 0.87, threshold: 0.8, dataset: 'churn-holdout' },
      { name: 'recall', value: 0.4, threshold: 0.5 },
      { name: 'precision', value: 0.6 },
    ],
    governance: { riskTier: 'limited', personalData: true },
  },
  relations: [
    rel('ownedBy', 'group:default/data-science'),
    rel('partOf', 'system:default/customer-retention'),
    rel('trainedOn', 'dataset:default/churn-features'),
    rel('evaluatedOn', 'dataset:default/churn-holdout'),
    rel('hasSla', 'sla:default/churn-scoring'),
    rel('servedBy', 'component:default/churn-scoring-api'),
    rel('dependencyOf', 'component:default/retention-web'),
  ],
};

export const fraudModel: Entity = {
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name: 'fraud-detector',
    namespace: 'default',
    title: 'Payment fraud detector',
    description: 'Scores card payments for fraud.',
    tags: ['lightgbm'],
  },
  spec: {
    type: 'classification',
    owner: 'group:payments',
    lifecycle: 'staging',
    framework: 'lightgbm',
    governance: { riskTier: 'high' },
  },
  relations: [rel('ownedBy', 'group:default/payments')],
};

export const graniteResource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'granite-3-8b-instruct',
    namespace: 'default',
    title: 'IBM Granite 3.0 8B Instruct',
    tags: ['genai', 'llm'],
  },
  spec: { type: 'ai-model', owner: 'group:platform', lifecycle: 'production' },
  relations: [
    rel('ownedBy', 'group:default/platform'),
    rel('dependencyOf', 'component:default/granite-vllm-server'),
  ],
};

export const churnFeatures: Entity = {
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'Dataset',
  metadata: {
    name: 'churn-features',
    namespace: 'default',
    title: 'Churn features',
  },
  spec: {
    type: 'feature-set',
    owner: 'group:data-science',
    lifecycle: 'production',
    version: '2024-07',
    license: 'internal',
    personalData: true,
    location: 'feast://retention/churn_features',
    derivedFrom: ['dataset:customer-events', 'dataset:raw-billing'],
  },
  relations: [
    rel('trainingDataFor', 'mlmodel:default/churn-predictor'),
    rel('derivedFrom', 'dataset:default/customer-events'),
    rel('derivationOf', 'dataset:default/churn-holdout'),
  ],
};

export const customerEvents: Entity = {
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'Dataset',
  metadata: {
    name: 'customer-events',
    namespace: 'default',
    title: 'Customer events',
  },
  spec: {
    type: 'table',
    owner: 'group:data-platform',
    lifecycle: 'production',
  },
};

export const churnSla: Entity = {
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'SLA',
  metadata: {
    name: 'churn-scoring',
    namespace: 'default',
    title: 'Churn scoring SLA',
  },
  spec: {
    owner: 'group:data-science',
    appliesTo: ['mlmodel:churn-predictor', 'mlmodel:retired-model'],
    consumers: ['component:retention-web'],
    window: '30d',
    objectives: [
      {
        name: 'p95 latency',
        indicator: 'latency_p95_ms',
        op: 'lte',
        target: 120,
      },
      { indicator: 'availability_pct', op: 'gte', target: 99.5 },
    ],
  },
  relations: [rel('slaOf', 'mlmodel:default/churn-predictor')],
};

export const scoringApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'churn-scoring-api',
    namespace: 'default',
    title: 'Churn scoring API',
  },
  spec: {
    type: 'service',
    owner: 'group:data-science',
    lifecycle: 'production',
  },
  relations: [
    rel('serves', 'mlmodel:default/churn-predictor'),
    rel('dependsOn', 'mlmodel:default/ghost-model'),
    rel('dependsOn', 'resource:default/postgres'),
  ],
};

export const dataScienceGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'data-science', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [rel('ownerOf', 'mlmodel:default/churn-predictor')],
};

/** Every fixture entity, for a catalog mock. */
export const allEntities = [
  churnModel,
  fraudModel,
  graniteResource,
  churnFeatures,
  customerEvents,
  churnSla,
  scoringApi,
  dataScienceGroup,
];
