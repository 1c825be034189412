import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNEX_III_AREAS,
  assessRiskTier,
  PROHIBITED_PRACTICES,
} from '@lab2live/plugin-ml-catalog-common';
import { riskAssessExamples } from './riskAssess.examples';

const areas = Object.keys(ANNEX_III_AREAS) as [
  keyof typeof ANNEX_III_AREAS,
  ...(keyof typeof ANNEX_III_AREAS)[],
];
const practices = Object.keys(PROHIBITED_PRACTICES) as [
  keyof typeof PROHIBITED_PRACTICES,
  ...(keyof typeof PROHIBITED_PRACTICES)[],
];

/**
 * `lab2live:risk:assess`: the EU AI Act risk tier of a new model, and why, from the
 * template's short questionnaire.
 *
 * @public
 */
export function createRiskAssessAction() {
  return createTemplateAction({
    id: 'lab2live:risk:assess',
    description:
      'Computes the EU AI Act risk tier of a model, with the reasons, from a short questionnaire.',
    examples: riskAssessExamples,
    supportsDryRun: true,
    schema: {
      input: {
        annexIIIArea: z =>
          z
            .enum(areas)
            .default('none')
            .describe('The EU AI Act Annex III area the model is used in'),
        prohibitedPractice: z =>
          z
            .enum(practices)
            .default('none')
            .describe('An Article 5 practice the model would serve'),
        profilesPeople: z =>
          z
            .boolean()
            .default(false)
            .describe('Does it evaluate or predict aspects of people?'),
        interactsWithPeople: z =>
          z.boolean().default(false).describe('Do people talk to it directly?'),
        generatesContent: z =>
          z
            .boolean()
            .default(false)
            .describe('Does it generate text, images, audio or video?'),
        usesPersonalData: z =>
          z
            .boolean()
            .default(false)
            .describe('Does training or inference use personal data?'),
      },
      output: {
        riskTier: z =>
          z
            .enum(['minimal', 'limited', 'high', 'prohibited'])
            .describe('The EU AI Act risk tier'),
        reasons: z => z.array(z.string()).describe('Why, one line each'),
        personalData: z =>
          z.boolean().describe('Whether the model uses personal data'),
      },
    },
    async handler(ctx) {
      const { riskTier, reasons } = assessRiskTier(ctx.input);
      ctx.logger.info(`Risk tier ${riskTier}: ${reasons.join('; ')}`);
      ctx.output('riskTier', riskTier);
      ctx.output('reasons', reasons);
      ctx.output('personalData', ctx.input.usesPersonalData ?? false);
    },
  });
}
