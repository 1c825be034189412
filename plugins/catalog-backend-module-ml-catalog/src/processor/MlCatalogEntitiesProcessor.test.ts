import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogProcessorRelationResult,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import { MlCatalogEntitiesProcessor } from './MlCatalogEntitiesProcessor';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

const model: Entity = {
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn-predictor', namespace: 'retention' },
  spec: {
    type: 'classification',
    owner: 'group:default/data-science',
    system: 'customer-retention',
    lifecycle: 'production',
    version: '7',
    baseModel: 'foundation-tabular',
    datasets: [
      { ref: 'customer-events', role: 'training', version: '2024-06' },
      { ref: 'dataset:churn-validation', role: 'validation' },
      { ref: 'churn-holdout', role: 'evaluation' },
      { ref: 'resource:default/live-traffic', role: 'monitoring' },
    ],
    slas: ['churn-scoring'],
    servedBy: ['churn-scoring-api'],
  },
};

/** The catalog compares refs case-insensitively and stores them lower-cased. */
const refOf = (ref: CompoundEntityRef) =>
  stringifyEntityRef(ref).toLocaleLowerCase('en-US');

async function relationsEmittedFor(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const processor = new MlCatalogEntitiesProcessor();
  await processor.postProcessEntity(entity, location, r => emitted.push(r));
  return emitted
    .filter((r): r is CatalogProcessorRelationResult => r.type === 'relation')
    .map(
      ({ relation: { source, type, target } }) =>
        `${refOf(source)} ${type} ${refOf(target)}`,
    )
    .sort();
}

