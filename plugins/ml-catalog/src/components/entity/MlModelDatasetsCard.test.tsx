import { screen, within } from '@testing-library/react';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { MlModelDatasetsCard } from './MlModelDatasetsCard';
import { failingCatalog, renderCard } from '../../__testUtils__/renderCard';

describe('MlModelDatasetsCard', () => {
  it('groups datasets by role and keeps a missing one', async () => {
    await renderCard(<MlModelDatasetsCard />, churnModel);
    const training = await screen.findByRole('list', {
      name: 'Training datasets',
    });
    expect(within(training).getByText('Churn features')).toBeInTheDocument();
    expect(
      within(training).getByText(
        'version used: 2024-06 · current version: 2024-07 · contains personal data',
      ),
    ).toBeInTheDocument();
    const evaluation = screen.getByRole('list', {
      name: 'Evaluation datasets',
    });
    expect(
      within(evaluation).getByText(
        'dataset:default/churn-holdout (not in the catalog)',
      ),
    ).toBeInTheDocument();
  });

  it('shows the catalog error', async () => {
    await renderCard(<MlModelDatasetsCard />, churnModel, {
      catalogApi: failingCatalog(),
    });
    expect(
      await screen.findByText('Error: catalog is down'),
    ).toBeInTheDocument();
  });

  it('says how to link data when there is none', async () => {
    await renderCard(<MlModelDatasetsCard />, fraudModel);
    expect(screen.getByText('No datasets linked')).toBeInTheDocument();
  });
});
