import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { fraudModel } from '../../__testUtils__/entities';
import { MlModelLifecycleCard } from './MlModelLifecycleCard';
import { renderCard } from '../../__testUtils__/renderCard';

describe('MlModelLifecycleCard', () => {
  it('shows the stage on the configured list and what comes next', async () => {
    await renderCard(<MlModelLifecycleCard />, fraudModel, {
      config: {
        lab2live: { lifecycle: { stages: ['dev', 'staging', 'production'] } },
      },
    });
    const stages = screen.getByRole('list', { name: 'Lifecycle stages' });
    expect(
      within(stages)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['dev', 'staging', 'production']);
    expect(within(stages).getByText('staging').closest('li')).toHaveAttribute(
      'aria-current',
      'step',
    );
    expect(screen.getByText(/; next: production/)).toBeInTheDocument();
    expect(screen.getByText('high risk')).toBeInTheDocument();
  });

  it('warns about a stage that is not configured', async () => {
    await renderCard(<MlModelLifecycleCard />, {
      ...fraudModel,
      spec: { ...fraudModel.spec, lifecycle: 'canary' },
    } as Entity);
    expect(
      screen.getByText(/Stage "canary" is not a configured lifecycle stage/),
    ).toBeInTheDocument();
  });
});