describe('MlCatalogEntitiesProcessor', () => {
  it('accepts a valid model and leaves other kinds to other processors', async () => {
    const processor = new MlCatalogEntitiesProcessor();
    await expect(processor.validateEntityKind(model)).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
        spec: {},
      }),
    ).resolves.toBe(false);
  });

  it('names the right apiVersion for a Lab2Live kind written with a Backstage one', async () => {
    const processor = new MlCatalogEntitiesProcessor();
    const error = await processor
      .validateEntityKind({ ...model, apiVersion: 'backstage.io/v1alpha1' })
      .catch(e => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(
      'MLModel retention/churn-predictor: MLModel is a Lab2Live kind: write apiVersion lab2live.io/v1alpha1 (found apiVersion backstage.io/v1alpha1)',
    );
  });

  it('matches Lab2Live kinds in any case and names their spelling', async () => {
    const processor = new MlCatalogEntitiesProcessor();
    await expect(
      processor.validateEntityKind({
        ...model,
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'mlmodel',
      }),
    ).rejects.toThrow(
      'mlmodel retention/churn-predictor: MLModel is a Lab2Live kind: write apiVersion lab2live.io/v1alpha1 and kind MLModel (found apiVersion backstage.io/v1alpha1)',
    );
    await expect(
      processor.validateEntityKind({ ...model, kind: 'MlModel' }),
    ).rejects.toThrow(
      'MlModel retention/churn-predictor: kind "MlModel" is not a Lab2Live kind; lab2live.io/v1alpha1 defines MLModel, Dataset, SLA (did you mean MLModel?)',
    );
  });

  it('suggests the enum value a typo was meant to be', async () => {
    const processor = new MlCatalogEntitiesProcessor();
    await expect(
      processor.validateEntityKind({
        ...model,
        spec: { ...model.spec, type: 'clasification' },
      }),
    ).rejects.toThrow(
      'MLModel retention/churn-predictor: spec.type must be one of classification, regression, ranking, forecasting, generative, embedding, recommendation, other (did you mean "classification"?)',
    );
  });

  it('throws one error naming the entity, every bad field and what was expected', async () => {
    const processor = new MlCatalogEntitiesProcessor();
    const bad = {
      ...model,
      spec: { ...model.spec, lifecycle: 'live', type: 'clustering' },
    };
    const error = await processor.validateEntityKind(bad).catch(e => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(
      'MLModel retention/churn-predictor: spec.type must be one of',
    );
    expect(error.message).toContain(
      'MLModel retention/churn-predictor: spec.lifecycle must be one of experimental, development, staging, production, deprecated, retired',
    );
  });

  it('honours configured lifecycle stages', async () => {
    const processor = new MlCatalogEntitiesProcessor({
      lifecycleStages: ['research', 'live'],
    });
    await expect(
      processor.validateEntityKind({
        ...model,
        spec: { ...model.spec, lifecycle: 'live' },
      }),
    ).resolves.toBe(true);
    await expect(processor.validateEntityKind(model)).rejects.toThrow(
      'spec.lifecycle must be one of research, live',
    );
  });

  it('emits every relation of a model in both directions', async () => {
    expect(await relationsEmittedFor(model)).toEqual(
      [
        'mlmodel:retention/churn-predictor ownedBy group:default/data-science',
        'group:default/data-science ownerOf mlmodel:retention/churn-predictor',
        'mlmodel:retention/churn-predictor partOf system:retention/customer-retention',
        'system:retention/customer-retention hasPart mlmodel:retention/churn-predictor',
        'mlmodel:retention/churn-predictor trainedOn dataset:retention/customer-events',
        'dataset:retention/customer-events trainingDataFor mlmodel:retention/churn-predictor',
        'mlmodel:retention/churn-predictor trainedOn dataset:retention/churn-validation',
        'dataset:retention/churn-validation trainingDataFor mlmodel:retention/churn-predictor',
        'mlmodel:retention/churn-predictor evaluatedOn dataset:retention/churn-holdout',
        'dataset:retention/churn-holdout evaluationDataFor mlmodel:retention/churn-predictor',
        'mlmodel:retention/churn-predictor monitoredOn resource:default/live-traffic',
        'resource:default/live-traffic monitoringDataFor mlmodel:retention/churn-predictor',
        'mlmodel:retention/churn-predictor hasSla sla:retention/churn-scoring',
        'sla:retention/churn-scoring slaOf mlmodel:retention/churn-predictor',
        'mlmodel:retention/churn-predictor servedBy component:retention/churn-scoring-api',
        'component:retention/churn-scoring-api serves mlmodel:retention/churn-predictor',
        'mlmodel:retention/churn-predictor derivedFrom mlmodel:retention/foundation-tabular',
        'mlmodel:retention/foundation-tabular derivationOf mlmodel:retention/churn-predictor',
      ].sort(),
    );
  });

  it('emits the relations of datasets and SLAs', async () => {
    expect(
      await relationsEmittedFor({
        apiVersion: 'lab2live.io/v1alpha1',
        kind: 'Dataset',
        metadata: { name: 'churn-features' },
        spec: {
          type: 'feature-set',
          owner: 'data-platform',
          lifecycle: 'production',
          derivedFrom: ['customer-events'],
        },
      }),
    ).toEqual(
      [
        'dataset:default/churn-features ownedBy group:default/data-platform',
        'group:default/data-platform ownerOf dataset:default/churn-features',
        'dataset:default/churn-features derivedFrom dataset:default/customer-events',
        'dataset:default/customer-events derivationOf dataset:default/churn-features',
      ].sort(),
    );
    expect(
      await relationsEmittedFor({
        apiVersion: 'lab2live.io/v1alpha1',
        kind: 'SLA',
        metadata: { name: 'churn-scoring' },
        spec: {
          owner: 'group:data-science',
          appliesTo: ['mlmodel:churn-predictor'],
          consumers: ['retention-web', 'component:crm/campaigns'],
          window: '30d',
          objectives: [
            {
              name: 'p95',
              indicator: 'latency_p95_ms',
              op: 'lte',
              target: 120,
            },
          ],
        },
      }),
    ).toEqual(
      [
        'sla:default/churn-scoring ownedBy group:default/data-science',
        'group:default/data-science ownerOf sla:default/churn-scoring',
        'sla:default/churn-scoring slaOf mlmodel:default/churn-predictor',
        'mlmodel:default/churn-predictor hasSla sla:default/churn-scoring',
        'sla:default/churn-scoring slaConsumedBy component:default/retention-web',
        'component:default/retention-web consumesSla sla:default/churn-scoring',
        'sla:default/churn-scoring slaConsumedBy component:crm/campaigns',
        'component:crm/campaigns consumesSla sla:default/churn-scoring',
      ].sort(),
    );
  });

  describe('references by kind', () => {
    const slaOnAComponent: Entity = {
      ...model,
      spec: {
        ...model.spec,
        slas: ['component:churn-scoring-api'],
        servedBy: ['sla:churn-scoring'],
        datasets: [{ ref: 'group:data-science', role: 'monitoring' }],
      },
    };

    it('refuses a reference of a kind its field does not accept, naming field and kind', async () => {
      const processor = new MlCatalogEntitiesProcessor();
      const error = await processor
        .validateEntityKind(slaOnAComponent)
        .catch(e => e);
      expect(error).toBeInstanceOf(Error);
      expect(error.message.split('\n')).toEqual([
        'MLModel retention/churn-predictor: spec.datasets[0].ref accepts Dataset or Resource only, but "group:data-science" is of kind Group',
        'MLModel retention/churn-predictor: spec.slas[0] accepts SLA only, but "component:churn-scoring-api" is of kind Component',
        'MLModel retention/churn-predictor: spec.servedBy[0] accepts Component only, but "sla:churn-scoring" is of kind SLA',
      ]);
    });

    it('refuses wrong kinds in Dataset and SLA references too', async () => {
      const processor = new MlCatalogEntitiesProcessor();
      await expect(
        processor.validateEntityKind({
          apiVersion: 'lab2live.io/v1alpha1',
          kind: 'SLA',
          metadata: { name: 'churn-scoring' },
          spec: {
            owner: 'component:churn-scoring-api',
            appliesTo: ['component:churn-scoring-api'],
            consumers: ['user:jane'],
            window: '30d',
            objectives: [
              { indicator: 'latency_p95_ms', op: 'lte', target: 120 },
            ],
          },
        }),
      ).rejects.toThrow(
        [
          'SLA default/churn-scoring: spec.owner accepts Group or User only, but "component:churn-scoring-api" is of kind Component',
          'SLA default/churn-scoring: spec.appliesTo[0] accepts MLModel only, but "component:churn-scoring-api" is of kind Component',
          'SLA default/churn-scoring: spec.consumers[0] accepts Component only, but "user:jane" is of kind User',
        ].join('\n'),
      );
      await expect(
        processor.validateEntityKind({
          apiVersion: 'lab2live.io/v1alpha1',
          kind: 'Dataset',
          metadata: { name: 'features' },
          spec: {
            type: 'table',
            owner: 'data-platform',
            lifecycle: 'production',
            derivedFrom: ['mlmodel:churn-predictor'],
          },
        }),
      ).rejects.toThrow(
        'Dataset default/features: spec.derivedFrom[0] accepts Dataset or Resource only, but "mlmodel:churn-predictor" is of kind MLModel',
      );
    });

    it('creates no hasSla (or any) relation to an entity of the wrong kind', async () => {
      const relations = await relationsEmittedFor(slaOnAComponent);
      expect(
        relations.filter(r => /hasSla|slaOf|serves|monitor/.test(r)),
      ).toEqual([]);
      expect(relations.some(r => r.includes('component:'))).toBe(false);
    });
  });

  it('emits nothing for kinds it does not own', async () => {
    expect(
      await relationsEmittedFor({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
        spec: { owner: 'team-a', type: 'service', lifecycle: 'production' },
      }),
    ).toEqual([]);
  });
});
