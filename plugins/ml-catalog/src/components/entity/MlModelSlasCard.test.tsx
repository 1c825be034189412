import { screen, within } from '@testing-library/react';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { MlModelSlasCard } from './MlModelSlasCard';
import { renderCard } from '../../__testUtils__/renderCard';

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
