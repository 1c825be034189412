import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { formatMetricValue, MlModelMetricsCard } from './MlModelMetricsCard';
import { renderCard } from '../../__testUtils__/renderCard';

describe('MlModelMetricsCard', () => {
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
    expect(
      screen.getByRole('columnheader', { name: 'Slices' }),
    ).toBeInTheDocument();
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
    // Slice names wrap between words only, never a letter at a time.
    expect(within(slices).getByText('tenure<3m')).toHaveStyle({
      wordBreak: 'normal',
    });
    expect(
      screen.getByText('fails on 1 of 2 slices: tenure<3m'),
    ).toBeInTheDocument();
    const maeSlices = screen.getByRole('table', { name: 'Slices of mae' });
    expect(within(maeSlices).getByText('meets')).toBeInTheDocument();
    expect(screen.getByText('1 of 2 miss their threshold')).toBeInTheDocument();
  });

  it('lets a long snake_case metric name wrap at its underscores', async () => {
    await renderCard(<MlModelMetricsCard />, {
      ...churnModel,
      spec: {
        ...churnModel.spec,
        metrics: [{ name: 'precision_at_top_decile', value: 0.62 }],
      },
    } as Entity);
    const name = screen.getByText('precision_at_top_decile');
    expect(name.querySelectorAll('wbr')).toHaveLength(3);
  });

  it('rounds the long values evaluation scripts write, keeping the exact one on hover', async () => {
    // As a Hugging Face model card's model-index states them.
    await renderCard(<MlModelMetricsCard />, {
      ...churnModel,
      spec: {
        ...churnModel.spec,
        metrics: [
          {
            name: 'accuracy',
            value: 0.9128440366972477,
            threshold: 0.9,
            slices: [{ name: 'short reviews', value: 0.8771929824561403 }],
          },
        ],
      },
    } as Entity);
    const row = screen.getByText('accuracy').closest('tr')!;
    expect(within(row).getByText('0.9128')).toHaveAttribute(
      'title',
      '0.9128440366972477',
    );
    expect(row).not.toHaveTextContent('0.91284');
    const slices = screen.getByRole('table', { name: 'Slices of accuracy' });
    expect(within(slices).getByText('0.8772')).toBeInTheDocument();
  });

  it('says results without thresholds are not judged, and leaves out an empty Slices column', async () => {
    await renderCard(<MlModelMetricsCard />, {
      ...churnModel,
      spec: {
        ...churnModel.spec,
        metrics: [
          { name: 'accuracy', value: 0.91, dataset: 'dataset:glue' },
          { name: 'f1', value: 0.92 },
        ],
      },
    } as Entity);
    expect(
      screen.getByText('As reported: no metric has a threshold to judge it by'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(
        'All metrics with a threshold meet it, on every slice',
      ),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'Slices' }),
    ).not.toBeInTheDocument();
    // The dataset each was measured on reads under the metric's name.
    const accuracy = screen.getByText('accuracy').closest('td')!;
    expect(accuracy).toHaveTextContent(/on glue$/);
    expect(
      within(accuracy).getByRole('link', { name: /glue/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('f1').closest('td')).toHaveTextContent(
      /dataset not stated$/,
    );
    // Only the metric's name stands out; every cell wraps between words.
    const nameCell = screen.getByText('accuracy').closest('td')!;
    const valueCell = screen.getByText('0.91').closest('td')!;
    expect(nameCell.style.fontWeight).toMatch(/^(bold|[6-9]00)$/);
    expect(valueCell.style.fontWeight).not.toMatch(/^(bold|[6-9]00)$/);
    expect(valueCell).toHaveStyle({ wordBreak: 'normal' });
  });

  it('says how to add metrics when there are none', async () => {
    await renderCard(<MlModelMetricsCard />, fraudModel);
    expect(screen.getByText('No evaluation metrics')).toBeInTheDocument();
  });
});

describe('formatMetricValue', () => {
  it.each([
    [0.9128440366972477, '0.9128'],
    [0.5, '0.5'],
    [0.000123456, '0.0001235'],
    [12.3456, '12.35'],
    [183.25, '183.3'],
    [12345.678, '12345.7'],
    [120, '120'],
    [0.99996, '0.99996'],
    [-0.04213, '-0.04213'],
  ])('%p reads %p', (value, text) => {
    expect(formatMetricValue(value)).toBe(text);
  });
});
