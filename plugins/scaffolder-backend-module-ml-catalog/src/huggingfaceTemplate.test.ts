import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { startFakeHub } from './__testUtils__/fakeHub';
import scaffolderModuleMlCatalog from '.';

const template = yaml.parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../examples/templates/import-huggingface/template.yaml',
    ),
    'utf8',
  ),
);

describe('Import a model from Hugging Face, in the scaffolder dry run', () => {
  let hub: Awaited<ReturnType<typeof startFakeHub>>;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  beforeAll(async () => {
    hub = await startFakeHub();
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleMlCatalog,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            lab2live: { huggingface: { baseUrl: hub.url, timeout: 1000 } },
          },
        }),
      ],
    }));
  });
  afterAll(() => hub.stop());

  const dryRun = (values: Record<string, unknown>) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('authorization', mockCredentials.user.header())
      .send({ template, values, directoryContents: [] });

  it('writes a valid model and its datasets and names them in the output', async () => {
    const response = await dryRun({
      modelId: 'acme/sentiment-distilbert',
      owner: 'group:default/nlp',
      lifecycle: 'experimental',
    });
    expect(response.status).toBe(200);
    const file = response.body.directoryContents.find(
      (f: { path: string }) => f.path === 'catalog-info.yaml',
    );
    const entities = yaml
      .parseAllDocuments(Buffer.from(file.base64Content, 'base64').toString())
      .map(d => d.toJSON());
    expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual([
      'MLModel:acme-sentiment-distilbert',
      'Dataset:stanfordnlp-sst2',
      'Dataset:nyu-mll-glue',
    ]);
    expect(response.body.output.links[0].entityRef).toBe(
      'mlmodel:default/acme-sentiment-distilbert',
    );
    expect(response.body.output.text[0].content).toContain(
      'with 2 dataset(s), fine-tuned from mlmodel:distilbert-distilbert-base-uncased',
    );
  });

  it('stops at the import step for a gated model, before anything is published', async () => {
    const response = await dryRun({
      modelId: 'meta-llama/Llama-3.1-8B',
      owner: 'group:default/nlp',
    });
    const log = JSON.stringify(response.body.log ?? response.body);
    expect(log).toContain('[UNAUTHORIZED]');
    expect(log).not.toContain('Publish and register');
  });
});
