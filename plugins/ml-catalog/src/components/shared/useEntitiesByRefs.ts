import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** Entities looked up by reference; a reference missing from the catalog maps to undefined. */
export type EntitiesByRef = Map<string, Entity | undefined>;

/**
 * Looks up entities by reference in one catalog request, keeping every reference: a
 * reference to an entity that is not in the catalog stays in the map, so the card can
 * show it as missing rather than drop it.
 */
export function useEntitiesByRefs(refs: string[], fields?: string[]) {
  const catalogApi = useApi(catalogApiRef);
  const key = [...new Set(refs)].sort().join(',');
  return useAsync(async (): Promise<EntitiesByRef> => {
    const unique = key ? key.split(',') : [];
    if (unique.length === 0) {
      return new Map();
    }
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: unique,
      fields,
    });
    return new Map(unique.map((ref, index) => [ref, items[index]]));
  }, [catalogApi, key, fields?.join(',')]);
}
