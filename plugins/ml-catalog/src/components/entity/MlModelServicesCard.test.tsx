import { screen, within } from '@testing-library/react';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { MlModelServicesCard } from './MlModelServicesCard';
import { renderCard } from '../../__testUtils__/renderCard';

describe('MlModelServicesCard', () => {
  it('lists serving and consuming components, missing ones marked', async () => {
    await renderCard(<MlModelServicesCard />, churnModel);
    const serving = await screen.findByRole('list', { name: 'Served by' });
    expect(within(serving).getByText('Churn scoring API')).toBeInTheDocument();
    expect(
      within(serving).getByText('service · production'),
    ).toBeInTheDocument();
    const using = screen.getByRole('list', { name: 'Used by' });
    expect(
      within(using).getByText(
        'component:default/retention-web (not in the catalog)',
      ),
    ).toBeInTheDocument();
  });

  it('says when no service serves or uses the model', async () => {
    await renderCard(<MlModelServicesCard />, fraudModel);
    expect(
      screen.getByText('No service serves or uses this model'),
    ).toBeInTheDocument();
  });
});
