import { screen } from '@testing-library/react';
import { dataScienceGroup } from '../../__testUtils__/entities';
import { EntityOwnedModelsCard } from './EntityOwnedModelsCard';
import { failingCatalog, renderCard } from '../../__testUtils__/renderCard';

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
