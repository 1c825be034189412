import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { MlModelCardCard } from './ModelCardCard';
import { MlModelDatasetsCard } from './MlModelDatasetsCard';
import { MlModelLifecycleCard } from './MlModelLifecycleCard';
import { MlModelMetricsCard } from './MlModelMetricsCard';
import { MlModelServicesCard } from './MlModelServicesCard';
import { MlModelSlasCard } from './MlModelSlasCard';
import { failingCatalog, renderCard } from '../../__testUtils__/renderCard';

describe('MlModelCardCard', () => {
  it('shows the model card and marks what the owner has not stated', async () => {
    await renderCard(<MlModelCardCard />, {
      ...churnModel,
      spec: {
        ...churnModel.spec,
        limitations: undefined,
        baseModel: 'ghost-base',
      },
    } as Entity);
    expect(
      screen.getByText('Rank retention offers for at-risk customers.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Credit, pricing or employment decisions.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Not stated: add spec.limitations'),
    ).toBeInTheDocument();
    expect(screen.getByText('proprietary')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'mlmodel:default/ghost-base (not in the catalog)',
      ),
    ).toBeInTheDocument();
  });
});

describe('MlModelCardCard sections of Model Cards', () => {
  it('shows intended users, factors, ethical considerations, caveats and x- fields', async () => {
    await renderCard(<MlModelCardCard />, {
      ...churnModel,
      spec: {
        ...churnModel.spec,
        intendedUse: {
          primaryUses: 'Rank offers.',
          primaryUsers: 'Retention agents.',
          'x-approved-markets': ['DE', 'NL'],
        },
        factors: {
          relevant: ['market', 'tenure'],
          evaluation: ['market'],
          notes: 'Age is not collected.',
        },
        ethicalConsiderations: 'Billing history is a proxy for income.',
        caveatsAndRecommendations: 'Retrain before a new market.',
        'x-cost-center': 'CC-4711',
      },
    } as Entity);
    const section = (title: string) =>
      screen.getByRole('heading', { name: title }).parentElement!;
    expect(
      within(section('Primary users')).getByText('Retention agents.'),
    ).toBeInTheDocument();
    for (const line of [
      'Relevant: market, tenure',
      'Results reported by: market',
      'Age is not collected.',
    ]) {
      expect(section('Factors')).toHaveTextContent(line);
    }
    expect(
      within(section('Ethical considerations')).getByText(
        'Billing history is a proxy for income.',
      ),
    ).toBeInTheDocument();
    expect(
      within(section('Caveats and recommendations')).getByText(
        'Retrain before a new market.',
      ),
    ).toBeInTheDocument();
    const company = section('Company fields');
    expect(within(company).getByText('CC-4711')).toBeInTheDocument();
    expect(within(company).getByText('["DE","NL"]')).toBeInTheDocument();
  });

  it('says how to add each section that is missing', async () => {
    await renderCard(<MlModelCardCard />, churnModel);
    for (const text of [
      'Not stated: add spec.intendedUse.primaryUsers',
      'Not stated: add spec.factors.relevant and spec.factors.evaluation',
      'Not stated: add spec.ethicalConsiderations',
      'Not stated: add spec.caveatsAndRecommendations',
    ]) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(
      screen.queryByRole('heading', { name: 'Company fields' }),
    ).not.toBeInTheDocument();
  });
});

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

describe('MlModelSlasCard', () => {
  it("lists each SLA's window and objectives", async () => {
    await renderCard(<MlModelSlasCard />, churnModel);
    expect(await screen.findByText('Window: 30d')).toBeInTheDocument();
    const objectives = screen.getByRole('list', {
      name: 'Objectives of churn-scoring',
    });
    expect(within(objectives).getByText('p95 latency')).toBeInTheDocument();
    expect(
      within(objectives).getByText('latency_p95_ms ≤ 120 ms'),
    ).toBeInTheDocument();
    expect(
      within(objectives).getByText('availability_pct ≥ 99.5 %'),
    ).toBeInTheDocument();
  });

  it('says when no SLA covers the model', async () => {
    await renderCard(<MlModelSlasCard />, fraudModel);
    expect(screen.getByText('No SLA covers this model')).toBeInTheDocument();
  });
});

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
