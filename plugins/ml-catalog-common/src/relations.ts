import {
  CompoundEntityRef,
  Entity,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { isDatasetEntity } from './kinds/DatasetEntityV1alpha1';
import { DatasetRole, isMLModelEntity } from './kinds/MLModelEntityV1alpha1';
import { isSlaEntity } from './kinds/SlaEntityV1alpha1';
import {
  REF_RULES,
  RefRule,
  isObject,
  namespaceOf,
  parseRefByRule,
  stringsOf,
} from './refs';

/**
 * A model was trained (or validated) on a dataset. Reverse: {@link RELATION_TRAINING_DATA_FOR}.
 * @public
 */
export const RELATION_TRAINED_ON = 'trainedOn';
/**
 * A dataset is training (or validation) data for a model. Reverse: {@link RELATION_TRAINED_ON}.
 * @public
 */
export const RELATION_TRAINING_DATA_FOR = 'trainingDataFor';
/**
 * A model was evaluated on a dataset. Reverse: {@link RELATION_EVALUATION_DATA_FOR}.
 * @public
 */
export const RELATION_EVALUATED_ON = 'evaluatedOn';
/**
 * A dataset is evaluation data for a model. Reverse: {@link RELATION_EVALUATED_ON}.
 * @public
 */
export const RELATION_EVALUATION_DATA_FOR = 'evaluationDataFor';
/**
 * A model is monitored in production on a dataset (live traffic, scores,
 * delayed labels). Reverse: {@link RELATION_MONITORING_DATA_FOR}.
 * @public
 */
export const RELATION_MONITORED_ON = 'monitoredOn';
/**
 * A dataset is monitoring data for a model. Reverse: {@link RELATION_MONITORED_ON}.
 * @public
 */
export const RELATION_MONITORING_DATA_FOR = 'monitoringDataFor';
/**
 * A model is covered by an SLA. Reverse: {@link RELATION_SLA_OF}.
 * @public
 */
export const RELATION_HAS_SLA = 'hasSla';
/**
 * An SLA covers a model. Reverse: {@link RELATION_HAS_SLA}.
 * @public
 */
export const RELATION_SLA_OF = 'slaOf';
/**
 * An SLA is promised to a component (`SLA.spec.consumers`). Reverse: {@link RELATION_CONSUMES_SLA}.
 * @public
 */
export const RELATION_SLA_CONSUMED_BY = 'slaConsumedBy';
/**
 * A component relies on an SLA promised to it. Reverse: {@link RELATION_SLA_CONSUMED_BY}.
 * @public
 */
export const RELATION_CONSUMES_SLA = 'consumesSla';
/**
 * A model is served by a component. Reverse: {@link RELATION_SERVES}.
 * @public
 */
export const RELATION_SERVED_BY = 'servedBy';
/**
 * A component serves a model. Reverse: {@link RELATION_SERVED_BY}.
 * @public
 */
export const RELATION_SERVES = 'serves';
/**
 * A model or dataset was derived from another of its kind. Reverse: {@link RELATION_DERIVATION_OF}.
 * @public
 */
export const RELATION_DERIVED_FROM = 'derivedFrom';
/**
 * A model or dataset is the source of another of its kind. Reverse: {@link RELATION_DERIVED_FROM}.
 * @public
 */
export const RELATION_DERIVATION_OF = 'derivationOf';

/**
 * Every relation type the Lab2Live kinds add, as [type, reverse type] pairs, for
 * tools that show relations (the catalog graph merges each pair into one edge).
 *
 * @public
 */
export const LAB2LIVE_RELATION_PAIRS: ReadonlyArray<readonly [string, string]> =
  [
    [RELATION_TRAINED_ON, RELATION_TRAINING_DATA_FOR],
    [RELATION_EVALUATED_ON, RELATION_EVALUATION_DATA_FOR],
    [RELATION_MONITORED_ON, RELATION_MONITORING_DATA_FOR],
    [RELATION_HAS_SLA, RELATION_SLA_OF],
    [RELATION_SLA_CONSUMED_BY, RELATION_CONSUMES_SLA],
    [RELATION_SERVED_BY, RELATION_SERVES],
    [RELATION_DERIVED_FROM, RELATION_DERIVATION_OF],
  ];

/**
 * An outgoing relation of a Lab2Live entity: the entity `type` target, and
 * target `reverseType` entity.
 *
 * @public
 */
export interface Lab2LiveRelation {
  type: string;
  reverseType: string;
  target: CompoundEntityRef;
}

const DATASET_ROLE_RELATIONS: Record<
  DatasetRole,
  { type: string; reverseType: string }
> = {
  training: {
    type: RELATION_TRAINED_ON,
    reverseType: RELATION_TRAINING_DATA_FOR,
  },
  validation: {
    type: RELATION_TRAINED_ON,
    reverseType: RELATION_TRAINING_DATA_FOR,
  },
  evaluation: {
    type: RELATION_EVALUATED_ON,
    reverseType: RELATION_EVALUATION_DATA_FOR,
  },
  monitoring: {
    type: RELATION_MONITORED_ON,
    reverseType: RELATION_MONITORING_DATA_FOR,
  },
};

/**
 * Lists every outgoing relation of an MLModel, Dataset or SLA, as the
 * catalog processor emits them (each also in reverse):
 *
 * - all three: `spec.owner` ownedBy/ownerOf, `spec.system` partOf/hasPart;
 * - MLModel: `spec.datasets` trainedOn/trainingDataFor (roles training and
 *   validation), evaluatedOn/evaluationDataFor (evaluation) or
 *   monitoredOn/monitoringDataFor (monitoring), `spec.slas` hasSla/slaOf,
 *   `spec.servedBy` servedBy/serves, `spec.baseModel` derivedFrom/derivationOf;
 * - Dataset: `spec.derivedFrom` derivedFrom/derivationOf;
 * - SLA: `spec.appliesTo` slaOf/hasSla, `spec.consumers`
 *   slaConsumedBy/consumesSla.
 *
 * References without a kind or namespace get the field's default kind and
 * the entity's own namespace. Identical relations are listed once;
 * references that do not parse or name a kind their field does not accept
 * (`spec.slas: [component:x]`) are skipped: the validator reports them.
 * Returns an empty array for any other kind.
 *
 * @public
 */
export function getLab2LiveRelations(entity: Entity): Lab2LiveRelation[] {
  if (
    !isObject(entity.spec) ||
    !(isMLModelEntity(entity) || isDatasetEntity(entity) || isSlaEntity(entity))
  ) {
    return [];
  }
  const namespace = namespaceOf(entity);
  const spec = entity.spec as Record<string, unknown>;
  const relations: Lab2LiveRelation[] = [];
  const seen = new Set<string>();

  const add = (
    ref: unknown,
    rule: RefRule,
    type: string,
    reverseType: string,
  ) => {
    const target = parseRefByRule(ref, rule, namespace);
    if (!target) {
      return;
    }
    const key = `${type}|${reverseType}|${stringifyEntityRef(target)}`;
    if (!seen.has(key)) {
      seen.add(key);
      relations.push({ type, reverseType, target });
    }
  };

  add(spec.owner, REF_RULES.owner, RELATION_OWNED_BY, RELATION_OWNER_OF);
  add(spec.system, REF_RULES.system, RELATION_PART_OF, RELATION_HAS_PART);

  if (isMLModelEntity(entity)) {
    for (const link of Array.isArray(spec.datasets) ? spec.datasets : []) {
      const relation = isObject(link)
        ? DATASET_ROLE_RELATIONS[link.role as DatasetRole]
        : undefined;
      if (relation) {
        add(link.ref, REF_RULES.dataset, relation.type, relation.reverseType);
      }
    }
    for (const ref of stringsOf(spec.slas)) {
      add(ref, REF_RULES.sla, RELATION_HAS_SLA, RELATION_SLA_OF);
    }
    for (const ref of stringsOf(spec.servedBy)) {
      add(ref, REF_RULES.component, RELATION_SERVED_BY, RELATION_SERVES);
    }
    add(
      spec.baseModel,
      REF_RULES.baseModel,
      RELATION_DERIVED_FROM,
      RELATION_DERIVATION_OF,
    );
  } else if (isDatasetEntity(entity)) {
    for (const ref of stringsOf(spec.derivedFrom)) {
      add(
        ref,
        REF_RULES.dataset,
        RELATION_DERIVED_FROM,
        RELATION_DERIVATION_OF,
      );
    }
  } else {
    for (const ref of stringsOf(spec.appliesTo)) {
      add(ref, REF_RULES.mlModel, RELATION_SLA_OF, RELATION_HAS_SLA);
    }
    for (const ref of stringsOf(spec.consumers)) {
      add(
        ref,
        REF_RULES.component,
        RELATION_SLA_CONSUMED_BY,
        RELATION_CONSUMES_SLA,
      );
    }
  }
  return relations;
}
