import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { churnFeatures, customerEvents } from '../../__testUtils__/entities';
import {
  EntityDatasetLineageCard,
  EntityDatasetModelsCard,
} from './DatasetCards';
import { renderCard } from '../../__testUtils__/renderCard';

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
      // The value a careless or hostile catalog-info.yaml could hold.
      // eslint-disable-next-line no-script-url
      spec: { ...churnFeatures.spec, datasheet: 'javascript:alert(1)' },
    } as Entity);
    expect(await screen.findByText('Customer events')).toBeInTheDocument();
    expect(screen.getByText('datasheet')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /datasheet/ })).toBeNull();
  });
});
