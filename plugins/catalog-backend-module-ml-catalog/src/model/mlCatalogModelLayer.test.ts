import {
  compileCatalogModel,
  defaultCatalogEntityModel,
} from '@backstage/catalog-model/alpha';
import {
  LAB2LIVE_API_VERSION,
  LAB2LIVE_KINDS,
  LAB2LIVE_RELATION_PAIRS,
  datasetEntityV1alpha1Schema,
  mlModelEntityV1alpha1Schema,
  slaEntityV1alpha1Schema,
} from '@lab2live/plugin-ml-catalog-common';
import { mlCatalogModelLayer } from './mlCatalogModelLayer';

describe('mlCatalogModelLayer', () => {
  const model = compileCatalogModel([
    defaultCatalogEntityModel,
    mlCatalogModelLayer,
  ]);

  it('declares MLModel, Dataset and SLA under lab2live.io next to the built-in kinds', () => {
    const kinds = model.listKinds();
    for (const kind of LAB2LIVE_KINDS) {
      const declared = kinds.find(k => k.names.kind === kind);
      expect(declared?.versions).toEqual([
        { apiVersion: LAB2LIVE_API_VERSION },
      ]);
      expect(declared?.description.length).toBeGreaterThan(40);
    }
    expect(kinds.map(k => k.names.kind)).toEqual(
      expect.arrayContaining(['Component', 'Group', 'System']),
    );
    expect(
      model.getKind({ kind: 'MLModel', apiVersion: LAB2LIVE_API_VERSION })
        ?.names,
    ).toEqual({ kind: 'MLModel', singular: 'mlmodel', plural: 'mlmodels' });
  });

  it('declares every relation pair the processor emits', () => {
    const relations = model.listRelations();
    for (const [forward, reverse] of LAB2LIVE_RELATION_PAIRS) {
      const declared = relations.find(r => r.forward.type === forward);
      expect({ forward, reverse: declared?.reverse.type }).toEqual({
        forward,
        reverse,
      });
    }
    const owned = relations.find(r => r.forward.type === 'ownedBy');
    expect(owned?.fromKind).toEqual(
      expect.arrayContaining(['Component', 'MLModel', 'Dataset', 'SLA']),
    );
  });

  it('declares the annotations our kinds read', () => {
    expect(model.getMetadata().annotations.map(a => a.name)).toEqual(
      expect.arrayContaining([
        'mlflow.org/registered-model-name',
        'huggingface.co/model-id',
        'lab2live.io/source',
      ]),
    );
  });

  it('keeps the spec schema of the processor, envelope left to the catalog, formats to the processor', () => {
    for (const [kind, ours] of [
      ['MLModel', mlModelEntityV1alpha1Schema],
      ['Dataset', datasetEntityV1alpha1Schema],
      ['SLA', slaEntityV1alpha1Schema],
    ] as const) {
      const schema = model.getKind({ kind, apiVersion: LAB2LIVE_API_VERSION })!
        .jsonSchema as any;
      expect(Object.keys(schema.properties.spec.properties)).toEqual(
        Object.keys(ours.properties.spec.properties),
      );
      expect(schema.properties.spec.required).toEqual(
        (ours.properties.spec as any).required,
      );
      expect(schema.properties.apiVersion).toEqual({
        const: LAB2LIVE_API_VERSION,
      });
      // The catalog's validator knows no formats; the processor checks them.
      expect(JSON.stringify(schema)).not.toMatch(
        /"format":"(uri|date|date-time|email)"/,
      );
    }
    // A property named `format` (a dataset's file format) stays.
    const dataset = model.getKind({
      kind: 'Dataset',
      apiVersion: LAB2LIVE_API_VERSION,
    })!.jsonSchema as any;
    expect(Object.keys(dataset.properties.spec.properties)).toEqual(
      Object.keys(datasetEntityV1alpha1Schema.properties.spec.properties),
    );
  });
});
