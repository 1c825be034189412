import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

const CARD = `---
language: [en]
license: apache-2.0
library_name: transformers
pipeline_tag: text-classification
base_model: distilbert/distilbert-base-uncased
datasets: [stanfordnlp/sst2]
model-index:
  - name: sentiment-distilbert
    results:
      - dataset: { name: GLUE SST-2, type: nyu-mll/glue }
        metrics:
          - { type: accuracy, value: 0.913 }
---

Classifies the sentiment of English product reviews.
`;

/**
 * A Hub stand-in with the Hub's answers for three models: `acme/sentiment-distilbert`
 * (model info and card), a gated `meta-llama/Llama-3.1-8B` (401 without a token) and
 * `acme/slow`, whose reply never comes.
 */
export async function startFakeHub(): Promise<{
  url: string;
  stop: () => Promise<void>;
}> {
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path.includes('acme/slow')) return undefined;
    if (path.includes('meta-llama/Llama-3.1-8B')) {
      return json(401, {
        error: 'Access to model meta-llama/Llama-3.1-8B is restricted.',
      });
    }
    if (path === '/api/models/acme/sentiment-distilbert') {
      return json(200, {
        id: 'acme/sentiment-distilbert',
        sha: '3f2a9c1d',
        pipeline_tag: 'text-classification',
        library_name: 'transformers',
      });
    }
    if (path === '/acme/sentiment-distilbert/raw/3f2a9c1d/README.md') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end(CARD);
    }
    return json(404, { error: 'Repository not found' });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}
