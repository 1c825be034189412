import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/**
 * The model catalog page. One route ref serves both frontend systems: the new system
 * converts it (see alpha.tsx), so links built with `useRouteRef` work in either app.
 *
 * @public
 */
export const mlModelsRouteRef = createRouteRef({ id: 'ml-catalog:models' });

/**
 * The governance dashboard for reviewers.
 *
 * @public
 */
export const mlGovernanceRouteRef = createRouteRef({
  id: 'ml-catalog:governance',
});

/** Where both frontend systems mount a model's Governance tab on its entity page. */
export const MODEL_GOVERNANCE_TAB_PATH = '/governance';

/**
 * A model's Governance tab, below the catalog's entity page: links to it are built from
 * this ref (`useRouteRef(...)({ namespace, kind, name })`), never by gluing paths.
 */
export const modelGovernanceTabRouteRef = createSubRouteRef({
  id: 'ml-catalog:model-governance-tab',
  parent: entityRouteRef,
  path: MODEL_GOVERNANCE_TAB_PATH,
});
