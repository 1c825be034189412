import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { testEntities } from '../__testUtils__/entities';
import { withTestDefaults } from '../__testUtils__/governanceBackend';
import { mlCatalogPlugin } from '../plugin';

const DENIED_USER = 'user:default/intern';

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      mlCatalogPlugin,
      catalogServiceMock.factory({ entities: testEntities }),
      mockServices.rootConfig.factory({
        data: withTestDefaults({
          lab2live: {
            // The pipelines of these tests may report for every model.
            reporters: [
              { subject: 'external:ci', models: { all: true } },
              { subject: 'external:test-service', models: { all: true } },
            ],
          },
        }),
      }),
      // Maya and the default mock user are in the team that owns churn-predictor.
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const ref = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [ref, 'group:default/data-science'],
          };
        },
      }).factory,
      // The policy allows everyone but one user, so 403 can be told from 401.
      mockServices.permissions.mock({
        authorize: async (requests, options) =>
          requests.map(() => ({
            result:
              (options?.credentials.principal as { userEntityRef?: string })
                .userEntityRef === DENIED_USER
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
        authorizeConditional: async (requests, options) =>
          requests.map(r => ({
            ...r,
            result:
              (options?.credentials.principal as { userEntityRef?: string })
                .userEntityRef === DENIED_USER
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })) as any,
      }).factory,
    ],
  });
  return server;
}

/** A service token as a pipeline with a static token would send it. */
const serviceHeader = (subject = 'external:test-service') =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'ml-catalog',
  });

const minutesAgo = (m: number) =>
  new Date(Date.now() - m * 60_000).toISOString();

function deployment(overrides: Record<string, unknown> = {}) {
  return {
    eventId: 'pipeline-1',
    model: 'mlmodel:default/churn-predictor',
    version: '8',
    environment: 'staging',
    status: 'healthy',
    component: 'component:churn-scoring-api',
    endpointUrl: 'https://churn.staging.example.com/v8',
    timestamp: minutesAgo(5),
    ...overrides,
  };
}

