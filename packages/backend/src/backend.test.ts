import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import request from 'supertest';
import { backendFeatures } from './features';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';

/** The repository root, where the app-config files and examples/ live. */
// eslint-disable-next-line no-restricted-syntax -- tests read the repository's own files
const repoRoot = path.resolve(__dirname, '../../..');

/** The static token of the production config in these tests. */
const CI_TOKEN = 'production-test-ci-token';

/**
 * Reads one of the portal's config files as the backend would: `${VAR}` and
 * `${VAR:-fallback}` from `env` (an unset variable drops the value, as Backstage's
 * loader does), file locations made absolute (the backend resolves them from
 * packages/backend).
 */
function readConfigFile(name: string, env: Record<string, string> = {}) {
  const substitute = (value: unknown): unknown => {
    if (typeof value === 'string') {
      let unset = false;
      const out = value.replace(
        /\$\{([^{}:]+)(?::-([^{}]*))?\}/g,
        (_, v, d) => {
          const found = env[v.trim()] || d?.trim();
          if (!found) unset = true;
          return found ?? '';
        },
      );
      return unset ? undefined : out;
    }
    if (Array.isArray(value)) {
      return value.map(substitute).filter(v => v !== undefined);
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .map(([k, v]) => [k, substitute(v)])
          .filter(([, v]) => v !== undefined),
      );
    }
    return value;
  };
  const config = substitute(
    yaml.parse(fs.readFileSync(path.join(repoRoot, name), 'utf8')),
  ) as any;
  const backendDir = path.join(repoRoot, 'packages/backend');
  for (const location of config.catalog?.locations ?? []) {
    if (location.type === 'file') {
      location.target = path.resolve(backendDir, location.target);
    }
  }
  return config;
}

jest.setTimeout(120_000);

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** The real auth services, so that tokens work as they do in the portal. */
const realAuth = [
  authServiceFactory,
  httpAuthServiceFactory,
  userInfoServiceFactory,
];

const inMemoryDatabase = {
  baseUrl: 'http://localhost:7007',
  database: { client: 'better-sqlite3', connection: ':memory:' },
};

/** Signs in the way the portal's sign-in page does, and returns the user's token. */
async function signInAsGuest(backend: Backend): Promise<string> {
  const response = await request(backend.server)
    .get('/api/auth/guest/refresh?env=development')
    .set('X-Requested-With', 'XMLHttpRequest');
  expect(response.status).toBe(200);
  expect(response.body.backstageIdentity.identity.userEntityRef).toBe(
    'user:development/guest',
  );
  return response.body.backstageIdentity.token;
}

async function queryEntities(backend: Backend, token: string, filter: string) {
  const response = await request(backend.server)
    .get(`/api/catalog/entities/by-query?filter=${encodeURIComponent(filter)}`)
    .set('Authorization', `Bearer ${token}`);
  expect(response.status).toBe(200);
  return response.body.items as Array<{ metadata: { name: string } }>;
}

const names = (items: Array<{ metadata: { name: string } }>) =>
  items.map(e => e.metadata.name);

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

const nodeEnv = process.env.NODE_ENV;
function setNodeEnv(value: string | undefined) {
  (process.env as Record<string, string | undefined>).NODE_ENV = value;
}

