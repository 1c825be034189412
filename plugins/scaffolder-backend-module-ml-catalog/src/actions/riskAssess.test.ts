import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { RISK_QUESTIONNAIRE_VERSION } from '@lab2live/plugin-ml-catalog-common';
import yaml from 'yaml';
import { outputsOf } from '../__testUtils__/outputsOf';
import { createRiskAssessAction } from './riskAssess';
import { riskAssessExamples } from './riskAssess.examples';

async function run(input: Record<string, unknown>) {
  const action = createRiskAssessAction();
  const ctx = createMockActionContext({
    input: input as any,
  });
  await action.handler(ctx as any);
  return outputsOf(ctx);
}

describe('lab2live:risk:assess', () => {
  it('makes a credit scoring model high risk and says why, each reason with its article', async () => {
    const outputs = await run({
      annexIII: ['5b-creditworthiness'],
      profilesPeople: true,
      usesPersonalData: true,
      interactsWithPeople: true,
    });
    expect(outputs).toMatchObject({
      riskTier: 'high',
      reasons: [
        expect.stringMatching(/^Art\. 6: High risk/),
        expect.stringMatching(
          /^Annex III, point 5\(b\): Evaluating the creditworthiness/,
        ),
        expect.stringMatching(
          /^Art\. 6\(3\), third subparagraph: It profiles people/,
        ),
        expect.stringMatching(/^GDPR: /),
      ],
      transparencyDuties: ['interaction'],
      generalPurposeAI: {
        generalPurpose: false,
        systemicRisk: false,
        openSourceExemption: false,
      },
      personalData: true,
      assessment: {
        questionnaireVersion: RISK_QUESTIONNAIRE_VERSION,
        tier: 'high',
      },
    });
  });

  it('marks a model prohibited from the Art. 5 answers', async () => {
    const outputs = await run({
      realTimeRemoteBiometricIdentification: true,
      realTimeBiometricObjective: 'none',
    });
    expect(outputs.riskTier).toBe('prohibited');
    expect(outputs.reasons).toContainEqual(
      expect.stringMatching(/^Art\. 5\(1\)\(h\): 'Real-time' remote biometric/),
    );
  });

  it('treats the empty strings and nulls of unanswered template fields as unanswered', async () => {
    const outputs = await run({
      annexIII: [],
      derogationJustification: '',
      realTimeBiometricObjective: null,
    });
    expect(outputs.riskTier).toBe('minimal');
  });

  it.each([
    [
      { socialScoring: 'yes' },
      'The risk questionnaire answers are not valid: \'socialScoring\' must be true or false (Art. 5(1)(c)), not "yes"',
    ],
    [
      { annexIII: ['5b-credit'] },
      'The risk questionnaire answers are not valid: \'annexIII\' has "5b-credit", which is not one of',
    ],
    [
      { annexIIIArea: 'essential-services' },
      "The risk questionnaire answers are not valid: 'annexIIIArea' is not a question of the risk questionnaire (version 2)",
    ],
    [
      {
        annexIII: ['4a-recruitment'],
        derogationCondition: 'preparatory-task',
      },
      "The risk questionnaire answers are not valid: 'derogationJustification' is required here",
    ],
  ])('refuses %j with an error naming the question', async (input, message) => {
    const action = createRiskAssessAction();
    const ctx = createMockActionContext({ input: input as any });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringContaining(message),
      }),
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  const expected = [
    'high',
    'minimal',
    'prohibited',
    'high',
    'minimal',
    'limited',
    'limited',
  ];
  it.each(
    riskAssessExamples.map((e, i) => [e.description, e.example, expected[i]]),
  )('runs its example: %s', async (_description, example, tier) => {
    const [step] = yaml.parse(example).steps;
    expect(step.action).toBe('lab2live:risk:assess');
    const outputs = await run(step.input);
    expect(outputs.riskTier).toBe(tier);
    expect((outputs.reasons as string[]).length).toBeGreaterThan(0);
  });

  it('has as many expectations as examples', () => {
    expect(riskAssessExamples).toHaveLength(expected.length);
  });
});
