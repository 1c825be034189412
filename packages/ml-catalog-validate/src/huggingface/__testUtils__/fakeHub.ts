import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A model the fake Hub serves, or how it misbehaves for it. */
export type FakeHubModel =
  | { info: Record<string, unknown>; card?: string }
  | { gated: true }
  | { hang: true };

/** A model card as the Hub's users write them: YAML front matter, then markdown. */
export const DISTILBERT_CARD = `---
language:
  - en
  - fr
license: apache-2.0
library_name: transformers
pipeline_tag: text-classification
base_model: distilbert/distilbert-base-uncased
datasets:
  - stanfordnlp/sst2
model-index:
  - name: sentiment-distilbert
    results:
      - task:
          type: text-classification
        dataset:
          name: GLUE SST-2
          type: nyu-mll/glue
          split: validation
        metrics:
          - type: accuracy
            value: 0.913
          - type: f1
            value: '0.91'
          - type: not-a-number
            value: n/a
---

# sentiment-distilbert

![banner](banner.png)

Classifies the sentiment of English product reviews as positive or negative.

## Training
...
`;

/**
 * A local HTTP server answering as the Hugging Face Hub does: `/api/models/{id}` (the
 * model info JSON), `/{id}/raw/{revision}/README.md` (the model card), 401 with the
 * Hub's JSON error for a gated model without a token, 404 for unknown ids, and a model
 * whose replies never come.
 */
export class FakeHub {
  readonly requests: Array<{ url: string; authorization?: string }> = [];
  private server?: Server;

  constructor(readonly models: Record<string, FakeHubModel>) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      this.requests.push({
        url: url.pathname,
        authorization: req.headers.authorization,
      });
      const api = /^\/api\/models\/(.+)$/.exec(url.pathname);
      const raw = /^\/(.+?)\/raw\/[^/]+\/README\.md$/.exec(url.pathname);
      const id = decodeURIComponent((api ?? raw)?.[1] ?? '');
      const model = this.models[id];
      const json = (status: number, body: object) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!model) return json(404, { error: 'Repository not found' });
      if ('hang' in model) return undefined;
      if ('gated' in model && !req.headers.authorization) {
        return json(401, {
          error: `Access to model ${id} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
        });
      }
      if (!('info' in model)) return json(500, { error: 'no info' });
      if (api) return json(200, model.info);
      if (model.card === undefined)
        return json(404, { error: 'Entry not found' });
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end(model.card);
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(resolve => this.server?.close(resolve));
  }
}

/** The Hub's models for the tests: one of each case. */
export function hubScenario() {
  return new FakeHub({
    'acme/sentiment-distilbert': {
      info: {
        _id: '65f0c0ffee',
        id: 'acme/sentiment-distilbert',
        modelId: 'acme/sentiment-distilbert',
        author: 'acme',
        sha: '3f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
        pipeline_tag: 'text-classification',
        library_name: 'transformers',
        tags: ['transformers', 'safetensors', 'text-classification', 'en'],
        private: false,
        gated: false,
        downloads: 1234,
        likes: 5,
      },
      card: DISTILBERT_CARD,
    },
    'acme/no-front-matter': {
      info: {
        id: 'acme/no-front-matter',
        sha: 'abc',
        pipeline_tag: 'fill-mask',
      },
      card: '# A model\n\nNo metadata block here.\n',
    },
    'acme/no-card': { info: { id: 'acme/no-card', sha: 'abc' } },
    'meta-llama/Llama-3.1-8B': { gated: true },
    'acme/slow': { hang: true },
  });
}
