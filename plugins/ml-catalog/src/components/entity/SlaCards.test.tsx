import { screen, waitFor } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { churnSla } from '../../__testUtils__/entities';
import { renderCard } from '../../__testUtils__/renderCard';
import { EntitySlaModelsCard, EntitySlaObjectivesCard } from './SlaCards';
import { fakeStatusApi } from '../../__testUtils__/statusApi';

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
    expect(
      await screen.findByText('Customer churn predictor', undefined, {
        timeout: 5000,
      }),
    ).toBeInTheDocument();
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
