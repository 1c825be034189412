import { Entity } from '@backstage/catalog-model';
import {
  assessRisk,
  toRecordedRiskAssessment,
  type Review,
  type ReviewItem,
} from '@lab2live/plugin-ml-catalog-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { fraudModel } from '../../__testUtils__/entities';
import { renderCard } from '../../__testUtils__/renderCard';
import { MlModelLifecycleCard } from '../entity/MlModelLifecycleCard';
import { ModelGovernanceContent } from './ModelGovernanceContent';
import { ReviewChecklist } from './ReviewChecklist';

const withAssessment = (
  riskTier: string,
  answers: Parameters<typeof assessRisk>[0],
): Entity => ({
  ...fraudModel,
  spec: {
    ...fraudModel.spec,
    governance: {
      riskTier,
      riskAssessment: toRecordedRiskAssessment(assessRisk(answers)),
    },
  },
});

describe('the EU AI Act assessment on the Lifecycle card', () => {
  it('shows the reasons with their articles, the Art. 50 duties and the GPAI flag', async () => {
    await renderCard(
      <MlModelLifecycleCard />,
      withAssessment('high', {
        annexIII: ['5b-creditworthiness'],
        profilesPeople: true,
        interactsWithPeople: true,
        generalPurposeModel: true,
        trainingComputeAbove1e25: true,
      }),
    );
    expect(screen.getByText('high risk')).toBeInTheDocument();
    const duties = screen.getByRole('list', {
      name: 'Duties on top of the tier',
    });
    expect(
      within(duties)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      'Art. 50(1): interaction',
      'General-purpose AI model with systemic risk (Art. 53, Art. 55)',
    ]);
    const reasons = within(
      screen.getByRole('list', { name: 'Risk reasons' }),
    ).getAllByRole('listitem');
    expect(reasons.map(r => r.textContent)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Annex III, point 5\(b\): /),
        expect.stringMatching(/^Art\. 6\(3\), third subparagraph: It profiles/),
        expect.stringMatching(/^Art\. 51, Art\. 55\(1\): /),
      ]),
    );
  });

  it('says when the model is classified stricter than its assessment', async () => {
    await renderCard(
      <MlModelLifecycleCard />,
      withAssessment('high', {
        annexIII: ['5b-creditworthiness'],
        detectsFinancialFraudOnly: true,
      }),
    );
    expect(screen.getByText(/The EU AI Act assessment gives/).textContent).toBe(
      'The EU AI Act assessment gives minimal; the model is classified stricter, as high.',
    );
  });

  it('says that no assessment is recorded for a tier set by hand', async () => {
    await renderCard(<MlModelLifecycleCard />, fraudModel);
    expect(
      screen.getByText(/No EU AI Act assessment recorded/),
    ).toBeInTheDocument();
  });
});

describe('the review checklist', () => {
  const item = (over: Partial<ReviewItem>): ReviewItem => ({
    id: 'x',
    title: 'X',
    description: '',
    source: 'internal',
    minimumTier: 'minimal',
    mode: 'attestation',
    status: 'pending',
    evidence: [],
    ...over,
  });

  it('groups Art. 50 and general-purpose items apart from the tiers, each with its source', async () => {
    const review = {
      id: 'r',
      model: 'mlmodel:default/m',
      version: '1',
      state: 'draft',
      riskTier: 'high',
      revision: 1,
      createdBy: 'user:default/a',
      createdAt: '',
      updatedAt: '',
      approvalsRequired: 2,
      decisions: [],
      actions: [],
      items: [
        item({
          id: 'human-oversight',
          title: 'Human oversight',
          minimumTier: 'high',
          source: 'EU AI Act Art. 14',
        }),
        item({
          id: 'ai-disclosure',
          title: 'People are told',
          source: 'EU AI Act Art. 50(1)',
          appliesWhen: { transparencyDuty: 'interaction' },
        }),
        item({
          id: 'gpai-copyright-policy',
          title: 'Copyright policy',
          source: 'EU AI Act Art. 53(1)(c)',
          appliesWhen: { generalPurpose: 'any' },
        }),
      ],
    } as unknown as Review;
    await renderInTestApp(
      <ReviewChecklist
        review={review}
        busy={false}
        onEdit={() => {}}
        onWaive={() => {}}
      />,
    );
    const table = (name: string) =>
      screen.getByRole('table', { name: `Checklist: ${name}` });
    expect(
      within(table('High risk (EU AI Act Arts. 9-15)')).getByText(
        /EU AI Act Art\. 14/,
      ),
    ).toBeInTheDocument();
    expect(
      within(table('Transparency duties (EU AI Act Art. 50)')).getByText(
        'People are told',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        table('General-purpose AI model (EU AI Act Art. 53, Art. 55)'),
      ).getByText(/EU AI Act Art\. 53\(1\)\(c\)/),
    ).toBeInTheDocument();
  });
});

describe('the Governance tab', () => {
  it('shows the EU AI Act assessment with its duties next to the reviews', async () => {
    await renderCard(
      <ModelGovernanceContent />,
      withAssessment('limited', {
        interactsWithPeople: true,
        generatesSyntheticContent: true,
      }),
    );
    const card = (await screen.findByText('EU AI Act risk assessment')).closest(
      '.MuiCard-root',
    ) as HTMLElement;
    expect(within(card).getByText('limited risk')).toBeInTheDocument();
    expect(
      within(card)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual(
      expect.arrayContaining([
        'Art. 50(1): interaction',
        'Art. 50(2): synthetic-content',
      ]),
    );
  });
});
