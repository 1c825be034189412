import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { dialogApiRef } from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { mlCatalogGovernanceApiRef } from '../../api';
import { mlModelsRouteRef } from '../../routes';
import { churnModel } from '../../__testUtils__/entities';
import { fakeGovernanceApi } from '../../__testUtils__/governanceApi';
import { ModelHeader } from './ModelHeader';

const tabs = [
  {
    id: 'overview',
    label: 'Overview',
    href: '/catalog/default/mlmodel/churn-predictor',
  },
  {
    id: 'governance',
    label: 'Governance',
    href: '/catalog/default/mlmodel/churn-predictor/governance',
  },
];

function renderHeader(
  options: {
    canUnregister?: boolean;
    governanceFails?: boolean;
    entity?: Entity;
  } = {},
) {
  const starred = new MockStarredEntitiesApi();
  const dialogs: unknown[] = [];
  // The page's permission answer, so a test can wait for it instead of sleeping.
  let permissionAnswered!: () => void;
  const answered = new Promise<void>(resolve => {
    permissionAnswered = resolve;
  });
  const permissions = mockApis.permission({
    authorize:
      options.canUnregister === false
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  const permissionApi: typeof permissions = {
    authorize: async request => {
      const response = await permissions.authorize(request);
      permissionAnswered();
      return response;
    },
  };
  const rendered = renderInTestApp(
    <TestApiProvider
      apis={[
        [
          mlCatalogGovernanceApiRef,
          fakeGovernanceApi(
            options.governanceFails
              ? { failWith: new Error('governance is down') }
              : {},
          ),
        ],
        [starredEntitiesApiRef, starred],
        [permissionApiRef, permissionApi],
        [dialogApiRef, { open: (d: unknown) => dialogs.push(d) } as any],
      ]}
    >
      <EntityProvider entity={options.entity ?? churnModel}>
        <ModelHeader tabs={tabs} activeTabId="overview" />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/ml-models': mlModelsRouteRef,
      },
    },
  );
  return { rendered, starred, dialogs, answered };
}

describe('ModelHeader', () => {
  it('shows the catalog header facts with the risk tier and the compliance badge and its reasons', async () => {
    renderHeader();
    expect(
      await screen.findByRole('heading', { name: 'Customer churn predictor' }),
    ).toBeInTheDocument();
    expect(screen.getByText('MLModel')).toBeInTheDocument();
    expect(screen.getByText('classification')).toBeInTheDocument();
    expect(screen.getByText('production')).toBeInTheDocument();
    expect(screen.getByText('data-science')).toBeInTheDocument();
    expect(screen.getByText('customer-retention')).toBeInTheDocument();
    expect(screen.getByText('limited risk')).toBeInTheDocument();
    // The reasons are the badge's description: read by screen readers, shown on
    // keyboard focus, and written beside it.
    const badge = await screen.findByLabelText('Compliance: non compliant');
    expect(badge).toHaveAccessibleDescription(
      /No approved, unexpired governance review/,
    );
    expect(badge).toHaveAttribute('tabindex', '0');
    expect(
      screen.getByText(/No approved, unexpired governance review/, {
        selector: 'span[aria-hidden="true"]',
      }),
    ).toBeVisible();
    expect(
      screen.getByRole('link', { name: 'Governance' }),
    ).toBeInTheDocument();
  });

  it('says the compliance is unavailable when the Lab2Live backend fails, and keeps the rest', async () => {
    renderHeader({ governanceFails: true });
    expect(await screen.findByText('unavailable')).toBeInTheDocument();
    expect(screen.getByText('data-science')).toBeInTheDocument();
  });

  it('stars and unstars the model', async () => {
    renderHeader();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add to favorites' }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Remove from favorites' }),
      ).toBeInTheDocument(),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove from favorites' }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Add to favorites' }),
      ).toBeInTheDocument(),
    );
  });

  async function chooseUnregister(canUnregister: boolean) {
    // Permission answers are cached per entity: each case has a model of its own.
    const entity = {
      ...churnModel,
      metadata: { ...churnModel.metadata, name: `model-${canUnregister}` },
    };
    const { dialogs, answered } = renderHeader({ canUnregister, entity });
    await userEvent.click(
      await screen.findByRole('button', { name: 'More actions' }),
    );
    const menu = await screen.findByRole('menu');
    expect(
      within(menu).getByRole('menuitem', { name: 'Copy entity URL' }),
    ).toBeInTheDocument();
    expect(
      within(menu).getByRole('menuitem', { name: 'Inspect entity' }),
    ).toBeInTheDocument();
    // Choose the item once the permission has answered and the menu shows it.
    await act(async () => {
      await answered;
    });
    await userEvent.click(
      within(menu).getByRole('menuitem', { name: 'Unregister entity' }),
    );
    return dialogs;
  }

  it("offers the catalog's actions; unregister opens the catalog's dialog", async () => {
    expect(await chooseUnregister(true)).toHaveLength(1);
  });

  it('does not unregister without the permission', async () => {
    expect(await chooseUnregister(false)).toHaveLength(0);
  });

  it('links back to the registry a provider made the model from', async () => {
    renderHeader({
      entity: {
        ...churnModel,
        metadata: {
          ...churnModel.metadata,
          annotations: {
            ...churnModel.metadata.annotations,
            'lab2live.io/source': 'mlflow',
          },
          links: [
            {
              url: 'https://mlflow.example.com/#/models/churn',
              title: 'MLflow registered model',
              type: 'mlflow-model',
            },
          ],
        },
      },
    });
    expect(await screen.findByText('Source')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: /^MLflow/ }),
    ).toHaveAttribute('href', 'https://mlflow.example.com/#/models/churn');
    // The header renders slowly on a busy machine.
  });

  it('shows no source for a model written as YAML', async () => {
    renderHeader();
    expect(await screen.findByText('data-science')).toBeInTheDocument();
    expect(screen.queryByText('Source')).not.toBeInTheDocument();
  });
});
