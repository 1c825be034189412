import { fullModel, fullSla, minimalModel } from './__testUtils__/fixtures';
import {
  getModelDatasets,
  getModelServingComponentRefs,
  getModelSlaRefs,
  getSlaModelRefs,
} from './helpers';

describe('getModelDatasets', () => {
  it('resolves every dataset with its role and version', () => {
    expect(getModelDatasets(fullModel())).toEqual([
      {
        ref: {
          kind: 'dataset',
          namespace: 'retention',
          name: 'customer-events',
        },
        role: 'training',
        version: '2024-06',
      },
      {
        ref: {
          kind: 'Dataset',
          namespace: 'retention',
          name: 'churn-validation',
        },
        role: 'validation',
      },
      {
        ref: { kind: 'dataset', namespace: 'shared', name: 'churn-holdout' },
        role: 'evaluation',
      },
      {
        ref: { kind: 'resource', namespace: 'retention', name: 'live-scores' },
        role: 'monitoring',
      },
    ]);
  });

  it('filters by one role', () => {
    expect(getModelDatasets(fullModel(), 'evaluation')).toEqual([
      {
        ref: { kind: 'dataset', namespace: 'shared', name: 'churn-holdout' },
        role: 'evaluation',
      },
    ]);
  });

  it('filters by several roles', () => {
    expect(
      getModelDatasets(fullModel(), ['training', 'validation']).map(
        d => d.ref.name,
      ),
    ).toEqual(['customer-events', 'churn-validation']);
  });

  it('returns an empty list when the model has no datasets', () => {
    expect(getModelDatasets(minimalModel())).toEqual([]);
  });
});

describe('reference helpers', () => {
  it('resolves the SLAs of a model', () => {
    expect(getModelSlaRefs(fullModel())).toEqual([
      { kind: 'SLA', namespace: 'retention', name: 'churn-scoring' },
    ]);
    expect(getModelSlaRefs(minimalModel())).toEqual([]);
  });

  it('resolves the components serving a model', () => {
    expect(getModelServingComponentRefs(fullModel())).toEqual([
      { kind: 'Component', namespace: 'retention', name: 'churn-scoring-api' },
      { kind: 'component', namespace: 'default', name: 'batch-scorer' },
    ]);
    expect(getModelServingComponentRefs(minimalModel())).toEqual([]);
  });

  it('resolves the models of an SLA', () => {
    expect(getSlaModelRefs(fullSla())).toEqual([
      { kind: 'MLModel', namespace: 'default', name: 'churn-predictor' },
      { kind: 'mlmodel', namespace: 'retention', name: 'churn-predictor-v2' },
    ]);
  });
});
