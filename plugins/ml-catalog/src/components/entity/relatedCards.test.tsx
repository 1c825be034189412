import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  churnFeatures,
  churnSla,
  customerEvents,
  dataScienceGroup,
  scoringApi,
} from '../../__testUtils__/entities';
import {
  EntityDatasetLineageCard,
  EntityDatasetModelsCard,
} from './DatasetCards';
import { EntityMlModelsCard } from './EntityMlModelsCard';
import { EntityOwnedModelsCard } from './EntityOwnedModelsCard';
import { failingCatalog, renderCard } from '../../__testUtils__/renderCard';
import { EntitySlaModelsCard, EntitySlaObjectivesCard } from './SlaCards';

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

describe('EntityDatasetModelsCard', () => {
  it('lists the models on a dataset with their role and the version used', async () => {
    await renderCard(<EntityDatasetModelsCard />, churnFeatures);
    const row = (await screen.findByText('Customer churn predictor')).closest(
      'tr',
    )!;
    expect(within(row).getByText('training')).toBeInTheDocument();
    expect(within(row).getByText('version 2024-06')).toBeInTheDocument();
  });

  it('says when no model uses the dataset', async () => {
    await renderCard(<EntityDatasetModelsCard />, customerEvents);
    expect(screen.getByText('No model uses this dataset')).toBeInTheDocument();
  });
});

describe('EntityDatasetLineageCard', () => {
  it('shows upstream and downstream data with license and personal data', async () => {
    await renderCard(<EntityDatasetLineageCard />, churnFeatures);
    expect(await screen.findByText('Customer events')).toBeInTheDocument();
    expect(
      screen.getByText('dataset:default/raw-billing (not in the catalog)'),
    ).toBeInTheDocument();
    expect(screen.getByText('churn-holdout')).toBeInTheDocument();
    expect(screen.getByText('internal')).toBeInTheDocument();
    expect(screen.getByText('yes')).toBeInTheDocument();
  });
});

describe('EntityDatasetLineageCard with a datasheet that is not a web address', () => {
  it('shows it as text instead of a link, and the rest of the card', async () => {
    await renderCard(<EntityDatasetLineageCard />, {
      ...churnFeatures,
      spec: { ...churnFeatures.spec, datasheet: 'javascript:alert(1)' },
    } as Entity);
    expect(await screen.findByText('Customer events')).toBeInTheDocument();
    expect(screen.getByText('datasheet')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /datasheet/ })).toBeNull();
  });
});

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
      await screen.findByText('Customer churn predictor'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('mlmodel:default/retired-model (not in the catalog)'),
    ).toBeInTheDocument();
  });
});

describe('EntityOwnedModelsCard', () => {
  it("counts a team's models per stage and risk tier", async () => {
    await renderCard(<EntityOwnedModelsCard />, dataScienceGroup);
    expect(await screen.findByText('1 model')).toBeInTheDocument();
    expect(screen.getByText('production: 1')).toBeInTheDocument();
    expect(screen.getByText('limited: 1')).toBeInTheDocument();
    expect(screen.getByText('Customer churn predictor')).toBeInTheDocument();
  });

  it('shows the catalog error', async () => {
    await renderCard(<EntityOwnedModelsCard />, dataScienceGroup, {
      catalogApi: failingCatalog(),
    });
    expect(
      await screen.findByText('Error: catalog is down'),
    ).toBeInTheDocument();
  });
});
