import { modelSourceOf, toEntityName } from './sources';

describe('modelSourceOf', () => {
  it('reads the source annotation and the registry link of that source', () => {
    expect(
      modelSourceOf({
        metadata: {
          annotations: { 'lab2live.io/source': 'mlflow' },
          links: [
            { url: 'https://mlflow.example.com/#/runs/1', type: 'mlflow-run' },
            {
              url: 'https://mlflow.example.com/#/models/churn',
              type: 'mlflow-model',
            },
          ],
        },
      }),
    ).toEqual({
      source: 'mlflow',
      registryUrl: 'https://mlflow.example.com/#/models/churn',
    });
    expect(
      modelSourceOf({
        metadata: { annotations: { 'lab2live.io/source': 'huggingface' } },
      }),
    ).toEqual({ source: 'huggingface' });
  });

  it('calls everything else YAML, an unknown source value included', () => {
    expect(modelSourceOf({ metadata: {} })).toEqual({ source: 'yaml' });
    expect(
      modelSourceOf({
        metadata: {
          annotations: { 'lab2live.io/source': 'sagemaker' },
          links: [{ url: 'https://x', type: 'mlflow-model' }],
        },
      }),
    ).toEqual({ source: 'yaml' });
  });
});

describe('toEntityName', () => {
  it('makes a valid, lower-case entity name of a registry name', () => {
    expect(toEntityName('Fraud Detector')).toBe('fraud-detector');
    expect(toEntityName('mistralai/Mistral-7B-Instruct-v0.2')).toBe(
      'mistralai-mistral-7b-instruct-v0.2',
    );
    expect(toEntityName(`__${'x'.repeat(80)}`)).toHaveLength(61);
    expect(toEntityName('///')).toBe('');
  });
});
