import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  DefaultCatalogGraphApi,
  catalogGraphApiRef,
} from '@backstage/plugin-catalog-graph';
import { LAB2LIVE_RELATION_PAIRS } from '@lab2live/plugin-ml-catalog-common';

/**
 * The catalog graph API with the Lab2Live relations known besides the built-in ones.
 * The graph only draws relation types its API knows, so without this a model's
 * datasets, SLAs and servers would be missing from every graph.
 *
 * @public
 */
export function createMlCatalogGraphApi() {
  const pairs = [...ALL_RELATION_PAIRS, ...LAB2LIVE_RELATION_PAIRS].map(
    ([type, reverse]) => [type, reverse] as [string, string],
  );
  return new DefaultCatalogGraphApi({
    knownRelations: [...new Set([...ALL_RELATIONS, ...pairs.flat()])],
    knownRelationPairs: pairs,
    defaultRelationTypes: { exclude: [] },
  });
}

/**
 * Replaces the catalog graph's API (same extension id, `api:catalog-graph`) with one
 * that knows the Lab2Live relations. Install it beside `@backstage/plugin-catalog-graph`.
 *
 * @public
 */
export const catalogGraphMlRelationsModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () => createMlCatalogGraphApi(),
        }),
    }),
  ],
});
