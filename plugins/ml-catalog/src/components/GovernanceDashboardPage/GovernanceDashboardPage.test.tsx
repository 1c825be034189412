import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { MlCatalogGovernanceApi, mlCatalogGovernanceApiRef } from '../../api';
import {
  churnCompliance,
  churnReview,
  fakeGovernanceApi,
  fraudCompliance,
} from '../../__testUtils__/governanceApi';
import {
  GovernanceDashboardContent,
  GovernanceDashboardPage,
} from './GovernanceDashboardPage';

/** The churn model's owner; the fraud detector's team is not in the catalog. */
const dataScience = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'data-science',
    namespace: 'default',
    title: 'Data Science (Churn & LTV)',
  },
  // Shown before the title, as the owner column's links show it.
  spec: {
    type: 'team',
    children: [],
    profile: { displayName: 'Data Science – Churn & LTV' },
  },
};

function render(
  api: MlCatalogGovernanceApi,
  element = <GovernanceDashboardContent />,
  config: object = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [mlCatalogGovernanceApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [dataScience] })],
        [configApiRef, mockApis.config({ data: config })],
      ]}
    >
      {element}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('GovernanceDashboardContent', () => {
  it('lists reviews waiting for me, what ends soon and models out of compliance', async () => {
    const approved = churnReview({
      id: 'rev-fraud-5',
      model: 'mlmodel:default/payment-fraud-detector',
      version: '5',
      state: 'approved',
      expiresAt: '2026-12-10T00:00:00.000Z',
    });
    await render(fakeGovernanceApi({ reviews: [churnReview(), approved] }));
    const waiting = await screen.findByText('Reviews waiting for me');
    const waitingCard = waiting.closest('.MuiCard-root') as HTMLElement;
    // Named by its title, as in the compliance table below.
    expect(
      await within(waitingCard).findByRole('link', {
        name: 'Customer churn predictor',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/mlmodel/churn-predictor/governance',
    );
    expect(within(waitingCard).getByText('0 of 1')).toBeInTheDocument();

    const ending = screen
      .getByText('Ending in the next 30 days')
      .closest('.MuiCard-root') as HTMLElement;
    expect(await within(ending).findByText('Approval')).toBeInTheDocument();
    // The fraud detector's approval and waiver, the churn model's waiver: by title.
    const fraudLinks = within(ending).getAllByRole('link', {
      name: 'Payment fraud detector',
    });
    expect(fraudLinks).toHaveLength(2);
    for (const link of fraudLinks) {
      expect(link).toHaveAttribute(
        'href',
        '/catalog/default/mlmodel/payment-fraud-detector/governance',
      );
    }
    expect(
      within(ending).getByRole('link', { name: 'Customer churn predictor' }),
    ).toBeInTheDocument();
    // The waiver sits on both reviews of the fixture.
    expect(
      within(ending).getAllByText(
        'Quick, safe rollback tested: Rollback drill booked for next sprint',
      ),
    ).toHaveLength(2);

    const out = screen
      .getByText('Models out of compliance')
      .closest('.MuiCard-root') as HTMLElement;
    expect(
      await within(out).findByRole('link', {
        name: 'Customer churn predictor',
      }),
    ).toBeInTheDocument();
    expect(
      within(out).getByText('No approved, unexpired governance review'),
    ).toBeInTheDocument();
    // The fraud detector is compliant: not listed.
    expect(
      within(out).queryByText('Payment fraud detector'),
    ).not.toBeInTheDocument();

    // Teams by title where the catalog has one, by name where it has none.
    expect(
      await screen.findByRole('img', {
        name: /Compliance by team: Data Science – Churn & LTV 0 compliant, 0 at risk, 1 non compliant; payments 1 compliant/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: /Compliance by risk tier: limited 0 compliant, 0 at risk, 1 non compliant; high 1 compliant/,
      }),
    ).toBeInTheDocument();
  });

  it('lists models out of compliance in every configured stage, with the stage, later stages and worse status first', async () => {
    const compliance = [
      { ...churnCompliance, status: 'at_risk' as const },
      {
        ...fraudCompliance,
        model: 'mlmodel:default/a',
        title: 'Model in shadow',
        stage: 'shadow',
        status: 'at_risk' as const,
        reasons: ['Approval ends in 10 days'],
      },
      {
        ...fraudCompliance,
        model: 'mlmodel:default/b',
        title: 'Model in research',
        stage: 'research',
        status: 'non_compliant' as const,
        reasons: ['No model card'],
      },
      { ...fraudCompliance, stage: 'live' },
    ];
    await render(fakeGovernanceApi({ compliance }), undefined, {
      lab2live: {
        lifecycle: { stages: ['research', 'shadow', 'production', 'live'] },
      },
    });
    const out = screen
      .getByText('Models out of compliance')
      .closest('.MuiCard-root') as HTMLElement;
    await within(out).findByRole('link', { name: 'Model in research' });
    const rows = within(out)
      .getAllByRole('row')
      .slice(1)
      .map(row => {
        const cells = within(row).getAllByRole('cell');
        return [cells[0].textContent, cells[2].textContent];
      });
    expect(rows).toEqual([
      ['Model in research', 'research'],
      ['Customer churn predictor', 'production'],
      ['Model in shadow', 'shadow'],
    ]);
    expect(within(out).getByText('No model card')).toBeInTheDocument();
    expect(
      within(out).queryByText('Payment fraud detector'),
    ).not.toBeInTheDocument();
  });

  it('says when nothing waits and nothing ends', async () => {
    await render(fakeGovernanceApi({ reviews: [], compliance: [] }));
    expect(
      await screen.findByText('Nothing waits for you'),
    ).toBeInTheDocument();
    expect(screen.getByText('Nothing ends this month')).toBeInTheDocument();
    expect(screen.getByText('Every model is compliant')).toBeInTheDocument();
  });

  it('shows the server error in each section', async () => {
    await render(fakeGovernanceApi({ failWith: new Error('board offline') }));
    expect(
      await screen.findAllByText('Error: board offline', { selector: 'h6' }),
    ).toHaveLength(5);
  });

  it('is a full page for legacy apps', async () => {
    await render(fakeGovernanceApi(), <GovernanceDashboardPage />);
    expect(
      await screen.findByRole('heading', { name: 'Governance', level: 1 }),
    ).toBeInTheDocument();
  });
});
