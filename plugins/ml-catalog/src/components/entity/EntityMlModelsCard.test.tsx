import { screen, within } from '@testing-library/react';
import { scoringApi } from '../../__testUtils__/entities';
import { EntityMlModelsCard } from './EntityMlModelsCard';
import { failingCatalog, renderCard } from '../../__testUtils__/renderCard';

const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

describe('EntityMlModelsCard', () => {
  it('lists the models a service serves or calls, with stage, risk and SLAs', async () => {
    await renderCard(<EntityMlModelsCard />, scoringApi);
    const churn = await screen.findByText('Customer churn predictor');
    const row = churn.closest('tr')!;
    expect(within(row).getByText('serves')).toBeInTheDocument();
    expect(within(row).getByText('production')).toBeInTheDocument();
    expect(within(row).getByText('limited risk')).toBeInTheDocument();
    expect(within(row).getByText('churn-scoring')).toBeInTheDocument();
    // A dependency on a model that is not registered stays visible; other resources do not show.
    expect(
      rowOf('mlmodel:default/ghost-model (not in the catalog)'),
    ).toHaveTextContent('depends on');
    expect(screen.queryByText(/postgres/)).not.toBeInTheDocument();
  });

  it('shows the catalog error', async () => {
    await renderCard(<EntityMlModelsCard />, scoringApi, {
      catalogApi: failingCatalog(),
    });
    expect(
      await screen.findByText('Error: catalog is down'),
    ).toBeInTheDocument();
  });
});

describe('EntityMlModelsCard with status', () => {
  it('gives the service card the deployments and SLA status of its models', async () => {
    await renderCard(<EntityMlModelsCard />, scoringApi);
    expect(
      await screen.findByLabelText('staging: version 8, healthy'),
    ).toBeInTheDocument();
    expect(await screen.findByText('SLA breached')).toBeInTheDocument();
  });
});
