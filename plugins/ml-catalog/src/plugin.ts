import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  MlCatalogGovernanceClient,
  mlCatalogGovernanceApiRef,
  MlCatalogStatusClient,
  mlCatalogStatusApiRef,
} from './api';
import { mlGovernanceRouteRef, mlModelsRouteRef } from './routes';

/**
 * The Lab2Live front-end plugin for apps on the legacy frontend system
 * (`@backstage/core-plugin-api`). Apps on the new frontend system install
 * `@lab2live/plugin-ml-catalog/alpha` instead.
 *
 * @public
 */
export const mlCatalogPlugin = createPlugin({
  id: 'ml-catalog',
  routes: { root: mlModelsRouteRef, governance: mlGovernanceRouteRef },
  apis: [
    createApiFactory({
      api: mlCatalogStatusApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MlCatalogStatusClient(deps),
    }),
    createApiFactory({
      api: mlCatalogGovernanceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MlCatalogGovernanceClient(deps),
    }),
  ],
});

/**
 * The model catalog page: every MLModel and ai-model Resource, with facets, search and
 * sorting. Mount it on a route, e.g. `<Route path="/ml-models" element={<MlModelsPage />} />`.
 *
 * @public
 */
export const MlModelsPage: () => JSX.Element = mlCatalogPlugin.provide(
  createRoutableExtension({
    name: 'MlModelsPage',
    component: () =>
      import('./components/ModelCatalogPage').then(m => m.ModelCatalogPage),
    mountPoint: mlModelsRouteRef,
  }),
);

/**
 * The governance dashboard for reviewers: reviews waiting for them, approvals and
 * waivers ending soon, production models out of compliance, compliance by team and
 * risk tier. Mount it on a route, e.g.
 * `<Route path="/ml-governance" element={<MlGovernancePage />} />`.
 *
 * @public
 */
export const MlGovernancePage: () => JSX.Element = mlCatalogPlugin.provide(
  createRoutableExtension({
    name: 'MlGovernancePage',
    component: () =>
      import('./components/GovernanceDashboardPage').then(
        m => m.GovernanceDashboardPage,
      ),
    mountPoint: mlGovernanceRouteRef,
  }),
);

/** Each entity card is loaded on first use, so the app's initial bundle stays small. */
function entityCard<K extends keyof typeof import('./components/entity')>(
  name: K,
) {
  return mlCatalogPlugin.provide(
    createComponentExtension({
      name: name as string,
      component: {
        lazy: () =>
          import('./components/entity').then(
            m => m[name] as unknown as () => JSX.Element,
          ),
      },
    }),
  );
}

/** @public The model card of an MLModel: intended use, limitations, lineage. */
export const EntityMlModelCardCard = entityCard('MlModelCardCard');
/** @public Where an MLModel stands on the configured lifecycle stages. */
export const EntityMlModelLifecycleCard = entityCard('MlModelLifecycleCard');
/** @public An MLModel's evaluation metrics against their thresholds. */
export const EntityMlModelMetricsCard = entityCard('MlModelMetricsCard');
/** @public An MLModel's datasets grouped by role. */
export const EntityMlModelDatasetsCard = entityCard('MlModelDatasetsCard');
/** @public Whether an MLModel meets its stage's rules, with the reasons. */
export const EntityMlModelComplianceCard = entityCard('MlModelComplianceCard');
/** @public A model's Governance tab: review, checklist, decisions, audit log. */
export const EntityMlModelGovernanceContent = entityCard(
  'MlModelGovernanceContent',
);
/** @public Where an MLModel runs: version and status per environment. */
export const EntityMlModelDeploymentsCard = entityCard(
  'MlModelDeploymentsCard',
);
/** @public A model's Deployments tab: status over time and the full history. */
export const EntityMlModelDeploymentsContent = entityCard(
  'MlModelDeploymentsContent',
);
/** @public An MLModel's SLAs with their objectives and how each stands. */
export const EntityMlModelSlasCard = entityCard('MlModelSlasCard');
/** @public The components that serve or use an MLModel. */
export const EntityMlModelServicesCard = entityCard('MlModelServicesCard');
/** @public On a Component: the models it serves or depends on. */
export const EntityMlModelsCard = entityCard('EntityMlModelsCard');
/** @public On a Dataset: the models trained or evaluated on it. */
export const EntityDatasetModelsCard = entityCard('EntityDatasetModelsCard');
/** @public On a Dataset: upstream and downstream datasets, license, personal data. */
export const EntityDatasetLineageCard = entityCard('EntityDatasetLineageCard');
/** @public On an SLA: its window, objectives and consumers. */
export const EntitySlaObjectivesCard = entityCard('EntitySlaObjectivesCard');
/** @public On an SLA: the models it covers. */
export const EntitySlaModelsCard = entityCard('EntitySlaModelsCard');
/** @public On a Group or User: the team's models, by stage and risk tier. */
export const EntityOwnedModelsCard = entityCard('EntityOwnedModelsCard');
