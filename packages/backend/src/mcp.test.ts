/*
 * The portal's MCP server with a real MCP client (the official TypeScript SDK): the
 * local portal's backend, as `yarn start` runs it, listening on a port; people sign in
 * with the guest provider and hand their Backstage token to the client.
 */
import appBackend from '@backstage/plugin-app-backend';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { backendFeatures } from './features';

jest.setTimeout(180_000);

// eslint-disable-next-line no-restricted-syntax -- tests read the repository's own files
const repoRoot = path.resolve(__dirname, '../../..');

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** app-config.yaml with its file locations made absolute (the backend runs elsewhere). */
function localConfig() {
  const config = yaml.parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  for (const location of config.catalog?.locations ?? []) {
    if (location.type === 'file') {
      location.target = path.resolve(
        repoRoot,
        'packages/backend',
        location.target,
      );
    }
  }
  delete config.backend.listen;
  delete config.backend.baseUrl;
  return {
    ...config,
    backend: {
      ...config.backend,
      database: { client: 'better-sqlite3', connection: ':memory:' },
    },
  };
}

async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if ((value !== undefined && done(value)) || Date.now() > deadline) {
      return value;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

/** Signs a person in as the portal does; waits until the catalog has their User. */
async function signIn(backend: Backend, person: string): Promise<string> {
  const attempt = () =>
    request(backend.server)
      .get('/api/auth/guest/refresh?env=development')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('Cookie', `lab2live-sign-in-as=${person}`);
  const response = await eventually(attempt, r => r.status === 200);
  expect(response.status).toBe(200);
  expect(response.body.backstageIdentity.identity.userEntityRef).toBe(
    `user:default/${person}`,
  );
  return response.body.backstageIdentity.token;
}

async function connect(backend: Backend, token: string): Promise<Client> {
  const port = backend.server.port();
  const client = new Client({ name: 'lab2live-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`http://localhost:${port}/api/mcp-actions/v1`),
      { requestInit: { headers: { Authorization: `Bearer ${token}` } } },
    ),
  );
  return client;
}

/** A tool's structured answer (the server sends it as JSON text). */
async function call(client: Client, name: string, args: object = {}) {
  const result = (await client.callTool({ name, arguments: args as any })) as {
    isError?: boolean;
    content: Array<{ type: string; text: string }>;
  };
  const text = result.content.map(c => c.text).join('\n');
  if (result.isError) throw new Error(text);
  return JSON.parse(text);
}

const nodeEnv = process.env.NODE_ENV;

describe('the portal over MCP', () => {
  let backend: Backend;
  const clients: Client[] = [];

  beforeAll(async () => {
    // The guest provider signs people in only in development, as under `yarn start`.
    (process.env as Record<string, string | undefined>).NODE_ENV =
      'development';
    backend = await startTestBackend({
      features: [
        // The app bundle is not needed over MCP, and when packages/app/dist exists
        // (after make e2e) it would check this config against the app's schema.
        ...backendFeatures.filter(feature => feature !== appBackend),
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        // The real scheduler: the example reviews are told by a scheduled task.
        schedulerServiceFactory,
        mockServices.rootConfig.factory({ data: localConfig() }),
      ],
    });
  });

  afterAll(async () => {
    (process.env as Record<string, string | undefined>).NODE_ENV = nodeEnv;
    await Promise.all(clients.map(c => c.close()));
    await backend?.stop();
  });

  it("lists the catalog's and Lab2Live's tools, answers every read, and lets only the board approve", async () => {
    const [kenji, leo, dana] = await Promise.all(
      ['kenji', 'leo', 'dana'].map(p => signIn(backend, p)),
    );
    const owner = await connect(backend, kenji);
    const outsider = await connect(backend, leo);
    const board = await connect(backend, dana);
    clients.push(owner, outsider, board);

    const { tools } = await owner.listTools();
    const names = tools.map(t => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'catalog.get-catalog-model-description',
        'ml-catalog.find-models',
        'ml-catalog.get-model-card',
        'ml-catalog.get-review-checklist',
        'ml-catalog.list-reviews-awaiting-me',
        'ml-catalog.list-expiring-approvals',
        'ml-catalog.open-review',
        'ml-catalog.attach-review-evidence',
        'ml-catalog.request-review-changes',
        'ml-catalog.approve-review',
      ]),
    );
    const approveTool = tools.find(t => t.name === 'ml-catalog.approve-review');
    expect(approveTool?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
    expect(
      tools.find(t => t.name === 'ml-catalog.find-models')?.annotations,
    ).toMatchObject({ readOnlyHint: true, idempotentHint: true });

    // The catalog describes our kinds, next to the catalog's other modules.
    const model = await call(owner, 'catalog.get-catalog-model-description');
    expect(model.description).toContain('### Entity Kind "MLModel"');
    expect(model.description).toContain('### Entity Kind "Dataset"');
    expect(model.description).toContain('### Entity Kind "SLA"');

    // Reads, once the catalog and the example reviews are in.
    const found = await eventually(
      () =>
        call(owner, 'ml-catalog.find-models', { lifecycle: ['production'] }),
      v =>
        v.models.some(
          (m: any) => m.model === 'mlmodel:default/title-recommender',
        ),
    );
    expect(found.models.length).toBeGreaterThan(3);
    const card = await call(owner, 'ml-catalog.get-model-card', {
      model: 'title-recommender',
    });
    expect(card.model).toBe('mlmodel:default/title-recommender');
    expect(card.links.governance).toBe(
      'http://localhost:3000/catalog/default/mlmodel/title-recommender/governance',
    );
    const waiting = await eventually(
      () => call(board, 'ml-catalog.list-reviews-awaiting-me'),
      v =>
        v.reviews.some(
          (r: any) => r.model === 'mlmodel:default/title-recommender',
        ),
    );
    const review = waiting.reviews.find(
      (r: any) => r.model === 'mlmodel:default/title-recommender',
    );
    expect(review.state).toBe('in_review');
    expect(
      (await call(outsider, 'ml-catalog.list-reviews-awaiting-me')).reviews,
    ).toEqual([]);
    const checklist = await call(board, 'ml-catalog.get-review-checklist', {
      reviewId: review.id,
    });
    expect(checklist.review).toMatchObject({
      state: 'in_review',
      missing: [],
      youMay: expect.arrayContaining(['approve']),
    });
    const expiring = await call(owner, 'ml-catalog.list-expiring-approvals', {
      days: 60,
    });
    expect(expiring.waivers.map((w: any) => w.itemId)).toContain(
      'skew-monitored',
    );

    // A person outside the board may not approve; nothing changes.
    await expect(
      call(outsider, 'ml-catalog.approve-review', {
        reviewId: review.id,
        revision: checklist.review.revision,
      }),
    ).rejects.toThrow(/Not allowed: lab2live\.review\.approve/);
    const unchanged = await call(board, 'ml-catalog.get-review-checklist', {
      reviewId: review.id,
    });
    expect(unchanged.review.revision).toBe(checklist.review.revision);
    expect(unchanged.review.state).toBe('in_review');
    expect(unchanged.review.approvals).toBe(0);

    // A board member approves through the same tool.
    const approved = await call(board, 'ml-catalog.approve-review', {
      reviewId: review.id,
      revision: checklist.review.revision,
      note: 'Approved from an assistant',
    });
    expect(approved.review).toMatchObject({ state: 'approved', approvals: 1 });
  });

  it('refuses a client without a token', async () => {
    const port = backend.server.port();
    const response = await fetch(
      `http://localhost:${port}/api/mcp-actions/v1`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/list',
          params: {},
        }),
      },
    );
    expect(response.status).toBe(401);
  });
});
