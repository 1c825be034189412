import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { getEntityRelations } from '@backstage/plugin-catalog-react';

/**
 * The targets of an entity's relations of the given types (read with catalog-react's
 * `getEntityRelations`), optionally of some kinds, as full refs without repeats.
 */
export function relationTargets(
  entity: Entity,
  types: string[],
  kinds?: string[],
): string[] {
  const refs = types.flatMap(type =>
    (kinds ?? [undefined]).flatMap(kind =>
      getEntityRelations(entity, type, kind ? { kind } : undefined),
    ),
  );
  return [...new Set(refs.map(ref => stringifyEntityRef(ref)))];
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
