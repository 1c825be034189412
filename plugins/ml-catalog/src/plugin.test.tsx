import { identityApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { allEntities, churnModel } from './__testUtils__/entities';
import {
  EntityMlModelMetricsCard,
  EntityMlModelsCard,
  mlCatalogPlugin,
  MlModelsPage,
} from './plugin';
import { mlModelsRouteRef } from './routes';
import { scoringApi } from './__testUtils__/entities';
import { mlCatalogGovernanceApiRef, mlCatalogStatusApiRef } from './api';
import { fakeGovernanceApi } from './__testUtils__/governanceApi';
import { fakeStatusApi } from './__testUtils__/statusApi';

const apis = [
  [catalogApiRef, catalogApiMock({ entities: allEntities })],
  [identityApiRef, mockApis.identity()],
  [mlCatalogStatusApiRef, fakeStatusApi()],
  [mlCatalogGovernanceApiRef, fakeGovernanceApi()],
] as const;

describe('legacy frontend system exports', () => {
  it('has the plugin id and root route', () => {
    expect(mlCatalogPlugin.getId()).toBe('ml-catalog');
    expect(mlCatalogPlugin.routes.root).toBe(mlModelsRouteRef);
  });

  it('mounts the model catalog page on a route of a legacy app', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apis}>
        <Routes>
          <Route path="/ml-models" element={<MlModelsPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/ml-models'],
        mountedRoutes: {
          '/ml-models': mlModelsRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    expect(
      await screen.findByRole(
        'heading',
        { name: 'ML Models' },
        { timeout: 30_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Models (3)', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
  });

  it('renders the entity cards inside an entity page', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apis}>
        <EntityProvider entity={churnModel}>
          <EntityMlModelMetricsCard />
        </EntityProvider>
        <EntityProvider entity={scoringApi}>
          <EntityMlModelsCard />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText('1 of 3 miss their threshold'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Models this service serves or calls'),
    ).toBeInTheDocument();
  });
});
