import { Entity } from '@backstage/catalog-model';
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
import { configApiRef } from '@backstage/core-plugin-api';
import { CatalogApi } from '@backstage/catalog-client';
import { ReactElement } from 'react';
import { allEntities } from './entities';
import {
  MlCatalogGovernanceApi,
  mlCatalogGovernanceApiRef,
  mlCatalogStatusApiRef,
  MlCatalogStatusApi,
} from '../api';
import { fakeGovernanceApi } from './governanceApi';
import { fakeStatusApi } from './statusApi';

/** Renders a card on an entity's page with the fixture catalog (or the given one). */
export function renderCard(
  card: ReactElement,
  entity: Entity,
  options: {
    catalogApi?: CatalogApi;
    config?: object;
    statusApi?: MlCatalogStatusApi;
    governanceApi?: MlCatalogGovernanceApi;
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          catalogApiRef,
          options.catalogApi ?? catalogApiMock({ entities: allEntities }),
        ],
        [configApiRef, mockApis.config({ data: options.config ?? {} })],
        [mlCatalogStatusApiRef, options.statusApi ?? fakeStatusApi()],
        [
          mlCatalogGovernanceApiRef,
          options.governanceApi ?? fakeGovernanceApi(),
        ],
      ]}
    >
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** A catalog whose every call fails, for the cards' error states. */
export function failingCatalog(): CatalogApi {
  const fail = jest.fn(async () => {
    throw new Error('catalog is down');
  });
  return catalogApiMock.mock({ getEntities: fail, getEntitiesByRefs: fail });
}
