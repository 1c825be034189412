import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { run } from '../cli';
import { hubScenario } from './__testUtils__/fakeHub';
import { hubModelToEntities, parseModelCard, readHubModel } from '.';

const hub = hubScenario();
let baseUrl: string;
beforeAll(async () => {
  baseUrl = await hub.start();
});
afterAll(() => hub.stop());

describe('reading the Hub', () => {
  it('reads the info and the card front matter of a model', async () => {
    const model = await readHubModel('acme/sentiment-distilbert', { baseUrl });
    expect(model.info.sha).toBe('3f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49');
    expect(model.frontMatter).toMatchObject({
      license: 'apache-2.0',
      base_model: 'distilbert/distilbert-base-uncased',
    });
    expect(model.body).toContain('Classifies the sentiment');
    // The card of the revision the info describes.
    expect(hub.requests.map(r => r.url)).toContain(
      '/acme/sentiment-distilbert/raw/3f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49/README.md',
    );
  });

  it('says a gated model needs an access token (401)', async () => {
    await expect(
      readHubModel('meta-llama/Llama-3.1-8B', { baseUrl }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
      message:
        "meta-llama/Llama-3.1-8B is gated or private: the Hub answered 401 to the model info. Accept its terms on the Hub with an account, then give that account's access token",
    });
  });

  it('sends the token when given one', async () => {
    const model = readHubModel('meta-llama/Llama-3.1-8B', {
      baseUrl,
      token: 'hf_secret',
    });
    await expect(model).rejects.toMatchObject({ code: 'HTTP_500' });
    expect(hub.requests[hub.requests.length - 1].authorization).toBe(
      'Bearer hf_secret',
    );
  });

  it('names an unknown model, a missing card and a card without front matter', async () => {
    await expect(readHubModel('acme/nope', { baseUrl })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `no model acme/nope on the Hub at ${baseUrl}`,
    });
    await expect(
      readHubModel('acme/no-card', { baseUrl }),
    ).rejects.toMatchObject({
      code: 'NO_MODEL_CARD',
      message: 'acme/no-card has no model card (README.md) on the Hub',
    });
    await expect(
      readHubModel('acme/no-front-matter', { baseUrl }),
    ).rejects.toMatchObject({
      code: 'NO_FRONT_MATTER',
      message:
        "acme/no-front-matter's model card has no YAML front matter (a block between --- lines at the top of README.md), so it states no license, datasets or metrics to import",
    });
  });

  it('gives up on a reply that never comes', async () => {
    const started = Date.now();
    await expect(
      readHubModel('acme/slow', { baseUrl, timeoutMs: 300 }),
    ).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'the Hub did not send the model info of acme/slow within 300 ms',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses an id that is not one before asking the Hub', async () => {
    const before = hub.requests.length;
    await expect(
      readHubModel('../api/whoami', { baseUrl }),
    ).rejects.toMatchObject({ code: 'INVALID_ID' });
    expect(hub.requests.length).toBe(before);
  });
});

describe('parseModelCard', () => {
  it('reads front matter with CRLF line ends and a byte order mark', () => {
    expect(
      parseModelCard('\uFEFF---\r\nlicense: mit\r\n---\r\n# Title\r\n'),
    ).toEqual({ frontMatter: { license: 'mit' }, body: '# Title\r\n' });
  });

  it('finds none in a card that only has a horizontal rule further down', () => {
    expect(parseModelCard('# Title\n\n---\nlicense: mit\n---\n')).toBe(
      undefined,
    );
  });
});

