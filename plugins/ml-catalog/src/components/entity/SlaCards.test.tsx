import { screen, waitFor } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { churnSla } from '../../__testUtils__/entities';
import { renderCard } from '../../__testUtils__/renderCard';
import { EntitySlaModelsCard, EntitySlaObjectivesCard } from './SlaCards';
import { churnStatus, fakeStatusApi } from '../../__testUtils__/statusApi';
import { churnCompliance } from '../../__testUtils__/governanceApi';
import { MlCatalogGovernanceClient, MlCatalogStatusClient } from '../../api';

const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

describe('SLA cards', () => {
  it('shows objectives, window and consumers', async () => {
    await renderCard(<EntitySlaObjectivesCard />, churnSla);
    expect(screen.getByText('30d')).toBeInTheDocument();
    expect(rowOf('p95 latency')).toHaveTextContent('latency_p95_ms ≤ 120 ms');
    expect(rowOf('availability_pct')).toHaveTextContent(
      'availability_pct ≥ 99.5 %',
    );
    expect(screen.getByText('retention-web')).toBeInTheDocument();
  });

  it('says when an SLA has no objectives', async () => {
    await renderCard(<EntitySlaObjectivesCard />, {
      ...churnSla,
      spec: { ...churnSla.spec, objectives: [] },
    } as Entity);
    expect(screen.getByText('No objectives')).toBeInTheDocument();
  });

  it('lists the covered models, a missing one marked', async () => {
    await renderCard(<EntitySlaModelsCard />, churnSla);
    // The table may draw its rows anew as its reads arrive: query the page as it is.
    await screen.findByText('Customer churn predictor', undefined, {
      timeout: 5000,
    });
    expect(screen.getByText('Customer churn predictor')).toBeInTheDocument();
    expect(
      screen.getByText('mlmodel:default/retired-model (not in the catalog)'),
    ).toBeInTheDocument();
  });
});

describe('EntitySlaObjectivesCard with status', () => {
  it('says when the SLA status cannot be read, and keeps the objectives', async () => {
    await renderCard(<EntitySlaObjectivesCard />, churnSla, {
      statusApi: fakeStatusApi({ failWith: new Error('status is down') }),
    });
    // Two objectives for each of the two covered models.
    expect(
      (await screen.findAllByText('unavailable: status is down')).length,
    ).toBe(4);
    expect(
      screen.getByText('p95 latency', { selector: 'td' }),
    ).toBeInTheDocument();
  });

  it('gives the SLA page the status of each covered model', async () => {
    await renderCard(<EntitySlaObjectivesCard />, churnSla);
    // Each objective's row holds the covered model's result for that objective.
    await waitFor(() =>
      expect(
        screen.getByText('p95 latency', { selector: 'td' }).closest('tr'),
      ).toHaveTextContent(/breached/),
    );
    expect(
      screen.getByText('availability_pct', { selector: 'td' }).closest('tr'),
    ).toHaveTextContent(/met/);
    expect(
      screen.getByText('availability_pct', { selector: 'td' }).closest('tr'),
    ).not.toHaveTextContent(/breached/);
  });
});

describe('the SLA page', () => {
  const CHURN = 'mlmodel:default/churn-predictor';

  /**
   * The real clients over a backend that knows only the SLA's status read with its
   * covered models (`models` as given), recording each request.
   */
  function slaPage(models: object) {
    const seen: string[] = [];
    const deps = {
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/ml-catalog' },
      fetchApi: {
        fetch: async (url: RequestInfo | URL) => {
          seen.push(String(url));
          if (
            !String(url).endsWith(
              '/slas/default/churn-scoring/status?include=models',
            )
          ) {
            return new Response(
              JSON.stringify({
                error: { name: 'NotFoundError', message: 'no such route' },
              }),
              { status: 404, headers: { 'Content-Type': 'application/json' } },
            );
          }
          const body = {
            sla: 'sla:default/churn-scoring',
            items: [{ model: CHURN, objectives: churnStatus.sla.objectives }],
            models,
          };
          return new Response(JSON.stringify(body), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          });
        },
      },
    };
    const render = () =>
      renderCard(
        <>
          <EntitySlaObjectivesCard />
          <EntitySlaModelsCard />
        </>,
        churnSla,
        {
          statusApi: new MlCatalogStatusClient(deps),
          governanceApi: new MlCatalogGovernanceClient(deps),
        },
      );
    return { seen, render };
  }

  const status = {
    environments: churnStatus.environments,
    items: [
      {
        model: CHURN,
        deployments: churnStatus.deployments,
        slaStatus: churnStatus.sla.status,
      },
    ],
  };

  it('shows the objectives and the covered models from one request', async () => {
    const { seen, render } = slaPage({
      status,
      compliance: { items: [churnCompliance] },
    });
    await render();
    // Rows may be drawn anew as reads arrive: each check queries the page as it is.
    await waitFor(
      () => {
        expect(rowOf('Customer churn predictor')).toHaveTextContent(/staging/);
        expect(
          screen.getByLabelText('Compliance: non compliant'),
        ).toBeInTheDocument();
        expect(
          screen.getByText('p95 latency', { selector: 'td' }).closest('tr'),
        ).toHaveTextContent(/breached/);
      },
      { timeout: 5000 },
    );
    expect(seen).toEqual([
      'http://backend/api/ml-catalog/slas/default/churn-scoring/status?include=models',
    ]);
  });

  it('shows the status when the compliance is refused, and says why the compliance is missing', async () => {
    const { seen, render } = slaPage({
      status,
      errors: {
        compliance: {
          error: {
            name: 'NotAllowedError',
            message: 'Not allowed: lab2live.review.read',
          },
          response: { statusCode: 403 },
        },
      },
    });
    await render();
    await waitFor(
      () => {
        const row = rowOf('Customer churn predictor');
        expect(row).toHaveTextContent(/staging/);
        expect(row).toHaveTextContent(/unavailable/);
      },
      { timeout: 5000 },
    );
    expect(screen.queryByLabelText(/^Compliance:/)).not.toBeInTheDocument();
    expect(seen).toHaveLength(1);
  });
});
