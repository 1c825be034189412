import { identityApiRef } from '@backstage/core-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  createExtensionTester,
  mockApis,
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
import mlCatalogPlugin, { mlCatalogEntityCards } from './alpha';
import { mlCatalogGovernanceApiRef, mlCatalogStatusApiRef } from './api';
import { fakeGovernanceApi } from './__testUtils__/governanceApi';
import { fakeStatusApi } from './__testUtils__/statusApi';

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
    expect(await screen.findByText('Models (3)')).toBeInTheDocument();
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
});
