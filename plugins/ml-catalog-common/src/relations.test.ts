import { Entity } from '@backstage/catalog-model';
import {
  fullDataset,
  fullModel,
  fullSla,
  minimalModel,
} from './__testUtils__/fixtures';
import {
  getLab2LiveRelations,
  LAB2LIVE_RELATION_PAIRS,
  RELATION_DERIVATION_OF,
  RELATION_DERIVED_FROM,
  RELATION_EVALUATED_ON,
  RELATION_CONSUMES_SLA,
  RELATION_EVALUATION_DATA_FOR,
  RELATION_HAS_SLA,
  RELATION_MONITORED_ON,
  RELATION_MONITORING_DATA_FOR,
  RELATION_SERVED_BY,
  RELATION_SERVES,
  RELATION_SLA_CONSUMED_BY,
  RELATION_SLA_OF,
  RELATION_TRAINED_ON,
  RELATION_TRAINING_DATA_FOR,
} from './relations';

describe('relation names', () => {
  it('are the ones of the contract', () => {
    expect([
      RELATION_TRAINED_ON,
      RELATION_TRAINING_DATA_FOR,
      RELATION_EVALUATED_ON,
      RELATION_EVALUATION_DATA_FOR,
      RELATION_MONITORED_ON,
      RELATION_MONITORING_DATA_FOR,
      RELATION_HAS_SLA,
      RELATION_SLA_OF,
      RELATION_SLA_CONSUMED_BY,
      RELATION_CONSUMES_SLA,
      RELATION_SERVED_BY,
      RELATION_SERVES,
      RELATION_DERIVED_FROM,
      RELATION_DERIVATION_OF,
    ]).toEqual([
      'trainedOn',
      'trainingDataFor',
      'evaluatedOn',
      'evaluationDataFor',
      'monitoredOn',
      'monitoringDataFor',
      'hasSla',
      'slaOf',
      'slaConsumedBy',
      'consumesSla',
      'servedBy',
      'serves',
      'derivedFrom',
      'derivationOf',
    ]);
  });

  it('pair every relation the kinds emit with its reverse, for relation views', () => {
    const builtIn = new Set(['ownedBy', 'ownerOf', 'partOf', 'hasPart']);
    const emitted = [fullModel(), fullDataset(), fullSla()]
      .flatMap(entity => getLab2LiveRelations(entity as Entity))
      .filter(relation => !builtIn.has(relation.type))
      .map(({ type, reverseType }) => [type, reverseType].sort().join('/'));
    const paired = LAB2LIVE_RELATION_PAIRS.map(pair =>
      [...pair].sort().join('/'),
    );
    expect(new Set(emitted)).toEqual(new Set(paired));
  });
});

