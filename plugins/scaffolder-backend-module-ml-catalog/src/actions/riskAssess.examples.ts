import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [
      {
        id: 'risk',
        action: 'lab2live:risk:assess',
        name: 'Assess the model under the EU AI Act',
        input,
      },
    ],
  });

/** Examples of `lab2live:risk:assess`; the tests run each and check the tier. */
export const riskAssessExamples: TemplateExample[] = [
  {
    description:
      'A credit scoring model: high risk (Annex III, point 5(b)); it profiles people, so no Art. 6(3) derogation',
    example: step({
      annexIII: ['5b-creditworthiness'],
      profilesPeople: true,
      usesPersonalData: true,
    }),
  },
  {
    description:
      'A payment fraud detector: Annex III, point 5(b) excludes fraud detection, so not high risk',
    example: step({
      annexIII: ['5b-creditworthiness'],
      detectsFinancialFraudOnly: true,
      profilesPeople: true,
      usesPersonalData: true,
    }),
  },
  {
    description:
      'A customer "trust score" that restricts service: social scoring, prohibited (Art. 5(1)(c))',
    example: step({ socialScoring: true, usesPersonalData: true }),
  },
  {
    description:
      'A triage model inside a medical device needing a notified body: high risk (Art. 6(1), Annex I)',
    example: step({
      annexIProduct: 'safety-component',
      annexILegislation: 'medical-devices',
      annexIThirdPartyConformity: true,
    }),
  },
  {
    description:
      'A CV-to-text converter for recruiters: Annex III, point 4(a), not high risk under the Art. 6(3)(a) derogation, with its documented assessment',
    example: step({
      annexIII: ['4a-recruitment'],
      profilesPeople: false,
      derogationCondition: 'narrow-procedural-task',
      derogationJustification:
        'Only extracts text from uploaded CVs; it does not rank, score or filter candidates.',
    }),
  },
  {
    description:
      'A support chat assistant: limited risk with the Art. 50(1) and 50(2) duties',
    example: step({
      interactsWithPeople: true,
      generatesSyntheticContent: true,
    }),
  },
  {
    description:
      'An open-weight general-purpose model: Art. 53 obligations (open-source exemption of Art. 53(2)), no tier of its own',
    example: step({
      generalPurposeModel: true,
      trainingComputeAbove1e25: false,
      openSourceRelease: true,
      generatesSyntheticContent: true,
    }),
  },
];
