import type { DatasetEntityV1alpha1 } from '../kinds/DatasetEntityV1alpha1';
import type { MLModelEntityV1alpha1 } from '../kinds/MLModelEntityV1alpha1';
import type { SlaEntityV1alpha1 } from '../kinds/SlaEntityV1alpha1';

/** An MLModel that uses every spec field, in namespace `retention`. */
export function fullModel(): MLModelEntityV1alpha1 {
  return {
    apiVersion: 'lab2live.io/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: 'churn-predictor',
      namespace: 'retention',
      title: 'Customer churn predictor',
      description: 'Predicts 30-day churn probability.',
      tags: ['tabular', 'xgboost'],
      annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      labels: { 'lab2live.io/team': 'retention' },
      links: [{ url: 'https://example.com/exp', title: 'Experiments' }],
    },
    spec: {
      type: 'classification',
      owner: 'group:data-science',
      system: 'customer-retention',
      lifecycle: 'production',
      framework: 'xgboost',
      license: 'proprietary',
      baseModel: 'foundation-tabular',
      version: '7',
      datasets: [
        {
          ref: 'dataset:customer-events',
          role: 'training',
          version: '2024-06',
        },
        { ref: 'churn-validation', role: 'validation' },
        { ref: 'dataset:shared/churn-holdout', role: 'evaluation' },
        { ref: 'resource:live-scores', role: 'monitoring' },
      ],
      slas: ['churn-scoring'],
      servedBy: ['churn-scoring-api', 'component:default/batch-scorer'],
      intendedUse: {
        primaryUses: 'Rank retention offers.',
        primaryUsers: 'Retention agents.',
        outOfScope: 'Credit decisions.',
        'x-approved-markets': ['DE', 'NL'],
      },
      factors: {
        relevant: ['market', 'tenure'],
        evaluation: ['market'],
        notes: 'Age is not collected.',
        'x-factor-owner': 'fairness board',
      },
      limitations: 'Under-represents new customers.',
      ethicalConsiderations: 'Billing history is a proxy for income.',
      caveatsAndRecommendations: 'Retrain before launching in a new market.',
      'x-cost-center': 'CC-4711',
      metrics: [
        {
          name: 'auc',
          value: 0.87,
          direction: 'higher',
          dataset: 'dataset:shared/churn-holdout',
          threshold: 0.8,
          slices: [
            { name: 'market=DE', value: 0.88 },
            { name: 'market=NL', value: 0.85 },
          ],
        },
        { name: 'log_loss', value: 0.31, direction: 'lower', threshold: 0.4 },
      ],
      governance: {
        riskTier: 'limited',
        personalData: true,
        humanOversight: 'Offers are reviewed before sending.',
      },
    },
  };
}

/** The smallest valid MLModel. */
export function minimalModel(): MLModelEntityV1alpha1 {
  return {
    apiVersion: 'lab2live.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'churn' },
    spec: {
      type: 'classification',
      owner: 'group:data-science',
      lifecycle: 'experimental',
    },
  };
}

/** A Dataset that uses every spec field. */
export function fullDataset(): DatasetEntityV1alpha1 {
  return {
    apiVersion: 'lab2live.io/v1alpha1',
    kind: 'Dataset',
    metadata: { name: 'customer-events', namespace: 'lake' },
    spec: {
      type: 'table',
      owner: 'data-platform',
      system: 'system:analytics/customer-data',
      lifecycle: 'production',
      location: 's3://lake/customer-events/',
      version: '2024-06',
      license: 'internal',
      personalData: true,
      derivedFrom: ['raw-billing', 'dataset:default/raw-clicks'],
      datasheet: 'https://example.com/datasheets/customer-events',
    },
  };
}

/** An SLA that uses every spec field and every kind of indicator. */
export function fullSla(): SlaEntityV1alpha1 {
  return {
    apiVersion: 'lab2live.io/v1alpha1',
    kind: 'SLA',
    metadata: { name: 'churn-scoring' },
    spec: {
      owner: 'user:jane.doe',
      appliesTo: ['churn-predictor', 'mlmodel:retention/churn-predictor-v2'],
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
        { indicator: 'error_rate_pct', op: 'lt', target: 1 },
        { indicator: 'throughput_rps', op: 'gt', target: 50 },
        { indicator: 'model_age_days', op: 'lte', target: 30 },
        { indicator: 'data_freshness_hours', op: 'lte', target: 24 },
        { indicator: 'latency_p50_ms', op: 'lte', target: 40 },
        { indicator: 'latency_p99_ms', op: 'lte', target: 400 },
        { indicator: 'quality:auc', op: 'gte', target: 0.8 },
        { indicator: 'drift:psi', op: 'eq', target: 0 },
      ],
    },
  };
}
