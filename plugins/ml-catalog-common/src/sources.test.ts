import { modelSourceOf } from './sources';

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
