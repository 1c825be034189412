import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** Entities looked up by reference; a reference missing from the catalog maps to undefined. */
export type EntitiesByRef = Map<string, Entity | undefined>;

/**
 * How long lookups wait for others to join them: the cards of one entity page mount
 * within a few milliseconds of each other.
 */
const BATCH_WINDOW_MS = 10;

interface Batch {
  refs: Set<string>;
  answer: Promise<Map<string, Entity | undefined>>;
}

/** Lookups gathering per catalog client and field list, until their window closes. */
const open = new WeakMap<CatalogApi, Map<string, Batch>>();

/**
 * Looks `refs` up together with every other lookup of the same fields made within
 * {@link BATCH_WINDOW_MS}: the datasets, SLA and services cards of a model page ask
 * the catalog once.
 */
export function lookUpEntities(
  catalogApi: CatalogApi,
  refs: string[],
  fields?: string[],
): Promise<EntitiesByRef> {
  const fieldsKey = fields?.join(',') ?? '';
  let batches = open.get(catalogApi);
  if (!batches) {
    batches = new Map();
    open.set(catalogApi, batches);
  }
  let batch = batches.get(fieldsKey);
  if (!batch) {
    const gathered = new Set<string>();
    const answer = new Promise<void>(resolve =>
      setTimeout(resolve, BATCH_WINDOW_MS),
    ).then(async () => {
      batches!.delete(fieldsKey);
      const entityRefs = [...gathered];
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs,
        fields,
      });
      return new Map(
        entityRefs.map((ref, index) => [ref, items[index] ?? undefined]),
      );
    });
    batch = { refs: gathered, answer };
    batches.set(fieldsKey, batch);
  }
  refs.forEach(ref => batch!.refs.add(ref));
  return batch.answer.then(
    found => new Map(refs.map(ref => [ref, found.get(ref)])),
  );
}

/**
 * Looks up entities by reference, keeping every reference: a reference to an entity
 * that is not in the catalog stays in the map, so the card can show it as missing
 * rather than drop it. Lookups of the cards of one page share one catalog request.
 */
export function useEntitiesByRefs(refs: string[], fields?: string[]) {
  const catalogApi = useApi(catalogApiRef);
  const key = [...new Set(refs)].sort().join(',');
  return useAsync(async (): Promise<EntitiesByRef> => {
    const unique = key ? key.split(',') : [];
    if (unique.length === 0) {
      return new Map();
    }
    return lookUpEntities(catalogApi, unique, fields);
  }, [catalogApi, key, fields?.join(',')]);
}