describe('getLab2LiveRelations', () => {
  it('lists every relation of a full MLModel, in the model namespace by default', () => {
    expect(getLab2LiveRelations(fullModel())).toEqual([
      {
        type: 'ownedBy',
        reverseType: 'ownerOf',
        target: { kind: 'group', namespace: 'retention', name: 'data-science' },
      },
      {
        type: 'partOf',
        reverseType: 'hasPart',
        target: {
          kind: 'System',
          namespace: 'retention',
          name: 'customer-retention',
        },
      },
      {
        type: 'trainedOn',
        reverseType: 'trainingDataFor',
        target: {
          kind: 'dataset',
          namespace: 'retention',
          name: 'customer-events',
        },
      },
      {
        type: 'trainedOn',
        reverseType: 'trainingDataFor',
        target: {
          kind: 'Dataset',
          namespace: 'retention',
          name: 'churn-validation',
        },
      },
      {
        type: 'evaluatedOn',
        reverseType: 'evaluationDataFor',
        target: { kind: 'dataset', namespace: 'shared', name: 'churn-holdout' },
      },
      {
        type: 'monitoredOn',
        reverseType: 'monitoringDataFor',
        target: {
          kind: 'resource',
          namespace: 'retention',
          name: 'live-scores',
        },
      },
      {
        type: 'hasSla',
        reverseType: 'slaOf',
        target: { kind: 'SLA', namespace: 'retention', name: 'churn-scoring' },
      },
      {
        type: 'servedBy',
        reverseType: 'serves',
        target: {
          kind: 'Component',
          namespace: 'retention',
          name: 'churn-scoring-api',
        },
      },
      {
        type: 'servedBy',
        reverseType: 'serves',
        target: {
          kind: 'component',
          namespace: 'default',
          name: 'batch-scorer',
        },
      },
      {
        type: 'derivedFrom',
        reverseType: 'derivationOf',
        target: {
          kind: 'MLModel',
          namespace: 'retention',
          name: 'foundation-tabular',
        },
      },
    ]);
  });

  it('lists only the owner of a minimal MLModel', () => {
    expect(getLab2LiveRelations(minimalModel())).toEqual([
      {
        type: 'ownedBy',
        reverseType: 'ownerOf',
        target: { kind: 'group', namespace: 'default', name: 'data-science' },
      },
    ]);
  });

  it('lists every relation of a Dataset', () => {
    expect(getLab2LiveRelations(fullDataset())).toEqual([
      {
        type: 'ownedBy',
        reverseType: 'ownerOf',
        target: { kind: 'Group', namespace: 'lake', name: 'data-platform' },
      },
      {
        type: 'partOf',
        reverseType: 'hasPart',
        target: {
          kind: 'system',
          namespace: 'analytics',
          name: 'customer-data',
        },
      },
      {
        type: 'derivedFrom',
        reverseType: 'derivationOf',
        target: { kind: 'Dataset', namespace: 'lake', name: 'raw-billing' },
      },
      {
        type: 'derivedFrom',
        reverseType: 'derivationOf',
        target: { kind: 'dataset', namespace: 'default', name: 'raw-clicks' },
      },
    ]);
  });

  it('lists every relation of an SLA, its consumers included', () => {
    expect(getLab2LiveRelations(fullSla())).toEqual([
      {
        type: 'ownedBy',
        reverseType: 'ownerOf',
        target: { kind: 'user', namespace: 'default', name: 'jane.doe' },
      },
      {
        type: 'slaOf',
        reverseType: 'hasSla',
        target: {
          kind: 'MLModel',
          namespace: 'default',
          name: 'churn-predictor',
        },
      },
      {
        type: 'slaOf',
        reverseType: 'hasSla',
        target: {
          kind: 'mlmodel',
          namespace: 'retention',
          name: 'churn-predictor-v2',
        },
      },
      {
        type: 'slaConsumedBy',
        reverseType: 'consumesSla',
        target: {
          kind: 'component',
          namespace: 'default',
          name: 'retention-web',
        },
      },
    ]);
  });

  it('lists identical relations once', () => {
    const model = minimalModel();
    model.spec.datasets = [
      { ref: 'dataset:events', role: 'training' },
      { ref: 'Dataset:default/Events', role: 'validation' },
      { ref: 'events', role: 'evaluation' },
      { ref: 'events', role: 'monitoring' },
    ];
    model.spec.slas = ['sla:s', 'sla:s'];
    expect(getLab2LiveRelations(model)).toEqual([
      {
        type: 'ownedBy',
        reverseType: 'ownerOf',
        target: { kind: 'group', namespace: 'default', name: 'data-science' },
      },
      {
        type: 'trainedOn',
        reverseType: 'trainingDataFor',
        target: { kind: 'dataset', namespace: 'default', name: 'events' },
      },
      {
        type: 'evaluatedOn',
        reverseType: 'evaluationDataFor',
        target: { kind: 'Dataset', namespace: 'default', name: 'events' },
      },
      {
        type: 'monitoredOn',
        reverseType: 'monitoringDataFor',
        target: { kind: 'Dataset', namespace: 'default', name: 'events' },
      },
      {
        type: 'hasSla',
        reverseType: 'slaOf',
        target: { kind: 'sla', namespace: 'default', name: 's' },
      },
    ]);
  });

  it('skips references that do not parse instead of throwing', () => {
    const model = minimalModel();
    model.spec.owner = 'group:';
    model.spec.servedBy = ['component:/x', 'api-server'];
    expect(getLab2LiveRelations(model)).toEqual([
      {
        type: 'servedBy',
        reverseType: 'serves',
        target: { kind: 'Component', namespace: 'default', name: 'api-server' },
      },
    ]);
  });

  it('emits no relation for a reference of a kind its field does not accept', () => {
    const model = minimalModel();
    model.spec.owner = 'system:retention';
    model.spec.slas = ['component:churn-scoring-api', 'sla:churn-scoring'];
    model.spec.servedBy = ['sla:churn-scoring'];
    model.spec.datasets = [{ ref: 'component:events', role: 'monitoring' }];
    model.spec.baseModel = 'dataset:events';
    const sla = fullSla();
    sla.spec.appliesTo = ['component:churn-scoring-api'];
    sla.spec.consumers = ['group:retention', 'component:retention-web'];
    expect(getLab2LiveRelations(model)).toEqual([
      {
        type: 'hasSla',
        reverseType: 'slaOf',
        target: { kind: 'sla', namespace: 'default', name: 'churn-scoring' },
      },
    ]);
    expect(
      getLab2LiveRelations(sla).map(r => `${r.type} ${r.target.kind}`),
    ).toEqual(['ownedBy user', 'slaConsumedBy component']);
  });

  it('accepts a Resource where a dataset or base model is expected (interop)', () => {
    const model = minimalModel();
    model.spec.datasets = [{ ref: 'resource:raw-clicks', role: 'training' }];
    model.spec.baseModel = 'resource:granite-3-8b-instruct';
    expect(
      getLab2LiveRelations(model).map(r => `${r.type} ${r.target.name}`),
    ).toEqual([
      'ownedBy data-science',
      'trainedOn raw-clicks',
      'derivedFrom granite-3-8b-instruct',
    ]);
  });

  it('returns nothing for other kinds', () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'churn-scoring-api' },
      spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    };
    expect(getLab2LiveRelations(component)).toEqual([]);
  });
});
