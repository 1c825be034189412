import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const riskAssessExamples: TemplateExample[] = [
  {
    description: 'A credit scoring model: high risk (Annex III, profiling)',
    example: yaml.stringify({
      steps: [
        {
          id: 'risk',
          action: 'lab2live:risk:assess',
          name: 'Assess the risk tier',
          input: {
            annexIIIArea: 'essential-services',
            profilesPeople: true,
            usesPersonalData: true,
          },
        },
      ],
    }),
  },
  {
    description: 'A support chat assistant: limited risk (transparency duties)',
    example: yaml.stringify({
      steps: [
        {
          id: 'risk',
          action: 'lab2live:risk:assess',
          name: 'Assess the risk tier',
          input: { interactsWithPeople: true, generatesContent: true },
        },
      ],
    }),
  },
];
