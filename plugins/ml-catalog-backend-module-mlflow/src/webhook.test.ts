import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside the real backend plugin it extends (a dev dependency).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlCatalogBackend from '@lab2live/plugin-ml-catalog-backend';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FakeMlflow, mlModel, modelVersion } from './__testUtils__/fakeMlflow';
import { mlflowSignature } from './webhooks';
import { catchPluginScheduler } from './__testUtils__/pluginScheduler';
import mlflowModule from './index';

const SECRET = 'whsec-test-secret';
const DAY = 86_400_000;
const MODEL_PATH = '/api/ml-catalog/models/mlmodel/default/churn-predictor';

/**
 * A delivery as MLflow 3 sends it (`mlflow/webhooks/delivery.py`): the body
 * `{ entity, action, timestamp, data }`, a fresh delivery id, the Unix time in
 * seconds, and `v1,<base64 HMAC-SHA256 of "<id>.<time>.<body>">`.
 */
function delivery(
  entity: string,
  action: string,
  data: object,
  options: { id?: string; at?: number; secret?: string } = {},
) {
  const body = JSON.stringify({
    entity,
    action,
    timestamp: new Date().toISOString(),
    data,
  });
  const id = options.id ?? randomUUID();
  const timestamp = String(Math.floor((options.at ?? Date.now()) / 1000));
  return {
    id,
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-MLflow-Delivery-Id': id,
      'X-MLflow-Timestamp': timestamp,
      'X-MLflow-Signature': mlflowSignature(
        options.secret ?? SECRET,
        id,
        timestamp,
        body,
      ),
    },
  };
}

// The champion was registered 40 days ago: its MLflow time is old, the poll is not.
const now = Date.now();
const aliases = [{ alias: 'champion', version: '2' }];
const mlflow = new FakeMlflow({
  churn: {
    aliases,
    versions: [1, 2, 3].map(v =>
      modelVersion('churn', v, {
        creation_timestamp: now - (50 - v) * DAY,
        last_updated_timestamp: now - (43 - v) * DAY,
      }),
    ),
  },
});

let baseUrl: string;
beforeAll(async () => {
  baseUrl = await mlflow.start();
});
afterAll(() => mlflow.stop());

async function startBackend() {
  const caught = catchPluginScheduler();
  const logger = mockServices.logger.mock();
  const backend = await startTestBackend({
    features: [
      mlCatalogBackend,
      mlflowModule,
      caught.module,
      logger.factory,
      catalogServiceMock.factory({
        entities: [mlModel('churn-predictor', 'churn')],
      }),
      mockServices.rootConfig.factory({
        data: {
          lab2live: {
            governance: { reviewBoard: ['group:default/model-risk-board'] },
            mlflow: {
              baseUrl,
              username: 'lab2live',
              password: 'mlflow-password',
              schedule: { frequency: { hours: 1 }, timeout: { seconds: 10 } },
              webhook: { secret: SECRET },
            },
          },
        },
      }),
    ],
  });
  return {
    server: backend.server,
    stop: () => backend.stop(),
    scheduler: caught.scheduler,
    logger,
  };
}

/** What a logger mock and its children logged at info level. */
function infoLines(logger: any): string[] {
  const children = (logger.child as jest.Mock).mock.results.map(r => r.value);
  return [
    ...(logger.info as jest.Mock).mock.calls.map(c => String(c[0])),
    ...children.flatMap(infoLines),
  ];
}

const production = async (server: any) => {
  const status = await request(server)
    .get(`${MODEL_PATH}/status`)
    .set('Authorization', mockCredentials.user.header());
  expect(status.status).toBe(200);
  return status.body.deployments.find(
    (d: { environment: string }) => d.environment === 'production',
  );
};
const historyLength = async (server: any) =>
  (
    await request(server)
      .get(`${MODEL_PATH}/deployments`)
      .set('Authorization', mockCredentials.user.header())
  ).body.items.length;

