import { identityApiRef } from '@backstage/core-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
  EntityHeaderLayoutBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import {
  allEntities,
  churnFeatures,
  churnModel,
  churnSla,
  dataScienceGroup,
  fraudModel,
  scoringApi,
} from './__testUtils__/entities';
import mlCatalogPlugin, {
  mlCatalogEntityCards,
  mlModelGovernanceContent,
  mlModelHeader,
} from './alpha';
import { mlCatalogGovernanceApiRef, mlCatalogStatusApiRef } from './api';
import { mlModelsRouteRef } from './routes';
import { fakeGovernanceApi } from './__testUtils__/governanceApi';
import { fakeStatusApi } from './__testUtils__/statusApi';

// Pages load lazily: on a busy CI machine the first render takes more than jest's 5 s.
describe('new frontend system plugin', () => {
  it('serves the model catalog page at /ml-models', async () => {
    renderTestApp({
      features: [mlCatalogPlugin],
      initialRouteEntries: ['/ml-models'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
      apis: [
        [catalogApiRef, catalogApiMock({ entities: allEntities })],
        [identityApiRef, mockApis.identity()],
        [mlCatalogStatusApiRef, fakeStatusApi()],
        [mlCatalogGovernanceApiRef, fakeGovernanceApi()],
      ],
    });
    // The page loads lazily: on a busy machine that takes longer than findBy's second.
    expect(
      await screen.findByText('Models (3)', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
  });

  it('shows each card only on the entities it is for', () => {
    const shownOn = (name: string) => {
      const card =
        mlCatalogEntityCards[name as keyof typeof mlCatalogEntityCards];
      const filter = createExtensionTester(card).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      )!;
      return [churnModel, scoringApi, churnFeatures, churnSla, dataScienceGroup]
        .filter(entity => filter(entity))
        .map(entity => entity.kind);
    };
    expect(shownOn('model-card')).toEqual(['MLModel']);
    expect(shownOn('component-models')).toEqual(['Component']);
    expect(shownOn('dataset-models')).toEqual(['Dataset']);
    expect(shownOn('sla-objectives')).toEqual(['SLA']);
    expect(shownOn('owned-models')).toEqual(['Group']);
  });

  it('keeps the model cards off components that run no model', () => {
    const card = mlCatalogEntityCards['component-models'];
    const filter = createExtensionTester(card).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter({ ...scoringApi, relations: [] })).toBe(false);
    expect(filter(fraudModel)).toBe(false);
  });

  describe('on a model page', () => {
    const apis = [
      [catalogApiRef, catalogApiMock({ entities: allEntities })],
      [mlCatalogStatusApiRef, fakeStatusApi()],
      [mlCatalogGovernanceApiRef, fakeGovernanceApi()],
      [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      [permissionApiRef, mockApis.permission()],
    ] as const;
    const mountedRoutes = {
      '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
      '/ml-models': convertLegacyRouteRef(mlModelsRouteRef),
    };

    it('adds the Governance tab to models only, and it shows the review', async () => {
      const tester = createExtensionTester(mlModelGovernanceContent);
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
        'Governance',
      );
      expect(tester.get(coreExtensionData.routePath)).toBe('/governance');
      const filter = tester.get(
        EntityContentBlueprint.dataRefs.filterFunction,
      )!;
      expect(
        [churnModel, scoringApi, churnFeatures, churnSla]
          .filter(entity => filter(entity))
          .map(entity => entity.kind),
      ).toEqual(['MLModel']);

      renderInTestApp(
        <EntityProvider entity={churnModel}>
          {tester.reactElement()}
        </EntityProvider>,
        { apis, mountedRoutes },
      );
      expect(
        await screen.findByText('Review of version 8', {}, { timeout: 30_000 }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('group', { name: 'Review actions' }),
      ).toBeInTheDocument();
      expect(screen.getByText('Audit log')).toBeInTheDocument();
    });

    it('puts the model header with its risk tier and compliance badge on models only', async () => {
      const tester = createExtensionTester(mlModelHeader);
      const filter = tester.get(
        EntityHeaderLayoutBlueprint.dataRefs.filterFunction,
      )!;
      expect(filter(churnModel)).toBe(true);
      expect(filter(scoringApi)).toBe(false);
      const Header = tester.get(EntityHeaderLayoutBlueprint.dataRefs.component);

      renderInTestApp(
        <EntityProvider entity={churnModel}>
          <Header
            tabs={[
              {
                id: 'governance',
                label: 'Governance',
                href: '/catalog/default/mlmodel/churn-predictor/governance',
              },
            ]}
            activeTabId="governance"
          />
        </EntityProvider>,
        { apis, mountedRoutes },
      );
      expect(
        await screen.findByRole(
          'heading',
          { name: 'Customer churn predictor' },
          { timeout: 30_000 },
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('limited risk')).toBeInTheDocument();
      expect(
        await screen.findByLabelText('Compliance: non compliant'),
      ).toBeInTheDocument();
    });
  });
});
