import {
  ComponentEntity,
  Entity,
  ResourceEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { isDatasetEntity } from './kinds/DatasetEntityV1alpha1';
import {
  isMLModelEntity,
  ML_MODEL_TYPES,
  MLModelType,
  RiskTier,
} from './kinds/MLModelEntityV1alpha1';
import { REF_RULES, isObject, namespaceOf, tryParseRef } from './refs';

/**
 * `spec.type` of a Resource that describes an AI model (Red Hat Developer Hub).
 *
 * @public
 */
export const AI_MODEL_RESOURCE_TYPE = 'ai-model';
/**
 * `spec.type` of a Component that serves models (Red Hat Developer Hub).
 *
 * @public
 */
export const MODEL_SERVER_COMPONENT_TYPE = 'model-server';
/**
 * `spec.type` of a Resource that stands for a dataset.
 *
 * @public
 */
export const DATASET_RESOURCE_TYPE = 'dataset';

function hasKindAndType(entity: Entity, kind: string, type: string): boolean {
  return (
    typeof entity.kind === 'string' &&
    entity.kind.toLocaleLowerCase('en-US') === kind &&
    isObject(entity.spec) &&
    entity.spec.type === type
  );
}

/**
 * Tells whether an entity is a model written in the Red Hat Developer Hub
 * convention: `kind: Resource` with `spec.type: ai-model`.
 *
 * @public
 */
export function isAiModelResource(entity: Entity): entity is ResourceEntity {
  return hasKindAndType(entity, 'resource', AI_MODEL_RESOURCE_TYPE);
}

/**
 * Tells whether an entity is a model server written in the Red Hat Developer
 * Hub convention: `kind: Component` with `spec.type: model-server`.
 *
 * @public
 */
export function isModelServerComponent(
  entity: Entity,
): entity is ComponentEntity {
  return hasKindAndType(entity, 'component', MODEL_SERVER_COMPONENT_TYPE);
}

/**
 * Tells whether an entity can stand where a Dataset reference is expected:
 * a Lab2Live Dataset, or a `Resource` with `spec.type: dataset`.
 *
 * @public
 */
export function isDatasetLike(entity: Entity): boolean {
  return (
    isDatasetEntity(entity) ||
    hasKindAndType(entity, 'resource', DATASET_RESOURCE_TYPE)
  );
}

/**
 * One read-only view of a model, whether it is a Lab2Live MLModel or a
 * Resource of type ai-model.
 *
 * @public
 */
export interface ModelSummary {
  /** Full reference of the entity, e.g. `mlmodel:default/churn-predictor`. */
  entityRef: string;
  name: string;
  /** `metadata.title`, else a display name, else the name. */
  title: string;
  /** `metadata.description`, or an empty string. */
  description: string;
  /** Full reference of the owner, e.g. `group:default/data-science`. */
  owner: string;
  /** Full reference of the system, e.g. `system:default/customer-retention`. */
  system?: string;
  /** `spec.lifecycle`, or `unknown` when a Resource does not say. */
  lifecycle: string;
  type: MLModelType;
  tags: string[];
  version?: string;
  riskTier?: RiskTier;
  /** True when Lab2Live cannot edit or govern the entity (not an MLModel). */
  readOnly: boolean;
  source: 'lab2live' | 'ai-model-resource';
}

/** Tags that say what an ai-model Resource does, mapped to a model type. */
const TAG_TYPES: Record<string, MLModelType> = {
  llm: 'generative',
  genai: 'generative',
  'gen-ai': 'generative',
  'generative-ai': 'generative',
  'text-generation': 'generative',
  'task-text-generation': 'generative',
  embeddings: 'embedding',
  'text-embedding': 'embedding',
  'task-text-embedding': 'embedding',
  'task-feature-extraction': 'embedding',
  'text-classification': 'classification',
  'task-text-classification': 'classification',
  recommender: 'recommendation',
};

function guessResourceModelType(tags: string[]): MLModelType {
  for (const tag of tags) {
    const lower = tag.toLocaleLowerCase('en-US');
    if ((ML_MODEL_TYPES as string[]).includes(lower)) {
      return lower as MLModelType;
    }
    if (TAG_TYPES[lower]) {
      return TAG_TYPES[lower];
    }
  }
  return 'other';
}

function normalizeRef(
  ref: unknown,
  defaultKind: string,
  namespace: string,
): string | undefined {
  if (typeof ref !== 'string' || !ref) {
    return undefined;
  }
  const parsed = tryParseRef(ref, defaultKind, namespace);
  return parsed ? stringifyEntityRef(parsed) : ref;
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value) {
    return value;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  return undefined;
}

/**
 * Reads a normalized summary of a model, for lists and cards that show both
 * Lab2Live MLModels and Red Hat Developer Hub ai-model Resources. Returns
 * undefined for any other entity.
 *
 * @public
 */
export function readModelSummary(entity: Entity): ModelSummary | undefined {
  const lab2live = isMLModelEntity(entity);
  if (!lab2live && !isAiModelResource(entity)) {
    return undefined;
  }
  const spec: Record<string, unknown> = isObject(entity.spec)
    ? entity.spec
    : {};
  const namespace = namespaceOf(entity);
  const tags = Array.isArray(entity.metadata.tags)
    ? entity.metadata.tags.filter((t): t is string => typeof t === 'string')
    : [];
  const profile = isObject(spec.profile) ? spec.profile : {};
  const governance = isObject(spec.governance) ? spec.governance : {};

  const summary: ModelSummary = {
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
    title:
      stringOf(entity.metadata.title) ??
      (lab2live ? undefined : stringOf(profile.displayName)) ??
      entity.metadata.name,
    description: stringOf(entity.metadata.description) ?? '',
    owner:
      normalizeRef(spec.owner, REF_RULES.owner.defaultKind, namespace) ?? '',
    lifecycle: stringOf(spec.lifecycle) ?? 'unknown',
    type: lab2live ? (spec.type as MLModelType) : guessResourceModelType(tags),
    tags,
    readOnly: !lab2live,
    source: lab2live ? 'lab2live' : 'ai-model-resource',
  };
  const system = normalizeRef(
    spec.system,
    REF_RULES.system.defaultKind,
    namespace,
  );
  if (system) {
    summary.system = system;
  }
  const version = stringOf(spec.version);
  if (version) {
    summary.version = version;
  }
  if (lab2live && typeof governance.riskTier === 'string') {
    summary.riskTier = governance.riskTier as RiskTier;
  }
  return summary;
}
