import { createRouteRef } from '@backstage/core-plugin-api';

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
