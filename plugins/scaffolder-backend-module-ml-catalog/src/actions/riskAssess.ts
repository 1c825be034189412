import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  assessRisk,
  formatRiskReason,
  RISK_QUESTIONNAIRE_VERSION,
  RISK_QUESTIONS,
  toRecordedRiskAssessment,
  RiskAnswers,
  RISK_TIERS,
  RiskTier,
} from '@lab2live/plugin-ml-catalog-common';
import { riskAssessExamples } from './riskAssess.examples';

/**
 * `lab2live:risk:assess`: the EU AI Act assessment of a new model from the risk
 * questionnaire of `@lab2live/plugin-ml-catalog-common` (one input per question, named
 * by its id): the tier and why, the Art. 50 duties on top of it, the general-purpose AI
 * model flags, and the whole record to keep on the model.
 *
 * @public
 */
export function createRiskAssessAction() {
  return createTemplateAction({
    id: 'lab2live:risk:assess',
    description: `Assesses a model under the EU AI Act (questionnaire version ${RISK_QUESTIONNAIRE_VERSION}): Art. 5 prohibited practices, Art. 6(1) with Annex I, Annex III with its exceptions and the Art. 6(3) derogation, Art. 50 transparency duties and the general-purpose AI model obligations (Art. 53, Art. 55).`,
    examples: riskAssessExamples,
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object(
          Object.fromEntries(
            RISK_QUESTIONS.map(question => {
              const values = (question.options ?? []).map(o => o.value) as [
                string,
                ...string[],
              ];
              const describe = `${question.article}: ${question.text}`;
              switch (question.type) {
                case 'boolean':
                  return [
                    question.id,
                    z.boolean().optional().describe(describe),
                  ];
                case 'choice':
                  return [
                    question.id,
                    z.enum(values).optional().describe(describe),
                  ];
                case 'multi-choice':
                  return [
                    question.id,
                    z.array(z.enum(values)).optional().describe(describe),
                  ];
                default:
                  return [
                    question.id,
                    z.string().optional().describe(describe),
                  ];
              }
            }),
          ),
        ),
      output: {
        riskTier: z =>
          z
            // Named tiers keep the type's name (and the API report) stable.
            .enum(RISK_TIERS as [RiskTier, ...RiskTier[]])
            .describe('The EU AI Act risk tier'),
        reasons: z =>
          z
            .array(z.string())
            .describe('Why, one line each, starting with the provision'),
        transparencyDuties: z =>
          z
            .array(z.string())
            .describe('The Art. 50 duties that apply, whatever the tier'),
        generalPurposeAI: z =>
          z
            .object({
              generalPurpose: z.boolean(),
              systemicRisk: z.boolean(),
              openSourceExemption: z.boolean(),
            })
            .describe('General-purpose AI model flags (Art. 53, Art. 55)'),
        personalData: z =>
          z.boolean().describe('Whether the model uses personal data'),
        assessment: z =>
          z
            .record(z.unknown())
            .describe(
              'The whole result to record as spec.governance.riskAssessment: version, answers, tier, reasons with articles, duties, flags, derogation',
            ),
      },
    },
    async handler(ctx) {
      // Templates pass every parameter, unanswered ones as undefined or empty text.
      const answers: RiskAnswers = {};
      for (const [id, value] of Object.entries(
        ctx.input as Record<string, unknown>,
      )) {
        if (value !== undefined && value !== null && value !== '') {
          answers[id] = value as RiskAnswers[string];
        }
      }
      // Answers that do not fit throw an InputError naming each question.
      const assessment = assessRisk(answers);
      const reasons = assessment.reasons.map(formatRiskReason);
      ctx.logger.info(`Risk tier ${assessment.tier}: ${reasons.join('; ')}`);
      ctx.output('riskTier', assessment.tier);
      ctx.output('reasons', reasons);
      ctx.output(
        'transparencyDuties',
        assessment.transparencyDuties.map(d => d.id),
      );
      ctx.output('generalPurposeAI', assessment.generalPurposeAI);
      ctx.output('personalData', assessment.personalData);
      ctx.output('assessment', toRecordedRiskAssessment(assessment));
    },
  });
}
