import { screen, within } from '@testing-library/react';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { MlModelSlasCard } from './MlModelSlasCard';
import { renderCard } from '../../__testUtils__/renderCard';
import { churnStatus, fakeStatusApi } from '../../__testUtils__/statusApi';

const backendDown = () =>
  fakeStatusApi({ failWith: new Error('ml-catalog backend is down') });

describe('MlModelSlasCard', () => {
  it("lists each SLA's window and objectives", async () => {
    await renderCard(<MlModelSlasCard />, churnModel);
    expect(await screen.findByText('Window: 30d')).toBeInTheDocument();
    const objectives = screen.getByRole('list', {
      name: 'Objectives of churn-scoring',
    });
    expect(within(objectives).getByText('p95 latency')).toBeInTheDocument();
    expect(
      within(objectives).getByText('latency_p95_ms ≤ 120 ms'),
    ).toBeInTheDocument();
    expect(
      within(objectives).getByText('availability_pct ≥ 99.5 %'),
    ).toBeInTheDocument();
  });

  it('says when no SLA covers the model', async () => {
    await renderCard(<MlModelSlasCard />, fraudModel);
    expect(screen.getByText('No SLA covers this model')).toBeInTheDocument();
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
