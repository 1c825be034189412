import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { backendFeatures } from './features';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

/** The repository root, where app-config.yaml and examples/ live. */
// eslint-disable-next-line no-restricted-syntax -- tests read the repository's own files
const repoRoot = path.resolve(__dirname, '../../..');

/**
 * Reads the portal's local app-config.yaml for tests, with file locations made absolute
 * (the backend normally resolves them from packages/backend) and the given overrides.
 */
function readLocalConfig(overrides: Record<string, unknown> = {}) {
  const config = yaml.parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  const backendDir = path.join(repoRoot, 'packages/backend');
  for (const location of config.catalog?.locations ?? []) {
    if (location.type === 'file') {
      location.target = path.resolve(backendDir, location.target);
    }
  }
  return { ...config, ...overrides };
}

jest.setTimeout(120_000);

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

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

describe('portal backend', () => {
  let backend: Backend;

  const nodeEnv = process.env.NODE_ENV;

  beforeAll(async () => {
    // As under `yarn start`: the guest provider signs people in only in development.
    (process.env as Record<string, string>).NODE_ENV = 'development';
    backend = await startTestBackend({
      features: [
        ...backendFeatures,
        // The real auth services, so that a guest token works as it does in the portal.
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        mockServices.rootConfig.factory({
          data: readLocalConfig({
            backend: {
              baseUrl: 'http://localhost:7007',
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          }),
        }),
      ],
    });
  });

  afterAll(async () => {
    (process.env as Record<string, string | undefined>).NODE_ENV = nodeEnv;
    await backend?.stop();
  });

  it('boots every plugin of the local config and serves the example entities', async () => {
    const token = await signInAsGuest(backend);
    const names = (items: Array<{ metadata: { name: string } }>) =>
      items.map(e => e.metadata.name);
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

  it('refuses anonymous catalog reads', async () => {
    const response = await request(backend.server).get(
      '/api/catalog/entities/by-query',
    );
    expect(response.status).toBe(401);
    expect(response.body.error.name).toBe('AuthenticationError');
  });
});