describe('portal backend, local config', () => {
  let backend: Backend;

  beforeAll(async () => {
    // As under `yarn start`: the guest provider signs people in only in development.
    setNodeEnv('development');
    backend = await startTestBackend({
      features: [
        ...backendFeatures,
        ...realAuth,
        mockServices.rootConfig.factory({
          data: {
            ...readConfigFile('app-config.yaml'),
            backend: inMemoryDatabase,
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    setNodeEnv(nodeEnv);
    await backend?.stop();
  });

  it('boots every plugin of the local config and serves the example entities', async () => {
    const token = await signInAsGuest(backend);
    const read = async () => ({
      services: names(
        await queryEntities(backend, token, 'kind=component,spec.type=service'),
      ),
      groups: names(await queryEntities(backend, token, 'kind=group')),
      models: names(await queryEntities(backend, token, 'kind=mlmodel')),
    });
    const seen = await eventually(
      read,
      ({ services, groups, models }) =>
        services.includes('churn-scoring-api') &&
        groups.includes('model-risk-board') &&
        models.includes('churn-predictor'),
    );

    expect(seen.services).toContain('churn-scoring-api');
    expect(seen.groups).toEqual(
      expect.arrayContaining(['data-science', 'model-risk-board']),
    );
    expect(seen.models).toContain('churn-predictor');
  });

  it('lets the local portal register file locations (the templates publish locally)', async () => {
    const token = await signInAsGuest(backend);
    const response = await request(backend.server)
      .post('/api/catalog/locations?dryRun=true')
      .set('Authorization', `Bearer ${token}`)
      .send({
        type: 'file',
        target: path.join(repoRoot, 'examples/entities/systems.yaml'),
      });
    expect(response.status).toBe(201);
  });

  it("lets people report deployments of their own team's models only, through the catalog's owner rule", async () => {
    const token = await signInAsGuest(backend);
    await eventually(
      () => queryEntities(backend, token, 'kind=mlmodel'),
      models =>
        ['churn-predictor', 'content-embeddings'].every(name =>
          names(models).includes(name),
        ),
    );
    const report = (model: string) =>
      request(backend.server)
        .post('/api/ml-catalog/deployments')
        .set('Authorization', `Bearer ${token}`)
        .send({
          eventId: `backend-test-${model}`,
          model,
          environment: 'staging',
          version: '99',
          status: 'healthy',
          timestamp: new Date().toISOString(),
        });
    // The guest is in the churn team (data-science), not in personalization.
    const own = await report('mlmodel:default/churn-predictor');
    expect(own.status).toBe(201);
    const other = await report('mlmodel:default/content-embeddings');
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(
      /user:development\/guest may not report for mlmodel:default\/content-embeddings/,
    );
  });

  it('refuses anonymous catalog reads', async () => {
    const response = await request(backend.server).get(
      '/api/catalog/entities/by-query',
    );
    expect(response.status).toBe(401);
    expect(response.body.error.name).toBe('AuthenticationError');
  });
});

/** A Group as an org entity provider (GitHub, LDAP, ...) would hand it to the catalog. */
const catalogModuleOrgProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-org-provider',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'test-org-provider',
          async connect(connection) {
            const location = 'url:https://org.example.com/directory';
            await connection.applyMutation({
              type: 'full',
              entities: [
                {
                  locationKey: 'test-org-provider',
                  entity: {
                    apiVersion: 'backstage.io/v1alpha1',
                    kind: 'Group',
                    metadata: {
                      name: 'provider-team',
                      annotations: {
                        'backstage.io/managed-by-location': location,
                        'backstage.io/managed-by-origin-location': location,
                      },
                    },
                    spec: { type: 'team', children: [] },
                  },
                },
              ],
            });
          },
        });
      },
    });
  },
});

/** The production config as the Dockerfile's command loads it: no other file. */
function productionConfig(env: Record<string, string>, locations: unknown[]) {
  const config = readConfigFile('app-config.production.yaml', {
    APP_BASE_URL: 'http://localhost:7007',
    BACKEND_BASE_URL: 'http://localhost:7007',
    LAB2LIVE_CI_TOKEN: CI_TOKEN,
    ...env,
  });
  return {
    ...config,
    backend: { ...config.backend, ...inMemoryDatabase },
    // Processed every few seconds rather than minutes, so the test sees changes.
    catalog: {
      ...config.catalog,
      processingInterval: { seconds: 2 },
      locations,
    },
  };
}

const ROGUE_COMPONENT = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata: { name: rogue-service }',
  'spec: { type: service, lifecycle: production, owner: group:default/payments }',
  '',
].join('\n');

const ROGUE_GROUP = [
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Group',
  'metadata: { name: rogue-board }',
  'spec: { type: team, children: [] }',
  '',
].join('\n');

