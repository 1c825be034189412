import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const reviewCreateExamples: TemplateExample[] = [
  {
    description: 'Open a governance review of version 8 of a model you own',
    example: yaml.stringify({
      steps: [
        {
          id: 'review',
          action: 'lab2live:review:create',
          name: 'Open the governance review',
          input: {
            model: 'mlmodel:default/churn-predictor',
            version: '8',
          },
        },
      ],
    }),
  },
];
