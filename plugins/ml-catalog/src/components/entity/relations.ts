import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** The targets of an entity's relations of the given types, optionally of some kinds. */
export function relationTargets(
  entity: Entity,
  types: string[],
  kinds?: string[],
): string[] {
  const refs = (entity.relations ?? [])
    .filter(relation => types.includes(relation.type))
    .map(relation => relation.targetRef)
    .filter(ref => !kinds || kinds.includes(parseEntityRef(ref).kind));
  return [...new Set(refs)];
}

/** Fields the cards read from related models. */
export const MODEL_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.datasets',
  'spec.governance.riskTier',
  'relations',
];

/** Reads a nested string from an entity's spec, or undefined. */
export function specString(entity: Entity | undefined, ...path: string[]) {
  let value: unknown = entity?.spec;
  for (const key of path) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return typeof value === 'string' ? value : undefined;
}

/**
 * The full reference (`kind:namespace/name`) of a reference written in an entity's
 * spec, where kind and namespace may be left out; undefined when it does not parse.
 */
export function fullRef(
  ref: unknown,
  defaultKind: string,
  entity: Entity,
): string | undefined {
  if (typeof ref !== 'string' || !ref) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}