describe('MLflow in the real backend', () => {
  it('keeps a 40-day-old champion healthy and not stale across polls, with HTTP Basic', async () => {
    const { server, scheduler, stop } = await startBackend();
    try {
      await scheduler().triggerTask('ml-catalog-status-provider:mlflow');
      const deployment = await production(server);
      expect(deployment).toMatchObject({
        version: '2',
        status: 'healthy',
        stale: false,
        updatedAt: new Date(now - 41 * DAY).toISOString(),
      });
      expect(Date.parse(deployment.confirmedAt)).toBeGreaterThanOrEqual(now);
      // Two polls, one change: confirmations add no history.
      expect(await historyLength(server)).toBe(1);
      expect(
        mlflow.requests.every(
          r =>
            r.authorization ===
            `Basic ${Buffer.from('lab2live:mlflow-password').toString(
              'base64',
            )}`,
        ),
      ).toBe(true);
    } finally {
      await stop();
    }
  });

  it('takes signed webhooks: an alias move shows at once; a wrong signature, a replay and an unknown model store nothing', async () => {
    const { server, stop, logger } = await startBackend();
    const post = (d: ReturnType<typeof delivery>) =>
      request(server)
        .post('/api/ml-catalog/mlflow/webhook')
        .set(d.headers)
        .send(d.body);
    try {
      expect((await production(server)).version).toBe('2');

      // The champion moves to version 3; MLflow posts model_version_alias.created.
      aliases[0].version = '3';
      const move = delivery('model_version_alias', 'created', {
        name: 'churn',
        alias: 'champion',
        version: '3',
      });
      const started = Date.now();
      const accepted = await post(move);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({
        delivery: move.id,
        event: 'model_version_alias.created',
        models: ['mlmodel:default/churn-predictor'],
      });
      expect(await production(server)).toMatchObject({
        version: '3',
        stale: false,
      });
      expect(Date.now() - started).toBeLessThan(1000);
      const stored = await historyLength(server);

      // A wrong signature (another secret): 401, nothing read or stored.
      aliases[0].version = '1';
      const reads = mlflow.requestsTo('registered-models/get').length;
      const forged = delivery(
        'model_version_alias',
        'created',
        { name: 'churn', alias: 'champion', version: '1' },
        { secret: 'not-the-secret' },
      );
      const refused = await post(forged);
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toBe(
        'X-MLflow-Signature does not match the body signed with lab2live.mlflow.webhook.secret',
      );
      // The same body with its signature but another body: also 401.
      const tampered = { ...move, body: move.body.replace('"3"', '"1"') };
      expect((await post(tampered)).status).toBe(401);

      // A replay of the accepted delivery: 409; an old one, freshly signed: 400.
      const replay = await post(move);
      expect(replay.status).toBe(409);
      expect(replay.body.error.message).toBe(
        `Delivery ${move.id} was already received: refused as a replay`,
      );
      const old = await post(
        delivery(
          'model_version_alias',
          'created',
          { name: 'churn', alias: 'champion', version: '1' },
          { at: Date.now() - 600_000 },
        ),
      );
      expect(old.status).toBe(400);
      expect(old.body.error.message).toMatch(
        /^X-MLflow-Timestamp \d+ is more than 300 s from now/,
      );
      // Unsigned: 401 naming what is missing.
      const unsigned = await request(server)
        .post('/api/ml-catalog/mlflow/webhook')
        .set('Content-Type', 'application/json')
        .send(move.body);
      expect(unsigned.status).toBe(401);
      expect(unsigned.body.error.message).toMatch(
        /^Missing X-MLflow-Delivery-Id/,
      );

      expect(mlflow.requestsTo('registered-models/get')).toHaveLength(reads);
      expect((await production(server)).version).toBe('3');
      expect(await historyLength(server)).toBe(stored);

      // A registered model no MLModel links to: 200, nothing stored, a log line.
      const unknown = await post(
        delivery('model_version', 'created', {
          name: 'nobody-links-this',
          version: '1',
          source: 'models:/m-1',
          run_id: 'abc',
          tags: {},
          description: null,
        }),
      );
      expect(unknown.status).toBe(200);
      expect(unknown.body.models).toEqual([]);
      expect(await historyLength(server)).toBe(stored);
      expect(
        infoLines(logger).some(line =>
          line.includes(
            "registered model 'nobody-links-this': no MLModel links to it",
          ),
        ),
      ).toBe(true);

      // The alias deleted (no version in the payload), then a tag set: each reads
      // the registry again and reports what it shows.
      aliases[0].version = '2';
      for (const d of [
        delivery('model_version_alias', 'deleted', {
          name: 'churn',
          alias: 'champion',
        }),
        delivery('model_version_tag', 'set', {
          name: 'churn',
          version: '2',
          key: 'validated',
          value: 'true',
        }),
      ]) {
        expect((await post(d)).status).toBe(200);
      }
      expect((await production(server)).version).toBe('2');

      // An event the module does not act on: 200, ignored.
      const other = await post(
        delivery('registered_model', 'created', { name: 'churn', tags: {} }),
      );
      expect(other.status).toBe(200);
      expect(other.body.ignored).toBe(true);
    } finally {
      aliases[0].version = '2';
      await stop();
    }
  });
});
