import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const entityValidateExamples: TemplateExample[] = [
  {
    description: 'Check the catalog file a template generated',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'lab2live:entity:validate',
          name: 'Validate the catalog entities',
          input: { files: ['catalog-info.yaml'] },
        },
      ],
    }),
  },
];
