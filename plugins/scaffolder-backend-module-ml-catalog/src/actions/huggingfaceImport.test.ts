import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { startFakeHub } from '../__testUtils__/fakeHub';
import { outputsOf } from '../__testUtils__/outputsOf';
import { createHuggingfaceImportAction } from './huggingfaceImport';
import { huggingfaceImportExamples } from './huggingfaceImport.examples';

describe('lab2live:huggingface:import', () => {
  const workspace = createMockDirectory();
  let hub: Awaited<ReturnType<typeof startFakeHub>>;
  beforeAll(async () => {
    hub = await startFakeHub();
  });
  afterAll(() => hub.stop());
  beforeEach(() => workspace.clear());

  async function run(input: Record<string, unknown>) {
    const action = createHuggingfaceImportAction({
      config: mockServices.rootConfig({
        data: { lab2live: { huggingface: { baseUrl: hub.url, timeout: 500 } } },
      }),
    });
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    await action.handler(ctx as any);
    return outputsOf(ctx);
  }

  const written = () =>
    yaml
      .parseAllDocuments(
        fs.readFileSync(path.join(workspace.path, 'catalog-info.yaml'), 'utf8'),
      )
      .map(d => d.toJSON());

  it('writes the MLModel with its base model and metrics, and its Datasets', async () => {
    expect(
      await run({
        modelId: 'acme/sentiment-distilbert',
        owner: 'group:default/nlp',
        system: 'system:default/reviews',
      }),
    ).toEqual({
      entityRef: 'mlmodel:default/acme-sentiment-distilbert',
      name: 'acme-sentiment-distilbert',
      datasets: [
        'dataset:default/stanfordnlp-sst2',
        'dataset:default/nyu-mll-glue',
      ],
      baseModel: 'mlmodel:distilbert-distilbert-base-uncased',
    });
    const [model, ...datasets] = written();
    expect(model.spec).toMatchObject({
      type: 'classification',
      owner: 'group:default/nlp',
      system: 'system:default/reviews',
      license: 'apache-2.0',
      baseModel: 'mlmodel:distilbert-distilbert-base-uncased',
      metrics: [
        { name: 'accuracy', value: 0.913, dataset: 'dataset:nyu-mll-glue' },
      ],
    });
    expect(model.metadata.links[0].url).toBe(
      `${hub.url}/acme/sentiment-distilbert`,
    );
    expect(datasets.map(d => d.spec.owner)).toEqual([
      'group:default/nlp',
      'group:default/nlp',
    ]);
  });

  it('fails with the reason for a gated model and writes nothing', async () => {
    await expect(
      run({ modelId: 'meta-llama/Llama-3.1-8B', owner: 'group:default/nlp' }),
    ).rejects.toThrow(
      "Importing meta-llama/Llama-3.1-8B from Hugging Face failed [UNAUTHORIZED]: meta-llama/Llama-3.1-8B is gated or private: the Hub answered 401 to the model info. Accept its terms on the Hub with an account, then give that account's access token",
    );
    expect(fs.existsSync(path.join(workspace.path, 'catalog-info.yaml'))).toBe(
      false,
    );
  });

  it('fails when the Hub does not answer within the timeout', async () => {
    await expect(
      run({ modelId: 'acme/slow', owner: 'group:default/nlp' }),
    ).rejects.toThrow(
      'Importing acme/slow from Hugging Face failed [TIMEOUT]: the Hub did not send the model info of acme/slow within 500 ms',
    );
  });

  it('refuses a lifecycle the catalog does not accept, naming the field', async () => {
    await expect(
      run({
        modelId: 'acme/sentiment-distilbert',
        owner: 'group:default/nlp',
        lifecycle: 'beta',
      }),
    ).rejects.toThrow(/\[INVALID_ENTITY\].*spec\.lifecycle must be one of/s);
  });

  it('refuses a target outside the workspace', async () => {
    await expect(
      run({
        modelId: 'acme/sentiment-distilbert',
        owner: 'group:default/nlp',
        targetPath: '../outside.yaml',
      }),
    ).rejects.toThrow(/outside|not allowed/i);
  });

  it('runs its example', async () => {
    const [step] = yaml.parse(huggingfaceImportExamples[0].example).steps;
    expect(await run(step.input)).toMatchObject({
      entityRef: 'mlmodel:default/acme-sentiment-distilbert',
    });
  });
});
