import fs from 'node:fs';
import path from 'node:path';
import { minimalModel } from '../__testUtils__/fixtures';
import { mlModelEntityV1alpha1Schema } from '../schema';
import { createLab2LiveValidator } from '../validation';
import { assessRisk, toRecordedRiskAssessment } from './riskAssessment';
import { RISK_QUESTIONS } from './riskQuestionnaire';
import {
  describeRiskCondition,
  riskAssessmentSchema,
  riskTemplateParameters,
  riskTemplateStepInput,
} from './riskTemplate';

describe('what the questionnaire generates', () => {
  it('the MLModel schema holds exactly the generated riskAssessment schema', () => {
    expect(
      (mlModelEntityV1alpha1Schema as any).properties.spec.properties.governance
        .properties.riskAssessment,
    ).toEqual(riskAssessmentSchema());
  });

  it.each([
    ['prohibited', { socialScoring: true }],
    [
      'high with duties',
      {
        annexIII: ['5b-creditworthiness', '1c-emotion-recognition'],
        profilesPeople: true,
        interactsWithPeople: true,
      },
    ],
    [
      'derogation',
      {
        annexIII: ['4a-recruitment'],
        derogationCondition: 'preparatory-task',
        derogationJustification:
          'Only builds a reading list for the recruiter.',
      },
    ],
    ['GPAI', { generalPurposeModel: true, openSourceRelease: true }],
    ['nothing', {}],
  ])('a recorded %s assessment is a valid MLModel field', (_name, answers) => {
    const entity = minimalModel();
    entity.spec.governance = {
      riskTier: assessRisk(answers).tier,
      riskAssessment: toRecordedRiskAssessment(assessRisk(answers)),
    };
    expect(createLab2LiveValidator().validate(entity)).toEqual([]);
  });

  it('refuses a recorded answer to a question the questionnaire does not have', () => {
    const entity = minimalModel();
    entity.spec.governance = {
      riskAssessment: {
        ...toRecordedRiskAssessment(assessRisk({})),
        answers: { annexIIIArea: 'biometrics' },
      },
    };
    expect(
      JSON.stringify(createLab2LiveValidator().validate(entity)),
    ).toContain('annexIIIArea');
  });

  it('template pages hold every question once, under its own id', () => {
    const ids = riskTemplateParameters().flatMap(page =>
      Object.keys(page.properties as object),
    );
    expect(ids).toEqual(RISK_QUESTIONS.map(q => q.id));
    expect(Object.keys(riskTemplateStepInput())).toEqual(ids);
    expect(riskTemplateStepInput().annexIII).toBe('${{ parameters.annexIII }}');
  });

  it('says in the form when a follow-up question counts', () => {
    expect(
      describeRiskCondition(
        RISK_QUESTIONS.find(q => q.id === 'detectsFinancialFraudOnly')!
          .askedWhen!,
      ),
    ).toBe('you ticked Annex III, point 5(b)');
    const page = riskTemplateParameters().find(p =>
      String(p.title).includes('Art. 5'),
    )!;
    expect(
      (page.properties as any).realTimeBiometricObjective.description,
    ).toContain('Counts only if you answered yes to Art. 5(1)(h)');
  });
});

describe('docs/governance.md', () => {
  const docs = fs.readFileSync(
    path.resolve(__dirname, '../../../../docs/governance.md'),
    'utf8',
  );

  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = (id: string, article: string) =>
    new RegExp(`\\|\\s*\`${escape(id)}\`\\s*\\|\\s*${escape(article)}\\s*\\|`);

  it('lists every question and every Annex III point with its provision', () => {
    for (const q of RISK_QUESTIONS) {
      expect(docs).toMatch(row(q.id, q.article));
      for (const o of q.type === 'multi-choice' ? q.options ?? [] : []) {
        expect(docs).toMatch(row(o.value, o.article!));
      }
    }
  });
});
