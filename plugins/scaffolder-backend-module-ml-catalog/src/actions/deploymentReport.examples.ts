import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const deploymentReportExamples: TemplateExample[] = [
  {
    description: 'Report that version 8 of a model is healthy in staging',
    example: yaml.stringify({
      steps: [
        {
          id: 'report',
          action: 'lab2live:deployment:report',
          name: 'Report the deployment',
          input: {
            model: 'mlmodel:default/churn-predictor',
            version: '8',
            environment: 'staging',
            status: 'healthy',
            component: 'component:default/churn-scoring-api',
            endpointUrl: 'https://churn-scoring.staging.example.com/v1/score',
          },
        },
      ],
    }),
  },
  {
    description: 'Report a failed rollout with an id the pipeline may retry',
    example: yaml.stringify({
      steps: [
        {
          id: 'report',
          action: 'lab2live:deployment:report',
          name: 'Report the failed rollout',
          input: {
            eventId: 'release-2026-11-24-churn-predictor-9-production',
            model: 'mlmodel:default/churn-predictor',
            version: '9',
            environment: 'production',
            status: 'failed',
          },
        },
      ],
    }),
  },
];
