import {
  CatalogModelKindVersionDefinition,
  CatalogModelLayer,
  CatalogModelLayerBuilder,
  createCatalogModelLayer,
} from '@backstage/catalog-model/alpha';
import {
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  DATASET_KIND,
  datasetEntityV1alpha1Schema,
  HUGGINGFACE_MODEL_ANNOTATION,
  LAB2LIVE_API_VERSION,
  LAB2LIVE_SOURCE_ANNOTATION,
  ML_MODEL_KIND,
  MLFLOW_MODEL_ANNOTATION,
  mlModelEntityV1alpha1Schema,
  RELATION_DERIVATION_OF,
  RELATION_DERIVED_FROM,
  RELATION_EVALUATED_ON,
  RELATION_CONSUMES_SLA,
  RELATION_EVALUATION_DATA_FOR,
  RELATION_HAS_SLA,
  RELATION_MONITORED_ON,
  RELATION_MONITORING_DATA_FOR,
  RELATION_SLA_CONSUMED_BY,
  RELATION_SERVED_BY,
  RELATION_SERVES,
  RELATION_SLA_OF,
  RELATION_TRAINED_ON,
  RELATION_TRAINING_DATA_FOR,
  SLA_KIND,
  slaEntityV1alpha1Schema,
} from '@lab2live/plugin-ml-catalog-common';

const [GROUP, VERSION] = LAB2LIVE_API_VERSION.split('/');

/**
 * The catalog model's shape of a kind: our entity schema without the envelope
 * (`apiVersion`, `kind`, `metadata` come from the catalog), so the model and the
 * processor validate the same `spec`.
 */
type JsonSchema = CatalogModelKindVersionDefinition['schema']['jsonSchema'];

/** Keywords whose values are maps of names to schemas (not schemas themselves). */
const SCHEMA_MAPS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'dependencies',
]);

/**
 * A copy of a schema without `format` keywords. The catalog's model validator knows no
 * formats and refuses a schema that names one; the processor, which runs first, checks
 * them (e.g. `uri`) with its own validator.
 */
function withoutFormats(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutFormats);
  if (!node || typeof node !== 'object') return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format' && typeof value === 'string') continue;
    if (
      key === 'examples' ||
      key === 'default' ||
      key === 'const' ||
      key === 'enum'
    ) {
      result[key] = value;
    } else if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [
          name,
          withoutFormats(schema),
        ]),
      );
    } else {
      result[key] = withoutFormats(value);
    }
  }
  return result;
}

function kindSchema(entitySchema: {
  description: string;
  properties: { spec: unknown };
}): JsonSchema {
  return {
    type: 'object',
    description: entitySchema.description,
    required: ['spec'],
    properties: {
      spec: withoutFormats(entitySchema.properties.spec) as JsonSchema,
    },
  };
}

function addKind(
  model: CatalogModelLayerBuilder,
  kind: string,
  plural: string,
  entitySchema: { description: string; properties: { spec: unknown } },
) {
  model.addKind({
    group: GROUP,
    names: { kind, singular: kind.toLocaleLowerCase('en-US'), plural },
    description: entitySchema.description,
    versions: [
      {
        name: VERSION,
        description: `${kind} as Lab2Live defines it (${LAB2LIVE_API_VERSION}). The Lab2Live catalog module validates it with named errors and emits its relations.`,
        schema: { jsonSchema: kindSchema(entitySchema) },
      },
    ],
  });
}

/**
 * The Lab2Live kinds (MLModel, Dataset, SLA) as a layer of the catalog's own model: their
 * schemas (the same JSON Schemas the processor validates with), the annotations they
 * read and the relation pairs they add. The catalog then describes our kinds to
 * whatever asks it, e.g. its `get-catalog-model-description` action.
 *
 * Relation fields are not declared: `MlCatalogEntitiesProcessor` emits the relations
 * (a dataset link's relation depends on its role, which a field path cannot say), and
 * declaring them here would emit them twice.
 *
 * @alpha
 */