describe('the ml-catalog REST API', () => {
  it('stores a deployment from a service token once, and shows it per environment', async () => {
    const server = await startBackend();
    const post = () =>
      request(server)
        .post('/api/ml-catalog/deployments')
        .set('Authorization', serviceHeader('external:ci'))
        .send(deployment());
    const first = await post();
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ stored: 1, duplicates: 0 });
    const retry = await post();
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ stored: 0, duplicates: 1 });

    await request(server)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', mockCredentials.user.header('user:default/maya'))
      .send(
        deployment({
          eventId: 'prod-7',
          version: '7',
          environment: 'production',
          timestamp: minutesAgo(60),
        }),
      )
      .expect(201);

    const status = await request(server)
      .get('/api/ml-catalog/models/mlmodel/default/churn-predictor/status')
      .set('Authorization', mockCredentials.user.header());
    expect(status.status).toBe(200);
    expect(status.body.environments).toEqual(['dev', 'staging', 'production']);
    expect(
      status.body.deployments.map((d: any) => [
        d.environment,
        d.version,
        d.status,
        d.stale,
      ]),
    ).toEqual([
      ['staging', '8', 'healthy', false],
      ['production', '7', 'healthy', false],
    ]);
    expect(status.body.deployments[0]).toMatchObject({
      component: 'component:default/churn-scoring-api',
      endpointUrl: 'https://churn.staging.example.com/v8',
    });

    const history = await request(server)
      .get('/api/ml-catalog/models/mlmodel/default/churn-predictor/deployments')
      .set('Authorization', mockCredentials.user.header());
    expect(
      history.body.items.map((e: any) => [e.eventId, e.reportedBy]),
    ).toEqual([
      ['pipeline-1', 'external:ci'],
      ['prod-7', 'user:default/maya'],
    ]);
  });

  it('reads the status and compliance of a long list of models named in the body', async () => {
    const server = await startBackend();
    await request(server)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', serviceHeader('external:ci'))
      .send(deployment())
      .expect(201);
    // A team page with hundreds of models: far beyond what a query string carries.
    const models = [
      ...Array.from(
        { length: 399 },
        (_, i) => `mlmodel:default/a-model-with-a-rather-long-name-${i}`,
      ),
      'mlmodel:default/churn-predictor',
    ];
    expect(models.join('&model=').length).toBeGreaterThan(16_000);
    const user = mockCredentials.user.header();
    const status = await request(server)
      .post('/api/ml-catalog/status/by-refs')
      .set('Authorization', user)
      .send({ models });
    expect(status.status).toBe(200);
    expect(status.body.items.map((i: any) => i.model)).toEqual([
      'mlmodel:default/churn-predictor',
    ]);
    const compliance = await request(server)
      .post('/api/ml-catalog/compliance/by-refs')
      .set('Authorization', user)
      .send({ models });
    expect(compliance.status).toBe(200);
    expect(compliance.body.items.map((i: any) => i.model)).toContain(
      'mlmodel:default/churn-predictor',
    );

    const tooMany = await request(server)
      .post('/api/ml-catalog/status/by-refs')
      .set('Authorization', user)
      .send({ models: [...models, ...models] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/models/);
    // An empty list reads nothing, never everything.
    const empty = await request(server)
      .post('/api/ml-catalog/compliance/by-refs')
      .set('Authorization', user)
      .send({ models: [] });
    expect(empty.status).toBe(200);
    expect(empty.body.items).toEqual([]);
    const emptyStatus = await request(server)
      .post('/api/ml-catalog/status/by-refs')
      .set('Authorization', user)
      .send({ models: [] });
    expect(emptyStatus.body.items).toEqual([]);
    const noList = await request(server)
      .post('/api/ml-catalog/status/by-refs')
      .set('Authorization', user)
      .send({ model: ['mlmodel:default/churn-predictor'] });
    expect(noList.status).toBe(400);
    expect(noList.body.error.message).toMatch(/models/);
    expect(
      (
        await request(server)
          .post('/api/ml-catalog/status/by-refs')
          .set('Authorization', mockCredentials.none.header())
          .send({ models })
      ).status,
    ).toBe(401);
  });

  it('answers what status and compliance answer in one read per page', async () => {
    const server = await startBackend();
    await request(server)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', serviceHeader('external:ci'))
      .send(deployment())
      .expect(201);
    const get = (path: string, user?: string) =>
      request(server)
        .get(`/api/ml-catalog${path}`)
        .set('Authorization', mockCredentials.user.header(user));
    const post = (path: string, body: object, user?: string) =>
      request(server)
        .post(`/api/ml-catalog${path}`)
        .set('Authorization', mockCredentials.user.header(user))
        .send(body);
    const churn = '/models/mlmodel/default/churn-predictor';

    // A model's page: its status and compliance, each as its own route answers it.
    const model = await get(`${churn}/summary`);
    expect(model.status).toBe(200);
    expect(model.body).toEqual({
      status: (await get(`${churn}/status`)).body,
      compliance: (await get(`${churn}/compliance`)).body,
    });
    expect(model.body.status.deployments).toHaveLength(1);

    // The model catalog, and a team's or a service's models named in the body.
    expect((await get('/summary')).body).toEqual({
      status: (await get('/status')).body,
      compliance: (await get('/compliance')).body,
    });
    const models = [
      'mlmodel:default/churn-predictor',
      'resource:default/granite-chat',
      'mlmodel:default/not-in-the-catalog',
    ];
    const byRefs = await post('/summary/by-refs', { models });
    expect(byRefs.status).toBe(200);
    expect(byRefs.body).toEqual({
      status: (await post('/status/by-refs', { models })).body,
      compliance: (await post('/compliance/by-refs', { models })).body,
    });
    expect(byRefs.body.compliance.items.map((i: any) => i.model)).toEqual([
      'mlmodel:default/churn-predictor',
    ]);
    expect((await post('/summary/by-refs', { models: [] })).body).toEqual({
      status: { environments: ['dev', 'staging', 'production'], items: [] },
      compliance: { items: [] },
    });

    // The SLA's page: the covered models' status and compliance come along if asked.
    const sla = '/slas/default/churn-scoring/status';
    const plain = await get(sla);
    expect(plain.body.models).toBeUndefined();
    const withModels = await get(`${sla}?include=models`);
    expect(withModels.status).toBe(200);
    const covered = ['mlmodel:default/churn-predictor'];
    expect(withModels.body).toEqual({
      ...plain.body,
      models: {
        status: (await post('/status/by-refs', { models: covered })).body,
        compliance: (await post('/compliance/by-refs', { models: covered }))
          .body,
      },
    });
  });

  it('leaves out a part the caller may not read, with the error its route gives', async () => {
    const server = await startBackend();
    const get = (path: string, user?: string) =>
      request(server)
        .get(`/api/ml-catalog${path}`)
        .set('Authorization', mockCredentials.user.header(user));
    const churn = '/models/mlmodel/default/churn-predictor';

    // Status without the review read permission; compliance refused as its route is.
    const refusedCompliance = await get(`${churn}/compliance`, DENIED_USER);
    expect(refusedCompliance.status).toBe(403);
    const model = await get(`${churn}/summary`, DENIED_USER);
    expect(model.status).toBe(200);
    expect(model.body).toEqual({
      status: (await get(`${churn}/status`, DENIED_USER)).body,
      errors: {
        compliance: {
          error: {
            name: 'NotAllowedError',
            message: 'Not allowed: lab2live.review.read',
          },
          response: { statusCode: 403 },
        },
      },
    });
    expect(model.body.errors.compliance.error).toEqual(
      refusedCompliance.body.error,
    );
    const all = await get('/summary', DENIED_USER);
    expect(all.body.status).toEqual((await get('/status', DENIED_USER)).body);
    expect(all.body.errors.compliance.response.statusCode).toBe(403);
    const sla = await get(
      '/slas/default/churn-scoring/status?include=models',
      DENIED_USER,
    );
    expect(sla.body.models.errors.compliance.response.statusCode).toBe(403);
    expect(sla.body.models.status.items.map((i: any) => i.model)).toEqual([
      'mlmodel:default/churn-predictor',
    ]);

    // An ai-model Resource has a status but no governance: a 404 for that part only.
    const resource = await get('/models/resource/default/granite-chat/summary');
    expect(resource.status).toBe(200);
    expect(resource.body.status.model).toBe('resource:default/granite-chat');
    expect(resource.body.errors.compliance).toEqual({
      error: {
        name: 'NotFoundError',
        message: (await get('/models/resource/default/granite-chat/compliance'))
          .body.error.message,
      },
      response: { statusCode: 404 },
    });

    // A model that is not there is a 404, as on the two routes; no token is a 401.
    const missing = await get('/models/mlmodel/default/nope/summary');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      name: 'NotFoundError',
      message: 'No model mlmodel:default/nope in the catalog',
    });
    for (const path of ['/summary', `${churn}/summary`]) {
      expect(
        (
          await request(server)
            .get(`/api/ml-catalog${path}`)
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
    }
  });

  it.each([
    ['no list', {}, "request/body must have required property 'models'"],
    [
      'a string',
      { models: 'mlmodel:default/churn-predictor' },
      'request/body/models must be array',
    ],
    [
      '501 models',
      {
        models: Array.from({ length: 501 }, (_, i) => `mlmodel:default/m${i}`),
      },
      'request/body/models must NOT have more than 500 items',
    ],
    [
      'an empty name',
      { models: [''] },
      'request/body/models/0 must NOT have fewer than 1 characters',
    ],
    [
      'no entity reference',
      { models: ['mlmodel:'] },
      "model is not an entity reference: 'mlmodel:'",
    ],
  ])(
    'refuses a combined read of %s with a 400 naming the field',
    async (_label, body, message) => {
      const server = await startBackend();
      const res = await request(server)
        .post('/api/ml-catalog/summary/by-refs')
        .set('Authorization', mockCredentials.user.header())
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);
    },
  );

  it('refuses an SLA read that asks to include something unknown', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/ml-catalog/slas/default/churn-scoring/status?include=reviews')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/include/);
  });

  it('pages GET /status by model ref, and the pages make up the whole list', async () => {
    const server = await startBackend();
    for (const model of [
      'resource:default/granite-chat',
      'mlmodel:default/churn-predictor',
    ]) {
      await request(server)
        .post('/api/ml-catalog/deployments')
        .set('Authorization', serviceHeader())
        .send(deployment({ model, eventId: `deploy-${model}` }))
        .expect(201);
    }
    const user = mockCredentials.user.header();
    const get = (query: string) =>
      request(server)
        .get(`/api/ml-catalog/status${query}`)
        .set('Authorization', user);
    const whole = await get('');
    expect(whole.status).toBe(200);
    expect(whole.body.nextCursor).toBeUndefined();
    expect(whole.body.items.map((i: any) => i.model)).toEqual([
      'mlmodel:default/churn-predictor',
      'resource:default/granite-chat',
    ]);

    const first = await get('?limit=1');
    expect(first.body.items).toEqual([whole.body.items[0]]);
    expect(first.body.environments).toEqual(whole.body.environments);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await get(
      `?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.items).toEqual([whole.body.items[1]]);
    expect(second.body.nextCursor).toBeUndefined();
    // The cursor names a place, not a count: the model filter pages the same way.
    const named = await get(
      `?model=${encodeURIComponent(
        'resource:default/granite-chat',
      )}&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(named.body.items).toEqual([whole.body.items[1]]);

    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?cursor=not-ours', 'cursor'],
    ]) {
      const refused = await get(query);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(field);
    }
  });

  it('accepts deployments of an ai-model Resource', async () => {
    const server = await startBackend();
    await request(server)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', serviceHeader())
      .send(deployment({ model: 'resource:default/granite-chat' }))
      .expect(201);
  });

  it.each([
    [{ version: 8 }, 'body.version must be string'],
    [
      { status: 'running' },
      'body.status must be equal to one of the allowed values: pending, deploying',
    ],
    [
      { timestamp: 'yesterday' },
      'body.timestamp must match format "date-time"',
    ],
    [{ eventId: '' }, 'body.eventId must NOT have fewer than 1 characters'],
    [{ colour: 'blue' }, 'body must NOT have additional properties (colour)'],
    [
      { environment: 'qa' },
      "body.environment must be one of dev, staging, production; got 'qa'",
    ],
    [
      { model: 'mlmodel:' },
      "body.model is not an entity reference: 'mlmodel:'",
    ],
  ])('refuses %j with a 400 naming the field', async (change, message) => {
    const server = await startBackend();
    const res = await request(server)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', serviceHeader())
      .send(deployment(change));
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
  });

  it('answers 404 for a model that is not in the catalog, and stores nothing', async () => {
    const server = await startBackend();
    const res = await request(server)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', serviceHeader())
      .send(deployment({ model: 'mlmodel:default/nope' }));
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'body.model: no model mlmodel:default/nope in the catalog',
    });
    await request(server)
      .get('/api/ml-catalog/models/mlmodel/default/nope/status')
      .set('Authorization', mockCredentials.user.header())
      .expect(404);
    // A component is not a model either.
    await request(server)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', serviceHeader())
      .send(deployment({ model: 'component:default/churn-scoring-api' }))
      .expect(404);
    const summary = await request(server)
      .get('/api/ml-catalog/status')
      .set('Authorization', mockCredentials.user.header());
    expect(summary.body.items[0].deployments).toEqual([]);
  });

  it('refuses anonymous writes with 401 and users without the permission with 403', async () => {
    const server = await startBackend();
    const anonymous = await request(server)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', mockCredentials.none.header())
      .send(deployment());
    expect(anonymous.status).toBe(401);
    const denied = await request(server)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', mockCredentials.user.header(DENIED_USER))
      .send(deployment());
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Not allowed: lab2live.deployment.write on mlmodel:default/churn-predictor',
    });
    await request(server)
      .get('/api/ml-catalog/status')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    const history = await request(server)
      .get('/api/ml-catalog/models/mlmodel/default/churn-predictor/deployments')
      .set('Authorization', mockCredentials.user.header());
    expect(history.body.items).toEqual([]);
  });

  it('evaluates pushed observations against the SLA and refuses a pushed model age', async () => {
    const server = await startBackend();
    const auth = serviceHeader();
    await request(server)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', auth)
      .send(
        deployment({
          environment: 'production',
          timestamp: minutesAgo(3 * 24 * 60),
        }),
      )
      .expect(201);
    const observations = [150, 150, 90].map((value, i) => ({
      observationId: `lat-${i}`,
      model: 'churn-predictor',
      indicator: 'latency_p95_ms',
      value,
      timestamp: minutesAgo(60 * (i + 1)),
    }));
    const posted = await request(server)
      .post('/api/ml-catalog/observations')
      .set('Authorization', auth)
      .send({ observations });
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({ stored: 3, duplicates: 0 });

    const refused = await request(server)
      .post('/api/ml-catalog/observations')
      .set('Authorization', auth)
      .send({
        observations: [
          {
            model: 'churn-predictor',
            indicator: 'model_age_days',
            value: 1,
            timestamp: minutesAgo(1),
          },
        ],
      });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      "observations[0].indicator 'model_age_days' is computed from deployment events and cannot be reported",
    );

    const status = await request(server)
      .get('/api/ml-catalog/models/mlmodel/default/churn-predictor/status')
      .set('Authorization', mockCredentials.user.header());
    const byName = Object.fromEntries(
      status.body.sla.objectives.map((o: any) => [o.name, o]),
    );
    expect(byName['p95 latency']).toMatchObject({
      status: 'breached',
      samples: 3,
      missed: 2,
      value: 130, // the window's mean
    });
    expect(byName.availability.status).toBe('no_data');
    expect(byName['retrained monthly']).toMatchObject({
      status: 'met',
      value: 3,
    });
    expect(status.body.sla.status).toBe('breached');

    // The SLA's page: its objectives for every covered model, in one request.
    const slaStatus = await request(server)
      .get('/api/ml-catalog/slas/default/churn-scoring/status')
      .set('Authorization', mockCredentials.user.header());
    expect(slaStatus.status).toBe(200);
    expect(slaStatus.body.sla).toBe('sla:default/churn-scoring');
    expect(
      slaStatus.body.items.map((i: any) => [
        i.model,
        i.objectives.map((o: any) => [o.name, o.status]),
      ]),
    ).toEqual([
      [
        'mlmodel:default/churn-predictor',
        expect.arrayContaining([
          ['p95 latency', 'breached'],
          ['availability', 'no_data'],
        ]),
      ],
    ]);
    const noSla = await request(server)
      .get('/api/ml-catalog/slas/default/no-such-sla/status')
      .set('Authorization', mockCredentials.user.header());
    expect(noSla.status).toBe(404);
    expect(noSla.body.error.message).toBe(
      'No SLA sla:default/no-such-sla in the catalog',
    );

    const summary = await request(server)
      .get('/api/ml-catalog/status')
      .query({ model: 'mlmodel:default/churn-predictor' })
      .set('Authorization', mockCredentials.user.header());
    expect(summary.body.items).toEqual([
      expect.objectContaining({
        model: 'mlmodel:default/churn-predictor',
        slaStatus: 'breached',
      }),
    ]);
  });

  it('pages the audit log with its hash chain, and exports it as JSON and CSV', async () => {
    const server = await startBackend();
    for (const eventId of ['pipeline-1', 'pipeline-2']) {
      await request(server)
        .post('/api/ml-catalog/deployments')
        .set('Authorization', serviceHeader('external:ci'))
        .send(deployment({ eventId, version: eventId.slice(-1) }))
        .expect(201);
    }
    const audit =
      '/api/ml-catalog/models/mlmodel/default/churn-predictor/audit';
    const get = (path: string, user?: string) =>
      request(server)
        .get(path)
        .set('Authorization', mockCredentials.user.header(user));
    const json = await get(audit);
    expect(json.body.items).toEqual([
      expect.objectContaining({
        seq: 1,
        actor: 'external:ci',
        action: 'deployment.reported',
        model: 'mlmodel:default/churn-predictor',
        after: expect.objectContaining({
          version: '1',
          environment: 'staging',
        }),
        prevHash: null,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
      expect.objectContaining({
        seq: 2,
        prevHash: json.body.items[0].hash,
      }),
    ]);
    expect(json.body).not.toHaveProperty('nextCursor');

    const first = await get(`${audit}?limit=1`);
    expect(first.body.items.map((e: any) => e.seq)).toEqual([1]);
    const next = await get(`${audit}?limit=1&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((e: any) => e.seq)).toEqual([2]);
    expect(next.body).not.toHaveProperty('nextCursor');
    const tooMany = await get(`${audit}?limit=501`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/limit/);

    const exported = await get(`${audit}/export`);
    expect(exported.headers['content-disposition']).toBe(
      'attachment; filename="audit-mlmodel-default-churn-predictor.json"',
    );
    expect(JSON.parse(exported.text)).toEqual({
      model: 'mlmodel:default/churn-predictor',
      exportedAt: expect.any(String),
      entries: json.body.items.map(({ id, ...entry }: any) => entry),
    });
    for (const path of [`${audit}/export?format=csv`, `${audit}?format=csv`]) {
      const csv = await get(path);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'seq,occurredAt,actor,action,model,before,after,prevHash,hash',
      );
      expect(lines[1]).toContain(
        ',external:ci,deployment.reported,mlmodel:default/churn-predictor,,"{',
      );
      expect(lines[1]).toMatch(new RegExp(`^1,.*,${json.body.items[0].hash}$`));
    }
    for (const path of [audit, `${audit}/export`]) {
      const denied = await get(path, DENIED_USER);
      expect(denied.status).toBe(403);
      expect(denied.body.error).toEqual({
        name: 'NotAllowedError',
        message: 'Not allowed: lab2live.review.read',
      });
    }
  });

  it('serves its OpenAPI document', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/ml-catalog/openapi.json')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain(
      '/api/ml-catalog/deployments',
    );
  });
});
