import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { MlModelMetricsCard } from './MlModelMetricsCard';
import { renderCard } from '../../__testUtils__/renderCard';

describe('MlModelMetricsCard', () => {
  // The first render of a material table is slow on a busy machine.
  jest.setTimeout(30_000);

  it('marks each metric against its threshold', async () => {
    await renderCard(<MlModelMetricsCard />, churnModel);
    expect(screen.getByText('1 of 3 miss their threshold')).toBeInTheDocument();
    const row = (name: string) => screen.getByText(name).closest('tr')!;
    expect(within(row('auc')).getByText('meets threshold')).toBeInTheDocument();
    expect(
      within(row('recall')).getByText('below threshold'),
    ).toBeInTheDocument();
    expect(
      within(row('precision')).getByText('no threshold'),
    ).toBeInTheDocument();
  });

  it('judges lower-is-better metrics against a ceiling and says which way is better', async () => {
    await renderCard(<MlModelMetricsCard />, {
      ...churnModel,
      spec: {
        ...churnModel.spec,
        metrics: [
          { name: 'rmse', value: 18, direction: 'lower', threshold: 15 },
          { name: 'fpr', value: 0.01, direction: 'lower', threshold: 0.02 },
          { name: 'auc', value: 0.9, threshold: 0.8 },
        ],
      },
    } as Entity);
    const row = (name: string) => screen.getByText(name).closest('tr')!;
    expect(within(row('rmse')).getByText('≤ 15')).toBeInTheDocument();
    expect(
      within(row('rmse')).getByText('above threshold'),
    ).toBeInTheDocument();
    expect(row('rmse')).toHaveTextContent('↓ lower is better');
    expect(within(row('fpr')).getByText('meets threshold')).toBeInTheDocument();
    expect(row('auc')).toHaveTextContent('↑ higher is better');
    expect(within(row('auc')).getByText('≥ 0.8')).toBeInTheDocument();
    // The arrow is decoration: assistive technology reads the words.
    expect(within(row('auc')).getByText('↑')).toHaveAttribute(
      'aria-hidden',
      'true',
    );
    expect(screen.getByText('1 of 3 miss their threshold')).toBeInTheDocument();
  });

  it('shows each slice with pass or fail and names the failing ones', async () => {
    await renderCard(<MlModelMetricsCard />, {
      ...churnModel,
      spec: {
        ...churnModel.spec,
        metrics: [
          {
            name: 'auc',
            value: 0.87,
            threshold: 0.8,
            slices: [
              { name: 'market=DE', value: 0.88 },
              { name: 'tenure<3m', value: 0.74 },
            ],
          },
          {
            name: 'mae',
            value: 4,
            direction: 'lower',
            threshold: 5,
            slices: [{ name: 'age 65+', value: 3 }],
          },
        ],
      },
    } as Entity);
    const slices = screen.getByRole('table', { name: 'Slices of auc' });
    const sliceRow = (name: string) =>
      within(slices).getByText(name).closest('tr')!;
    expect(
      within(sliceRow('market=DE')).getByText('meets'),
    ).toBeInTheDocument();
    expect(
      within(sliceRow('tenure<3m')).getByText('fails'),
    ).toBeInTheDocument();
    expect(sliceRow('tenure<3m')).toHaveTextContent('0.74');
    expect(
      screen.getByText('fails on 1 of 2 slices: tenure<3m'),
    ).toBeInTheDocument();
    const maeSlices = screen.getByRole('table', { name: 'Slices of mae' });
    expect(within(maeSlices).getByText('meets')).toBeInTheDocument();
    expect(screen.getByText('1 of 2 miss their threshold')).toBeInTheDocument();
  });

  it('says how to add metrics when there are none', async () => {
    await renderCard(<MlModelMetricsCard />, fraudModel);
    expect(screen.getByText('No evaluation metrics')).toBeInTheDocument();
  });
});
