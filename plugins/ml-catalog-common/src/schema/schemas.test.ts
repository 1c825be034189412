import { DATASET_TYPES } from '../kinds/DatasetEntityV1alpha1';
import {
  DATASET_ROLES,
  ML_MODEL_TYPES,
  RISK_TIERS,
} from '../kinds/MLModelEntityV1alpha1';
import {
  SLA_BUILTIN_INDICATORS,
  SLA_OBJECTIVE_OPS,
} from '../kinds/SlaEntityV1alpha1';
import {
  datasetEntityV1alpha1Schema,
  mlModelEntityV1alpha1Schema,
  slaEntityV1alpha1Schema,
} from '.';

type Schema = Record<string, any>;

const schemas: Array<[string, Schema]> = [
  ['MLModel', mlModelEntityV1alpha1Schema],
  ['Dataset', datasetEntityV1alpha1Schema],
  ['SLA', slaEntityV1alpha1Schema],
];

/** Every field schema (a member of some `properties`), with its path. */
function fields(schema: Schema, path = ''): Array<[string, Schema]> {
  const result: Array<[string, Schema]> = [];
  for (const [name, child] of Object.entries<Schema>(schema.properties ?? {})) {
    result.push([`${path}${name}`, child]);
    result.push(...fields(child, `${path}${name}.`));
  }
  if (schema.items) {
    result.push(...fields(schema.items, `${path.replace(/\.$/, '')}[].`));
  }
  return result;
}

/** Every object schema under a node, the node included. */
function objectSchemas(schema: Schema, path: string): Array<[string, Schema]> {
  const result: Array<[string, Schema]> =
    schema.type === 'object' ? [[path, schema]] : [];
  for (const [name, child] of Object.entries<Schema>(schema.properties ?? {})) {
    result.push(...objectSchemas(child, `${path}.${name}`));
  }
  if (schema.items) {
    result.push(...objectSchemas(schema.items, `${path}[]`));
  }
  return result;
}

describe.each(schemas)('%s schema', (kind, schema) => {
  it('is a draft-07 schema of the whole entity', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema');
    expect(schema.required).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(schema.properties.apiVersion.const).toBe('lab2live.io/v1alpha1');
    expect(schema.properties.kind.const).toBe(kind);
    expect(schema.definitions.metadata.required).toEqual(['name']);
  });

  it('describes every field, with examples', () => {
    const all = [
      ...fields(schema),
      ...fields(schema.definitions.metadata, 'metadata.'),
    ];
    const undocumented = all
      .filter(([name, field]) => name !== 'metadata' && !field.$ref)
      .filter(
        ([, field]) =>
          typeof field.description !== 'string' ||
          !Array.isArray(field.examples) ||
          field.examples.length === 0,
      )
      .map(([name]) => name);
    expect(all.length).toBeGreaterThan(20);
    expect(undocumented).toEqual([]);
  });

  it('rejects unknown fields anywhere under spec', () => {
    const open = objectSchemas(schema.properties.spec, 'spec')
      .filter(([, s]) => s.additionalProperties !== false)
      .map(([path]) => path);
    expect(open).toEqual([]);
    expect(schema.properties.spec.additionalProperties).toBe(false);
  });

  it('requires at least one item in every list under spec', () => {
    const lists = fields(schema.properties.spec).filter(
      ([, s]) => s.type === 'array',
    );
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.filter(([, s]) => s.minItems !== 1).map(([n]) => n)).toEqual(
      [],
    );
  });

  it('requires owner', () => {
    expect(schema.properties.spec.required).toContain('owner');
  });

  it('shares the metadata definition with the MLModel schema', () => {
    expect(schema.definitions).toEqual(mlModelEntityV1alpha1Schema.definitions);
  });
});

describe('schema enums and TypeScript constants', () => {
  const model = mlModelEntityV1alpha1Schema.properties.spec.properties;
  const dataset = datasetEntityV1alpha1Schema.properties.spec.properties;
  const objective =
    slaEntityV1alpha1Schema.properties.spec.properties.objectives.items
      .properties;

  it('agree on every enum', () => {
    expect(model.type.enum).toEqual(ML_MODEL_TYPES);
    expect(model.datasets.items.properties.role.enum).toEqual(DATASET_ROLES);
    expect(model.governance.properties.riskTier.enum).toEqual(RISK_TIERS);
    expect(dataset.type.enum).toEqual(DATASET_TYPES);
    expect(objective.op.enum).toEqual(SLA_OBJECTIVE_OPS);
    expect(objective.indicator.anyOf[0].enum).toEqual(SLA_BUILTIN_INDICATORS);
  });

  it('match the contract', () => {
    expect(ML_MODEL_TYPES).toEqual([
      'classification',
      'regression',
      'ranking',
      'forecasting',
      'generative',
      'embedding',
      'recommendation',
      'other',
    ]);
    expect(DATASET_ROLES).toEqual([
      'training',
      'validation',
      'evaluation',
      'monitoring',
    ]);
    expect(DATASET_TYPES).toEqual([
      'table',
      'files',
      'stream',
      'feature-set',
      'other',
    ]);
    expect(RISK_TIERS).toEqual(['minimal', 'limited', 'high', 'prohibited']);
    expect(SLA_OBJECTIVE_OPS).toEqual(['lt', 'lte', 'gt', 'gte', 'eq']);
  });

  it('declare required fields per kind', () => {
    expect(mlModelEntityV1alpha1Schema.properties.spec.required).toEqual([
      'type',
      'owner',
      'lifecycle',
    ]);
    expect(datasetEntityV1alpha1Schema.properties.spec.required).toEqual([
      'type',
      'owner',
      'lifecycle',
    ]);
    expect(slaEntityV1alpha1Schema.properties.spec.required).toEqual([
      'owner',
      'appliesTo',
      'objectives',
      'window',
    ]);
  });
});
