import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
  EntityHeaderLayoutBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { Entity } from '@backstage/catalog-model';
import ModelIcon from '@material-ui/icons/Memory';
import GovernanceIcon from '@material-ui/icons/VerifiedUser';
import {
  MODEL_GOVERNANCE_TAB_PATH,
  mlGovernanceRouteRef,
  mlModelsRouteRef,
} from './routes';
import {
  MlCatalogGovernanceClient,
  mlCatalogGovernanceApiRef,
  MlCatalogStatusClient,
  mlCatalogStatusApiRef,
} from './api';
import {
  isDatasetKind,
  isMlModelConsumer,
  isMlModelKind,
  isModelOwnerKind,
  isSlaKind,
} from './filters';

const modelsRouteRef = convertLegacyRouteRef(mlModelsRouteRef);

/** Deployment and SLA status from the Lab2Live backend. */
const mlCatalogStatusApi = ApiBlueprint.make({
  name: 'status',
  params: defineParams =>
    defineParams({
      api: mlCatalogStatusApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MlCatalogStatusClient(deps),
    }),
});

/** Governance reviews and compliance from the Lab2Live backend. */
const mlCatalogGovernanceApi = ApiBlueprint.make({
  name: 'governance',
  params: defineParams =>
    defineParams({
      api: mlCatalogGovernanceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MlCatalogGovernanceClient(deps),
    }),
});

/** The governance dashboard, `/ml-governance`, for the model risk board. */
const mlGovernancePage = PageBlueprint.make({
  name: 'governance',
  params: {
    path: '/ml-governance',
    title: 'Governance',
    icon: <GovernanceIcon />,
    routeRef: convertLegacyRouteRef(mlGovernanceRouteRef),
    loader: () =>
      import('./components/GovernanceDashboardPage').then(m =>
        compatWrapper(<m.GovernanceDashboardContent />),
      ),
  },
});

/** The model catalog page, `/ml-models`; its title and icon make the sidebar entry. */
const mlModelsPage = PageBlueprint.make({
  params: {
    path: '/ml-models',
    title: 'ML Models',
    icon: <ModelIcon />,
    routeRef: modelsRouteRef,
    loader: () =>
      import('./components/ModelCatalogPage').then(m =>
        compatWrapper(<m.ModelCatalogContent />),
      ),
  },
});

type EntityComponents = typeof import('./components/entity');

/**
 * One entity card of this plugin: loaded on first use, shown where `filter` holds.
 * `info` cards sit in the narrow column of the overview, `content` cards in the wide one.
 */
function entityCard(
  name: string,
  component: keyof EntityComponents,
  filter: (entity: Entity) => boolean,
  type: 'info' | 'content' = 'content',
) {
  return EntityCardBlueprint.make({
    name,
    params: {
      type,
      filter,
      loader: () =>
        import('./components/entity').then(m => {
          const Card = m[component] as unknown as () => JSX.Element;
          return compatWrapper(<Card />);
        }),
    },
  });
}

/** The plugin's entity cards by name, for apps that place them one by one. @alpha */
export const mlCatalogEntityCards = {
  'model-compliance': entityCard(
    'model-compliance',
    'MlModelComplianceCard',
    isMlModelKind,
    'info',
  ),
  'model-lifecycle': entityCard(
    'model-lifecycle',
    'MlModelLifecycleCard',
    isMlModelKind,
    'info',
  ),
  'model-deployments': entityCard(
    'model-deployments',
    'MlModelDeploymentsCard',
    isMlModelKind,
    'info',
  ),
  'model-card': entityCard('model-card', 'MlModelCardCard', isMlModelKind),
  'model-metrics': entityCard(
    'model-metrics',
    'MlModelMetricsCard',
    isMlModelKind,
  ),
  'model-datasets': entityCard(
    'model-datasets',
    'MlModelDatasetsCard',
    isMlModelKind,
  ),
  'model-slas': entityCard('model-slas', 'MlModelSlasCard', isMlModelKind),
  'model-services': entityCard(
    'model-services',
    'MlModelServicesCard',
    isMlModelKind,
  ),
  'component-models': entityCard(
    'component-models',
    'EntityMlModelsCard',
    isMlModelConsumer,
  ),
  'dataset-models': entityCard(
    'dataset-models',
    'EntityDatasetModelsCard',
    isDatasetKind,
  ),
  'dataset-lineage': entityCard(
    'dataset-lineage',
    'EntityDatasetLineageCard',
    isDatasetKind,
  ),
  'sla-objectives': entityCard(
    'sla-objectives',
    'EntitySlaObjectivesCard',
    isSlaKind,
  ),
  'sla-models': entityCard('sla-models', 'EntitySlaModelsCard', isSlaKind),
  'owned-models': entityCard(
    'owned-models',
    'EntityOwnedModelsCard',
    isModelOwnerKind,
  ),
};

/** The Governance tab of a model: its review, checklist, decisions and audit log. @alpha */
export const mlModelGovernanceContent = EntityContentBlueprint.make({
  name: 'governance',
  params: {
    path: MODEL_GOVERNANCE_TAB_PATH,
    title: 'Governance',
    filter: isMlModelKind,
    loader: () =>
      import('./components/entity').then(m =>
        compatWrapper(<m.MlModelGovernanceContent />),
      ),
  },
});

/** The Deployments tab of a model: status over time and every reported event. @alpha */
export const mlModelDeploymentsContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: '/deployments',
    title: 'Deployments',
    filter: isMlModelKind,
    loader: () =>
      import('./components/entity').then(m =>
        compatWrapper(<m.MlModelDeploymentsContent />),
      ),
  },
});

/**
 * The header of model pages: the catalog's header with the model's risk tier and its
 * compliance badge and reasons. It brings the catalog's favorite, copy URL, inspect and
 * unregister actions; an app with context menu items of its own switches it off with
 * `entity-header-layout:ml-catalog/model: false`.
 *
 * @alpha
 */
export const mlModelHeader = EntityHeaderLayoutBlueprint.make({
  name: 'model',
  params: {
    filter: isMlModelKind,
    loader: () => import('./components/ModelHeader').then(m => m.ModelHeader),
  },
});

/**
 * The Lab2Live front-end plugin for apps on the new frontend system: the model catalog
 * page with its sidebar entry, and the cards on model, component, dataset, SLA, group
 * and user pages.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ml-catalog',
  title: 'ML Models',
  icon: <ModelIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: modelsRouteRef },
  extensions: [
    mlCatalogStatusApi,
    mlCatalogGovernanceApi,
    mlModelsPage,
    mlGovernancePage,
    mlModelDeploymentsContent,
    mlModelGovernanceContent,
    mlModelHeader,
    ...Object.values(mlCatalogEntityCards),
  ],
});
