import { Entity } from '@backstage/catalog-model';
import { fullDataset, fullModel, minimalModel } from './__testUtils__/fixtures';
import {
  isAiModelResource,
  isDatasetLike,
  isModelServerComponent,
  readModelSummary,
} from './interop';

const graniteResource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'ibm-granite-8b-code-instruct',
    namespace: 'ai',
    description: 'A decoder-only code model for code generative tasks.',
    tags: ['genai', 'ibm', 'llm', 'granite'],
    annotations: { 'backstage.io/techdocs-ref': 'dir:granite' },
  },
  spec: {
    type: 'ai-model',
    owner: 'user:johnmcollier',
    lifecycle: 'production',
    dependencyOf: ['component:developer-model-service'],
    profile: { displayName: 'IBM Granite Code Model' },
  },
};

const modelServer: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'developer-model-service' },
  spec: {
    type: 'model-server',
    owner: 'user:johnmcollier',
    lifecycle: 'production',
    dependsOn: ['resource:ibm-granite-8b-code-instruct'],
  },
};

const datasetResource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'raw-clicks' },
  spec: { type: 'dataset', owner: 'data-platform' },
};

const database: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-db' },
  spec: { type: 'database', owner: 'team-a' },
};

describe('guards', () => {
  it.each([
    ['an ai-model Resource', graniteResource, [true, false, false]],
    ['a model-server Component', modelServer, [false, true, false]],
    ['a dataset Resource', datasetResource, [false, false, true]],
    ['a Lab2Live Dataset', fullDataset(), [false, false, true]],
    ['a database Resource', database, [false, false, false]],
    ['an MLModel', minimalModel(), [false, false, false]],
  ] as Array<[string, Entity, boolean[]]>)('%s', (_, entity, expected) => {
    expect([
      isAiModelResource(entity),
      isModelServerComponent(entity),
      isDatasetLike(entity),
    ]).toEqual(expected);
  });
});

describe('readModelSummary', () => {
  it('reads an ai-model Resource as a read-only model', () => {
    expect(readModelSummary(graniteResource)).toEqual({
      entityRef: 'resource:ai/ibm-granite-8b-code-instruct',
      name: 'ibm-granite-8b-code-instruct',
      title: 'IBM Granite Code Model',
      description: 'A decoder-only code model for code generative tasks.',
      owner: 'user:ai/johnmcollier',
      lifecycle: 'production',
      type: 'generative',
      tags: ['genai', 'ibm', 'llm', 'granite'],
      readOnly: true,
      source: 'ai-model-resource',
    });
  });

  it('falls back to type other, lifecycle unknown and the name as title', () => {
    const bare: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'fraud-scorer' },
      spec: { type: 'ai-model', owner: 'risk-team', system: 'payments' },
    };
    expect(readModelSummary(bare)).toEqual({
      entityRef: 'resource:default/fraud-scorer',
      name: 'fraud-scorer',
      title: 'fraud-scorer',
      description: '',
      owner: 'group:default/risk-team',
      system: 'system:default/payments',
      lifecycle: 'unknown',
      type: 'other',
      tags: [],
      readOnly: true,
      source: 'ai-model-resource',
    });
  });

  it('reads an MLModel as an editable model', () => {
    expect(readModelSummary(fullModel())).toEqual({
      entityRef: 'mlmodel:retention/churn-predictor',
      name: 'churn-predictor',
      title: 'Customer churn predictor',
      description: 'Predicts 30-day churn probability.',
      owner: 'group:retention/data-science',
      system: 'system:retention/customer-retention',
      lifecycle: 'production',
      type: 'classification',
      tags: ['tabular', 'xgboost'],
      version: '7',
      riskTier: 'limited',
      readOnly: false,
      source: 'lab2live',
    });
  });

  it('returns undefined for entities that are not models', () => {
    expect(readModelSummary(modelServer)).toBeUndefined();
    expect(readModelSummary(database)).toBeUndefined();
    expect(readModelSummary(fullDataset())).toBeUndefined();
  });
});