export const mlCatalogModelLayer: CatalogModelLayer = createCatalogModelLayer({
  layerId: 'lab2live.io/ml-catalog-kinds',
  builder: model => {
    addKind(model, ML_MODEL_KIND, 'mlmodels', mlModelEntityV1alpha1Schema);
    addKind(model, DATASET_KIND, 'datasets', datasetEntityV1alpha1Schema);
    addKind(model, SLA_KIND, 'slas', slaEntityV1alpha1Schema);

    model.addAnnotation({
      name: MLFLOW_MODEL_ANNOTATION,
      title: 'MLflow registered model',
      description:
        'On an MLModel: the name of its registered model in MLflow. The Lab2Live MLflow module reads deployments (aliases and stages) from it; the MLflow entity provider writes it.',
    });
    model.addAnnotation({
      name: HUGGINGFACE_MODEL_ANNOTATION,
      title: 'Hugging Face model',
      description:
        'On an MLModel: the Hugging Face model (`org/name`) it was imported from.',
    });
    model.addAnnotation({
      name: LAB2LIVE_SOURCE_ANNOTATION,
      title: 'Lab2Live source',
      description:
        'On an MLModel or Dataset: where a provider or an import made the entity, `mlflow` or `huggingface`. Entities without it were written as YAML.',
    });

    const pair = (
      fromKind: string | string[],
      toKind: string | string[],
      forward: [string, string],
      reverse: [string, string],
      description: string,
    ) =>
      model.addRelationPair({
        fromKind,
        toKind,
        description,
        forward: { type: forward[0], title: forward[1] },
        reverse: { type: reverse[0], title: reverse[1] },
      });

    const ours = [ML_MODEL_KIND, DATASET_KIND, SLA_KIND];
    pair(
      ours,
      ['Group', 'User'],
      [RELATION_OWNED_BY, 'owned by'],
      [RELATION_OWNER_OF, 'owner of'],
      'The team or person that owns a Lab2Live entity (`spec.owner`).',
    );
    pair(
      ours,
      'System',
      [RELATION_PART_OF, 'part of'],
      [RELATION_HAS_PART, 'has part'],
      'The system a Lab2Live entity belongs to (`spec.system`).',
    );
    pair(
      ML_MODEL_KIND,
      DATASET_KIND,
      [RELATION_TRAINED_ON, 'trained on'],
      [RELATION_TRAINING_DATA_FOR, 'training data for'],
      'A dataset the model was trained or validated on (`spec.datasets` with role training or validation).',
    );
    pair(
      ML_MODEL_KIND,
      DATASET_KIND,
      [RELATION_EVALUATED_ON, 'evaluated on'],
      [RELATION_EVALUATION_DATA_FOR, 'evaluation data for'],
      'A dataset the model is evaluated on (`spec.datasets` with role evaluation).',
    );
    pair(
      ML_MODEL_KIND,
      DATASET_KIND,
      [RELATION_MONITORED_ON, 'monitored on'],
      [RELATION_MONITORING_DATA_FOR, 'monitoring data for'],
      'A dataset the model is monitored on in production (`spec.datasets` with role monitoring).',
    );
    pair(
      ML_MODEL_KIND,
      SLA_KIND,
      [RELATION_HAS_SLA, 'has SLA'],
      [RELATION_SLA_OF, 'SLA of'],
      'An SLA that covers the model (`spec.slas` of the model, or `spec.appliesTo` of the SLA).',
    );
    pair(
      SLA_KIND,
      'Component',
      [RELATION_SLA_CONSUMED_BY, 'consumed by'],
      [RELATION_CONSUMES_SLA, 'consumes SLA'],
      'A component the SLA is promised to (`spec.consumers` of the SLA).',
    );
    pair(
      ML_MODEL_KIND,
      'Component',
      [RELATION_SERVED_BY, 'served by'],
      [RELATION_SERVES, 'serves'],
      'A component (service) that serves the model (`spec.servedBy`).',
    );
    // Components and resources depend on models and datasets (`spec.dependsOn`,
    // `spec.dependencyOf`): the catalog's model processor emits the reverse only for
    // kind pairs the model declares.
    pair(
      ['Component', 'Resource'],
      [ML_MODEL_KIND, DATASET_KIND],
      [RELATION_DEPENDS_ON, 'depends on'],
      [RELATION_DEPENDENCY_OF, 'dependency of'],
      'A component or resource that depends on a model or a dataset (its `spec.dependsOn`).',
    );
    pair(
      ['Component', 'Resource'],
      [ML_MODEL_KIND, DATASET_KIND],
      [RELATION_DEPENDENCY_OF, 'dependency of'],
      [RELATION_DEPENDS_ON, 'depends on'],
      'A component or resource that a model or a dataset depends on (its `spec.dependencyOf`).',
    );
    pair(
      [ML_MODEL_KIND, DATASET_KIND],
      [ML_MODEL_KIND, DATASET_KIND],
      [RELATION_DERIVED_FROM, 'derived from'],
      [RELATION_DERIVATION_OF, 'derivation of'],
      'A model fine-tuned from a base model (`spec.baseModel`), or a dataset derived from another (`spec.derivedFrom`).',
    );
  },
});
