import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const huggingfaceImportExamples: TemplateExample[] = [
  {
    description:
      "Write a Hugging Face model's MLModel and Datasets into catalog-info.yaml",
    example: yaml.stringify({
      steps: [
        {
          id: 'import',
          action: 'lab2live:huggingface:import',
          name: 'Import the model card',
          input: {
            modelId: 'acme/sentiment-distilbert',
            owner: 'group:default/nlp',
            lifecycle: 'experimental',
          },
        },
      ],
    }),
  },
];
