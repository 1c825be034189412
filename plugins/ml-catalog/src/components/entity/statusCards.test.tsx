import { screen, waitFor, within } from '@testing-library/react';
import {
  churnModel,
  churnSla,
  fraudModel,
  scoringApi,
} from '../../__testUtils__/entities';
import { renderCard } from '../../__testUtils__/renderCard';
import {
  churnHistory,
  churnStatus,
  fakeStatusApi,
} from '../../__testUtils__/statusApi';
import { EntityMlModelsCard } from './EntityMlModelsCard';
import { MlModelDeploymentsCard } from './MlModelDeploymentsCard';
import { MlModelDeploymentsContent } from './MlModelDeploymentsContent';
import { MlModelSlasCard } from './MlModelSlasCard';
import { EntitySlaObjectivesCard } from './SlaCards';
import { toTimeline } from './deploymentTimeline';
import { formatEvaluation } from './objectiveFormat';

const backendDown = () =>
  fakeStatusApi({ failWith: new Error('ml-catalog backend is down') });

describe('MlModelDeploymentsCard', () => {
  it('shows each configured environment in order, stale marked, missing ones named', async () => {
    await renderCard(<MlModelDeploymentsCard />, churnModel);
    const list = await screen.findByRole('list', {
      name: 'Deployments by environment',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'dev: not deployed',
      'staging v8 · healthyServed by churn-scoring-api',
      'production v7 · stale',
    ]);
    expect(
      screen.getByLabelText('production: version 7, stale'),
    ).toBeInTheDocument();
  });

  it('tells how to report a deployment when there is none', async () => {
    await renderCard(<MlModelDeploymentsCard />, fraudModel);
    expect(
      await screen.findByText('No deployment reported yet'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderCard(<MlModelDeploymentsCard />, churnModel, {
      statusApi: backendDown(),
    });
    expect(
      await screen.findByText('Error: ml-catalog backend is down', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
  });
});

describe('MlModelDeploymentsContent', () => {
  it('shows the current state, the chart and the history newest first', async () => {
    await renderCard(<MlModelDeploymentsContent />, churnModel);
    expect(
      await screen.findByRole('img', {
        name: 'Deployment status over time per environment',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('staging: version 8, healthy'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('external:ci-pipeline')).toHaveLength(2);
    const rows = screen
      .getAllByRole('row')
      .map(row => row.textContent ?? '')
      .filter(text => /staging|production/.test(text));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/staging8healthy/);
    expect(rows[1]).toMatch(/staging8deploying/);
  });

  it('explains how pipelines report when there is no history', async () => {
    await renderCard(<MlModelDeploymentsContent />, fraudModel);
    expect(
      await screen.findByText('No deployment reported for this model yet'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderCard(<MlModelDeploymentsContent />, churnModel, {
      statusApi: backendDown(),
    });
    expect(
      await screen.findByText('Error: ml-catalog backend is down', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
  });
});

describe('MlModelSlasCard with status', () => {
  it('marks each objective with its status, budget and burn rate', async () => {
    await renderCard(<MlModelSlasCard />, churnModel);
    expect(await screen.findByText('SLA breached')).toBeInTheDocument();
    const objectives = await screen.findByRole('list', {
      name: 'Objectives of churn-scoring',
    });
    const latency = within(objectives).getByText('p95 latency').closest('li')!;
    expect(within(latency).getByText('breached')).toBeInTheDocument();
    expect(
      within(latency).getByText(
        'window mean 180 ms · budget left -300% · burn rate 6.5× over 1 h · 4 of 20 samples missed',
      ),
    ).toBeInTheDocument();
  });

  it('shows fast burn on the model and on the objective that burns, and nothing where none fires', async () => {
    const [latency, availability] = churnStatus.sla.objectives;
    const burning = {
      ...churnStatus,
      sla: {
        status: 'at_risk' as const,
        alert: 'fast_burn' as const,
        objectives: [
          latency,
          {
            ...availability,
            status: 'at_risk' as const,
            burnRate: 16,
            burnRates: { '5m': 20, '30m': 17, '1h': 16, '6h': 4 },
            alert: 'fast_burn' as const,
          },
        ],
      },
    };
    await renderCard(<MlModelSlasCard />, churnModel, {
      statusApi: fakeStatusApi({ statuses: [burning] }),
    });
    const objectives = await screen.findByRole('list', {
      name: 'Objectives of churn-scoring',
    });
    const row = within(objectives)
      .getByText('availability_pct', { selector: 'span' })
      .closest('li')!;
    expect(within(row).getByText('fast burn')).toBeInTheDocument();
    expect(
      within(row).getByText(/burn rate 16\.0× over 1 h/),
    ).toBeInTheDocument();
    const latencyRow = within(objectives)
      .getByText('p95 latency')
      .closest('li')!;
    expect(within(latencyRow).queryByText('fast burn')).toBeNull();
    // The model-wide alert beside the SLA status, once for the card and once for the row.
    expect(screen.getAllByText('fast burn')).toHaveLength(2);
  });

  it('still shows the agreed objectives when the status backend fails', async () => {
    await renderCard(<MlModelSlasCard />, churnModel, {
      statusApi: backendDown(),
    });
    expect(
      await screen.findByText('Info: SLA status unavailable'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Objectives of churn-scoring' }),
    ).toBeInTheDocument();
  });
});

describe('status beside the catalog cards', () => {
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

  it('gives the service card the deployments and SLA status of its models', async () => {
    await renderCard(<EntityMlModelsCard />, scoringApi);
    expect(
      await screen.findByLabelText('staging: version 8, healthy'),
    ).toBeInTheDocument();
    expect(await screen.findByText('SLA breached')).toBeInTheDocument();
  });
});

describe('formatEvaluation', () => {
  it('says where data is missing and names the computed model age', () => {
    const base = {
      sla: 'sla:default/x',
      name: 'age',
      op: 'lte',
      target: 90,
      window: '30d',
      samples: 0,
      missed: 0,
    };
    expect(
      formatEvaluation({
        ...base,
        indicator: 'model_age_days',
        status: 'no_data',
      }),
    ).toBe('no serving deployment reported');
    expect(
      formatEvaluation({
        ...base,
        indicator: 'latency_p95_ms',
        status: 'no_data',
      }),
    ).toBe('no observations in the last 30d');
  });
});

describe('toTimeline', () => {
  it('holds each status until the next event of its environment, in configured order', () => {
    const now = Date.parse('2026-11-24T12:00:00.000Z');
    const { lanes, start } = toTimeline(
      churnHistory,
      ['dev', 'staging', 'production'],
      now,
    );
    expect(lanes.map(l => l.environment)).toEqual(['staging', 'production']);
    expect(lanes[0].segments.map(s => [s.status, s.end])).toEqual([
      ['deploying', Date.parse('2026-11-24T10:00:00.000Z')],
      ['healthy', now],
    ]);
    expect(start).toBe(Date.parse('2026-11-20T10:00:00.000Z'));
  });
});