describe('hubModelToEntities', () => {
  it('maps the card to an MLModel with lineage, metrics and its Datasets', async () => {
    const model = await readHubModel('acme/sentiment-distilbert', { baseUrl });
    const result = hubModelToEntities(model, {
      owner: 'group:nlp',
      baseUrl,
    });
    expect(result.model).toEqual({
      apiVersion: 'lab2live.io/v1alpha1',
      kind: 'MLModel',
      metadata: {
        name: 'acme-sentiment-distilbert',
        title: 'acme/sentiment-distilbert',
        description:
          'Classifies the sentiment of English product reviews as positive or negative.',
        tags: ['text-classification', 'en', 'fr'],
        annotations: {
          'huggingface.co/model-id': 'acme/sentiment-distilbert',
          'lab2live.io/source': 'huggingface',
          'huggingface.co/language': 'en, fr',
        },
        links: [
          {
            url: `${baseUrl}/acme/sentiment-distilbert`,
            title: 'Hugging Face model card',
            type: 'huggingface-model',
          },
        ],
      },
      spec: {
        type: 'classification',
        owner: 'group:nlp',
        lifecycle: 'experimental',
        framework: 'transformers',
        license: 'apache-2.0',
        baseModel: 'mlmodel:distilbert-distilbert-base-uncased',
        version: '3f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
        datasets: [
          { ref: 'dataset:stanfordnlp-sst2', role: 'training' },
          { ref: 'dataset:nyu-mll-glue', role: 'evaluation' },
        ],
        metrics: [
          { name: 'accuracy', value: 0.913, dataset: 'dataset:nyu-mll-glue' },
          { name: 'f1', value: 0.91, dataset: 'dataset:nyu-mll-glue' },
        ],
      },
    });
    expect(result.datasets.map(d => [d.metadata.name, d.spec])).toEqual([
      [
        'stanfordnlp-sst2',
        {
          type: 'files',
          owner: 'group:nlp',
          lifecycle: 'experimental',
          location: `${baseUrl}/datasets/stanfordnlp/sst2`,
        },
      ],
      [
        'nyu-mll-glue',
        {
          type: 'files',
          owner: 'group:nlp',
          lifecycle: 'experimental',
          location: `${baseUrl}/datasets/nyu-mll/glue`,
        },
      ],
    ]);
  });

  it('refuses entities the kinds would refuse, naming the field', async () => {
    const model = await readHubModel('acme/sentiment-distilbert', { baseUrl });
    expect(() =>
      hubModelToEntities(model, { owner: 'group:nlp', lifecycle: 'beta' }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_ENTITY',
        message: expect.stringContaining(
          'MLModel acme-sentiment-distilbert: spec.lifecycle must be one of',
        ),
      }),
    );
  });
});

describe('lab2live-validate import-hf', () => {
  const output = () => {
    const lines = { out: [] as string[], err: [] as string[] };
    return {
      lines,
      out: (t: string) => lines.out.push(t),
      err: (t: string) => lines.err.push(t),
    };
  };

  it('writes the entities to a file that lab2live-validate accepts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-hf-'));
    const file = path.join(dir, 'catalog-info.yaml');
    const io = output();
    const code = await run(
      [
        'import-hf',
        'acme/sentiment-distilbert',
        '--owner',
        'group:nlp',
        '--hub-url',
        baseUrl,
        '--out',
        file,
      ],
      io.out,
      io.err,
    );
    expect({ code, ...io.lines }).toEqual({
      code: 0,
      out: [
        `import-hf: wrote MLModel acme-sentiment-distilbert and 2 Dataset(s) to ${file}`,
      ],
      err: [],
    });
    const docs = yaml
      .parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map(d => d.toJSON());
    expect(docs.map(d => `${d.kind}:${d.metadata.name}`)).toEqual([
      'MLModel:acme-sentiment-distilbert',
      'Dataset:stanfordnlp-sst2',
      'Dataset:nyu-mll-glue',
    ]);
    const check = output();
    expect(await run([file], check.out, check.err)).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 with the Hub error for a gated model, and writes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-hf-'));
    const file = path.join(dir, 'out.yaml');
    const io = output();
    const code = await run(
      [
        'import-hf',
        'meta-llama/Llama-3.1-8B',
        '--owner',
        'group:nlp',
        '--hub-url',
        baseUrl,
        '--out',
        file,
      ],
      io.out,
      io.err,
    );
    expect(code).toBe(1);
    expect(io.lines.err[0]).toMatch(
      /^import-hf: meta-llama\/Llama-3\.1-8B is gated or private: the Hub answered 401/,
    );
    expect(fs.existsSync(file)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 without an owner', async () => {
    const io = output();
    expect(await run(['import-hf', 'acme/x'], io.out, io.err)).toBe(2);
    expect(io.lines.err[0]).toBe('lab2live-validate: --owner is required');
  });
});
