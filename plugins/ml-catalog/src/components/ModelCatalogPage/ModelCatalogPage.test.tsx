import { Entity } from '@backstage/catalog-model';
import {
  identityApiRef,
  StorageApi,
  storageApiRef,
} from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  allEntities,
  churnModel,
  fraudModel,
} from '../../__testUtils__/entities';
import { MODEL_CATALOG_STORAGE_BUCKET } from './columnChoice';
import { ModelCatalogContent, ModelCatalogPage } from './ModelCatalogPage';
import {
  MlCatalogGovernanceApi,
  mlCatalogGovernanceApiRef,
  MlCatalogStatusApi,
  mlCatalogStatusApiRef,
} from '../../api';
import { fakeGovernanceApi } from '../../__testUtils__/governanceApi';
import { fakeStatusApi } from '../../__testUtils__/statusApi';

const identity = mockApis.identity({
  userEntityRef: 'user:development/guest',
  ownershipEntityRefs: ['user:development/guest', 'group:default/payments'],
});

function renderPage(
  catalogApi:
    | ReturnType<typeof catalogApiMock.mock>
    | ReturnType<typeof catalogApiMock>,
  path = '/ml-models',
  element = <ModelCatalogContent />,
  statusApi: MlCatalogStatusApi = fakeStatusApi(),
  governanceApi: MlCatalogGovernanceApi = fakeGovernanceApi(),
  storage: StorageApi = mockApis.storage(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApi],
        [identityApiRef, identity],
        [mlCatalogStatusApiRef, statusApi],
        [mlCatalogGovernanceApiRef, governanceApi],
        [storageApiRef, storage],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The text of each row of the table's body, in order. */
function tableRows() {
  const body = screen.getByRole('table').querySelector('tbody')!;
  return within(body)
    .getAllByRole('row')
    .map(row => row.textContent ?? '');
}

/** The model titles of the table's rows, in order. */
function rowTitles() {
  const body = screen.getByRole('table').querySelector('tbody')!;
  return within(body)
    .getAllByRole('row')
    .map(row => within(row).getAllByRole('link')[0].textContent);
}

describe('ModelCatalogContent', () => {
  it('lists models and ai-model Resources with their links, in the columns the person chose', async () => {
    const storage = mockApis.storage();
    await storage
      .forBucket(MODEL_CATALOG_STORAGE_BUCKET)
      .set('columns', { slas: true, servers: true });
    await renderPage(
      catalogApiMock({ entities: allEntities }),
      '/ml-models',
      <ModelCatalogContent />,
      fakeStatusApi(),
      fakeGovernanceApi(),
      storage,
    );
    expect(await screen.findByText('Models (3)')).toBeInTheDocument();
    const churn = screen.getByText('Customer churn predictor').closest('tr')!;
    expect(within(churn).getByText('production')).toBeInTheDocument();
    expect(within(churn).getByText('limited risk')).toBeInTheDocument();
    expect(within(churn).getByText('churn-scoring')).toBeInTheDocument();
    expect(within(churn).getByText('churn-scoring-api')).toBeInTheDocument();
    const granite = screen
      .getByText('IBM Granite 3.0 8B Instruct')
      .closest('tr')!;
    expect(within(granite).getByText('read-only')).toBeInTheDocument();
    expect(
      within(granite).getByText('granite-vllm-server'),
    ).toBeInTheDocument();
  });

  it('asks the catalog for all models once and for a first page, only the fields it shows', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(async () => ({ items: [churnModel] })),
      queryEntities: jest.fn(async () => ({
        items: [churnModel],
        totalItems: 1,
        pageInfo: {},
      })),
    });
    await renderPage(catalogApi);
    await screen.findByText('Models (1)');
    expect(catalogApi.getEntities).toHaveBeenCalledTimes(1);
    const request = (catalogApi.getEntities as jest.Mock).mock.calls[0][0];
    expect(request.filter).toEqual([
      { kind: 'MLModel' },
      { kind: 'Resource', 'spec.type': 'ai-model' },
    ]);
    expect(request.fields).toContain('relations');
    expect(request.fields).not.toContain('spec');
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.queryEntities).toHaveBeenCalledWith({
      filter: request.filter,
      fields: request.fields,
      limit: 20,
      orderFields: { field: 'metadata.name', order: 'asc' },
      totalItems: 'exclude',
    });
  });

  it('asks for the first page alone, and for every model and their status once it has answered', async () => {
    let answerFirstPage: (page: { items: Entity[] }) => void = () => {};
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(async () => ({ items: allEntities })),
      queryEntities: jest.fn(
        () =>
          new Promise(resolve => {
            answerFirstPage = ({ items }) =>
              resolve({ items, totalItems: 0, pageInfo: {} });
          }),
      ),
    });
    const statusApi = fakeStatusApi();
    const summary = jest.spyOn(statusApi, 'getStatusSummary');
    await renderPage(
      catalogApi,
      '/ml-models',
      <ModelCatalogContent />,
      statusApi,
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntities).not.toHaveBeenCalled();
    expect(summary).not.toHaveBeenCalled();

    answerFirstPage({ items: [churnModel] });
    expect(
      await screen.findByText('Customer churn predictor'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Models (3)')).toBeInTheDocument();
    expect(catalogApi.getEntities).toHaveBeenCalledTimes(1);
    expect(summary).toHaveBeenCalledTimes(1);
  });

  it('reads every model when the first page fails', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(async () => ({ items: allEntities })),
      queryEntities: jest.fn(async () => {
        throw new Error('first page failed');
      }),
    });
    await renderPage(catalogApi);
    expect(await screen.findByText('Models (3)')).toBeInTheDocument();
    expect(screen.queryByText(/first page failed/)).not.toBeInTheDocument();
  });

  it('shows the first page while every model is still loading', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(() => new Promise<{ items: Entity[] }>(() => {})),
      queryEntities: jest.fn(async () => ({
        items: [churnModel],
        totalItems: 1,
        pageInfo: {},
      })),
    });
    await renderPage(catalogApi);
    expect(
      await screen.findByText('Customer churn predictor'),
    ).toBeInTheDocument();
    expect(screen.getByText('Loading every model…')).toBeInTheDocument();
  });

  it('applies the filters in the URL on load', async () => {
    await renderPage(
      catalogApiMock({ entities: allEntities }),
      '/ml-models?stage=production&source=lab2live',
    );
    expect(await screen.findByText('Models (1 of 3)')).toBeInTheDocument();
    expect(screen.getByText('Customer churn predictor')).toBeInTheDocument();
    expect(
      screen.queryByText('Payment fraud detector'),
    ).not.toBeInTheDocument();
  });

  it("narrows to the user's teams' models and by search text", async () => {
    await renderPage(catalogApiMock({ entities: allEntities }));
    await screen.findByText('Models (3)');
    await userEvent.click(
      screen.getByRole('checkbox', { name: "My team's models" }),
    );
    expect(await screen.findByText('Models (1 of 3)')).toBeInTheDocument();
    expect(screen.getByText('Payment fraud detector')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: "My team's models" }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search models' }),
      'granite',
    );
    await waitFor(() =>
      expect(screen.getByText('Models (1 of 3)')).toBeInTheDocument(),
    );
    expect(screen.getByText('IBM Granite 3.0 8B Instruct')).toBeInTheDocument();
  });

  it('offers facet values with their counts', async () => {
    await renderPage(catalogApiMock({ entities: allEntities }));
    await screen.findByText('Models (3)');
    // MUI's Autocomplete ties its label to the field in an effect after the first draw.
    await userEvent.click(
      await screen.findByRole('textbox', { name: 'Lifecycle stage' }),
    );
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'production2',
      'staging1',
    ]);
    await userEvent.click(options[1]);
    expect(await screen.findByText('Models (1 of 3)')).toBeInTheDocument();
    expect(tableRows().join('\n')).toContain('Payment fraud detector');
  });

  it('sorts all models by a header, kept in the URL', async () => {
    await renderPage(catalogApiMock({ entities: allEntities }));
    await screen.findByText('Models (3)');
    // By name until a header is pressed.
    expect(rowTitles()).toEqual([
      'Customer churn predictor',
      'Payment fraud detector',
      'IBM Granite 3.0 8B Instruct',
    ]);
    const risk = screen.getByRole('columnheader', { name: 'Risk tier' });
    await userEvent.click(within(risk).getByRole('button'));
    expect(rowTitles()).toEqual([
      'IBM Granite 3.0 8B Instruct',
      'Customer churn predictor',
      'Payment fraud detector',
    ]);
    await userEvent.click(within(risk).getByRole('button'));
    expect(risk).toHaveAttribute('aria-sort', 'descending');
    expect(rowTitles()[0]).toBe('Payment fraud detector');
    await waitFor(() =>
      expect(window.location.search).toContain('sort=risk%3Adesc'),
    );
  });

  it('shows a sort from the URL on its header', async () => {
    await renderPage(
      catalogApiMock({ entities: allEntities }),
      '/ml-models?sort=title',
    );
    await screen.findByText('Models (3)');
    expect(screen.getByRole('columnheader', { name: 'Model' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    expect(rowTitles()).toEqual([
      'Customer churn predictor',
      'IBM Granite 3.0 8B Instruct',
      'Payment fraud detector',
    ]);
  });

  it('says how to add a model when there is none', async () => {
    await renderPage(catalogApiMock({ entities: [] }));
    expect(
      await screen.findByText('No machine-learning models in the catalog yet'),
    ).toBeInTheDocument();
    expect(document.body.textContent).toContain('kind: MLModel');
  });

  it('says when no model matches and clears the filters', async () => {
    await renderPage(
      catalogApiMock({ entities: [fraudModel] }),
      '/ml-models?q=nothing-like-this',
    );
    expect(
      await screen.findByText('No models match these filters.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(
      await screen.findByText('Payment fraud detector'),
    ).toBeInTheDocument();
  });

  it('shows the catalog error', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(async () => {
        throw new Error('catalog is down');
      }),
      queryEntities: jest.fn(async () => {
        throw new Error('catalog is down');
      }),
    });
    await renderPage(catalogApi);
    expect(
      await screen.findByText('Error: catalog is down'),
    ).toBeInTheDocument();
  });

  it('shows progress while the catalog answers', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(() => new Promise<{ items: Entity[] }>(() => {})),
      queryEntities: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderPage(catalogApi);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows deployments and SLA status from one summary request, filterable', async () => {
    const statusApi = fakeStatusApi();
    const summary = jest.spyOn(statusApi, 'getStatusSummary');
    await renderPage(
      catalogApiMock({ entities: allEntities }),
      '/ml-models?sla=breached',
      <ModelCatalogContent />,
      statusApi,
    );
    expect(await screen.findByText('Models (1 of 3)')).toBeInTheDocument();
    const churn = screen.getByText('Customer churn predictor').closest('tr')!;
    expect(
      within(churn).getByLabelText('staging: version 8, healthy'),
    ).toBeInTheDocument();
    expect(within(churn).getByText('breached')).toBeInTheDocument();
    // One aggregated request for the whole page, not one per row.
    expect(summary).toHaveBeenCalledTimes(1);
  });

  it('keeps the catalog rows when the status backend fails, and says so', async () => {
    await renderPage(
      catalogApiMock({ entities: allEntities }),
      '/ml-models',
      <ModelCatalogContent />,
      fakeStatusApi({ failWith: new Error('status store offline') }),
    );
    expect(await screen.findByText('Models (3)')).toBeInTheDocument();
    expect(
      await screen.findByText('Info: Deployment and SLA status unavailable'),
    ).toBeInTheDocument();
  });
});

describe('ModelCatalogPage', () => {
  it('is a full page with its own header for legacy apps', async () => {
    await renderPage(
      catalogApiMock({ entities: allEntities }),
      '/ml-models',
      <ModelCatalogPage />,
    );
    expect(
      screen.getByRole('heading', { name: 'ML Models' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Models (3)')).toBeInTheDocument();
  });
});
