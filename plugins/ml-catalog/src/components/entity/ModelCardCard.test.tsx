import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { churnModel } from '../../__testUtils__/entities';
import { MlModelCardCard } from './ModelCardCard';
import { renderCard } from '../../__testUtils__/renderCard';

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