describe('portal backend, production config', () => {
  let backend: Backend;
  let fixtures: string;
  let rogue: string;

  beforeAll(async () => {
    // Development, where the local guest provider would sign anyone in: it must not
    // be there at all, whatever NODE_ENV says.
    setNodeEnv('development');
    fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'l2l-production-'));
    // A location that is not the organisation's: a component for now (a group joins
    // it in the test below, once the location is in the catalog).
    rogue = path.join(fixtures, 'rogue.yaml');
    fs.writeFileSync(rogue, ROGUE_COMPONENT);
    backend = await startTestBackend({
      features: [
        ...backendFeatures,
        ...realAuth,
        catalogModuleOrgProvider,
        mockServices.rootConfig.factory({
          data: productionConfig(
            { LAB2LIVE_REVIEW_BOARD: 'group:default/model-risk-board' },
            [
              // The organisation's own location, with the rule docs/operations.md shows.
              {
                type: 'file',
                target: path.join(repoRoot, 'examples/entities/org.yaml'),
                rules: [{ allow: ['Group', 'User'] }],
              },
              { type: 'file', target: rogue },
            ],
          ),
        }),
      ],
    });
  });

  afterAll(async () => {
    setNodeEnv(nodeEnv);
    await backend?.stop();
    fs.rmSync(fixtures, { recursive: true, force: true });
  });

  it('has no guest provider', async () => {
    const response = await request(backend.server)
      .get('/api/auth/guest/refresh?env=development')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('Cookie', 'lab2live-sign-in-as=dana');
    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(/guest/);
  });

  it('refuses a file location with a 400 that names the allowed type', async () => {
    const response = await request(backend.server)
      .post('/api/catalog/locations')
      .set('Authorization', `Bearer ${CI_TOKEN}`)
      .send({ type: 'file', target: '/etc/passwd' });
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toBe(
      'Registered locations must be of an allowed type ["url"]',
    );
  });

  it('refuses an unknown static token', async () => {
    const response = await request(backend.server)
      .get('/api/catalog/entities/by-query')
      .set('Authorization', 'Bearer local-pipeline-token');
    expect(response.status).toBe(401);
    expect(response.body.error.name).toBe('AuthenticationError');
  });

  it('takes Group and User only from the organisation: its location or a provider', async () => {
    const read = async () => {
      const [location] = (await queryEntities(
        backend,
        CI_TOKEN,
        `kind=location,spec.target=${rogue}`,
      )) as Array<{
        status?: { items?: Array<{ error?: { message: string } }> };
      }>;
      return {
        groups: names(await queryEntities(backend, CI_TOKEN, 'kind=group')),
        users: names(await queryEntities(backend, CI_TOKEN, 'kind=user')),
        components: names(
          await queryEntities(backend, CI_TOKEN, 'kind=component'),
        ),
        rogueErrors: (location?.status?.items ?? []).map(
          item => item.error?.message,
        ),
      };
    };
    // Groups, users and components arrive in any order: wait for each of them.
    const before = await eventually(
      read,
      ({ groups, users, components }) =>
        groups.includes('model-risk-board') &&
        groups.includes('provider-team') &&
        users.includes('dana') &&
        components.includes('rogue-service'),
    );
    expect(before.groups).toEqual(
      expect.arrayContaining(['model-risk-board', 'payments', 'provider-team']),
    );
    expect(before.users).toContain('dana');
    expect(before.components).toContain('rogue-service');

    // Someone adds a group to a location that is not the organisation's.
    fs.appendFileSync(rogue, ROGUE_GROUP);
    const after = await eventually(read, ({ rogueErrors }) =>
      rogueErrors.some(Boolean),
    );
    expect(after.rogueErrors).toEqual([
      `Entity group:default/rogue-board at file:${rogue}, originated at file:${rogue}, is not of an allowed kind for that location`,
    ]);
    expect(after.groups).not.toContain('rogue-board');
  });
});

describe('portal backend, production config without a review board', () => {
  it('refuses to start, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          ...backendFeatures,
          ...realAuth,
          mockServices.rootConfig.factory({
            data: productionConfig({}, []),
          }),
        ],
      }),
    ).rejects.toThrow(/lab2live\.governance\.reviewBoard is required/);
  });
});
