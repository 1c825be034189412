import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { lowerCase } from './lowerCase';

/**
 * The entities of the given refs that the credentials may see, by their full
 * lower-case ref; refs the catalog does not hold (or hides) are left out.
 */
export async function entitiesByRef(
  catalog: CatalogService,
  refs: string[],
  credentials: BackstageCredentials,
  fields?: string[],
): Promise<Map<string, Entity>> {
  const result = new Map<string, Entity>();
  if (refs.length === 0) return result;
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: [...new Set(refs)], ...(fields ? { fields } : {}) },
    { credentials },
  );
  for (const entity of items) {
    if (entity) {
      result.set(lowerCase(stringifyEntityRef(entity)), entity);
    }
  }
  return result;
}
