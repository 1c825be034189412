import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const publishLocalExamples: TemplateExample[] = [
  {
    description: 'Publish a new model repository on the portal machine',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'lab2live:publish:local',
          name: 'Publish and register',
          input: { name: 'churn-predictor' },
        },
      ],
    }),
  },
];
