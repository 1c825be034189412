import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  isModelServerComponent,
  RELATION_SERVES,
} from '@lab2live/plugin-ml-catalog-common';

/**
 * Entity predicates that decide where the Lab2Live cards appear. They live apart from
 * the cards so that an app can evaluate them without loading the cards' code.
 */

function kindOf(entity: Entity): string {
  return entity.kind.toLocaleLowerCase('en-US');
}

/**
 * True for a Component that serves a model, depends on one, or is a model server
 * (Red Hat Developer Hub convention).
 *
 * @public
 */
export function isMlModelConsumer(entity: Entity): boolean {
  if (kindOf(entity) !== 'component') {
    return false;
  }
  if (isModelServerComponent(entity)) {
    return true;
  }
  return (entity.relations ?? []).some(relation => {
    if (relation.type === RELATION_SERVES) {
      return true;
    }
    if (relation.type !== 'dependsOn') {
      return false;
    }
    try {
      return parseEntityRef(relation.targetRef).kind === 'mlmodel';
    } catch {
      return false;
    }
  });
}

/** @public */
export function isMlModelKind(entity: Entity): boolean {
  return kindOf(entity) === 'mlmodel';
}

/** @public */
export function isDatasetKind(entity: Entity): boolean {
  return kindOf(entity) === 'dataset';
}

/** @public */
export function isSlaKind(entity: Entity): boolean {
  return kindOf(entity) === 'sla';
}

/** @public True for the pages that show a team's models: Group and User. */
export function isModelOwnerKind(entity: Entity): boolean {
  const kind = kindOf(entity);
  return kind === 'group' || kind === 'user';
}
