import { Entity } from '@backstage/catalog-model';
import { fullDataset, fullSla, minimalModel } from '../__testUtils__/fixtures';
import { isDatasetEntity } from './DatasetEntityV1alpha1';
import { isMLModelEntity } from './MLModelEntityV1alpha1';
import { isSlaEntity } from './SlaEntityV1alpha1';
import {
  DATASET_KIND,
  LAB2LIVE_API_VERSION,
  LAB2LIVE_KINDS,
  ML_MODEL_KIND,
  SLA_KIND,
} from './constants';

describe('constants', () => {
  it('name the api version and kinds', () => {
    expect(LAB2LIVE_API_VERSION).toBe('lab2live.io/v1alpha1');
    expect([ML_MODEL_KIND, DATASET_KIND, SLA_KIND]).toEqual([
      'MLModel',
      'Dataset',
      'SLA',
    ]);
    expect(LAB2LIVE_KINDS).toEqual(['MLModel', 'Dataset', 'SLA']);
  });
});

describe('type guards', () => {
  const model: Entity = minimalModel();
  const dataset: Entity = fullDataset();
  const sla: Entity = fullSla();
  const component: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'api' },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  };
  const foreignModel: Entity = { ...model, apiVersion: 'example.com/v1' };
  const otherVersion: Entity = { ...sla, apiVersion: 'lab2live.io/v1beta1' };

  it.each([
    ['MLModel', model, [true, false, false]],
    ['Dataset', dataset, [false, true, false]],
    ['SLA', sla, [false, false, true]],
    ['Component', component, [false, false, false]],
    ['MLModel of another apiVersion', foreignModel, [false, false, false]],
    ['SLA of a later version', otherVersion, [false, false, false]],
  ] as Array<[string, Entity, boolean[]]>)('%s', (_, entity, expected) => {
    expect([
      isMLModelEntity(entity),
      isDatasetEntity(entity),
      isSlaEntity(entity),
    ]).toEqual(expected);
  });

  it('narrows the type', () => {
    const entity: Entity = fullSla();
    if (!isSlaEntity(entity)) {
      throw new Error('expected an SLA');
    }
    expect(entity.spec.window).toBe('30d');
  });
});
