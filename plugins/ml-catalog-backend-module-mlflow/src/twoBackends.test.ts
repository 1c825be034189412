import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The replicas run the real backend plugin this module extends (a dev dependency).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlCatalogBackend from '@lab2live/plugin-ml-catalog-backend';
import request from 'supertest';
import {
  FakeMlflow,
  mlModel,
  modelVersion,
  T0,
} from './__testUtils__/fakeMlflow';
import { mlflowSignature } from './webhooks';
import mlflowModule from './index';

// Runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names a server; no Docker.
const databases = TestDatabases.create({
  ids: ['POSTGRES_15'],
  disableDocker: true,
});
const postgres = databases.supports('POSTGRES_15');

type Knex = Awaited<ReturnType<typeof databases.init>>;

const WEBHOOK_SECRET = 'two-replicas-secret';

/** One replica of a scaled-out portal: the real scheduler, coordinated through the database. */
async function startReplica(knex: Knex, baseUrl: string) {
  return startTestBackend({
    features: [
      mlCatalogBackend,
      mlflowModule,
      catalogServiceMock.factory({
        entities: [mlModel('churn-predictor', 'churn')],
      }),
      schedulerServiceFactory,
      createServiceFactory({
        service: coreServices.database,
        deps: {},
        factory: () => ({ getClient: async () => knex }),
      }),
      mockServices.rootConfig.factory({
        data: {
          lab2live: {
            governance: { reviewBoard: ['group:default/model-risk-board'] },
            mlflow: {
              baseUrl,
              schedule: { frequency: { seconds: 1 }, timeout: { seconds: 10 } },
              webhook: { secret: WEBHOOK_SECRET },
            },
          },
        },
      }),
    ],
  });
}

(postgres ? describe : describe.skip)(
  'two backend replicas on one PostgreSQL',
  () => {
    const mlflow = new FakeMlflow({
      churn: {
        aliases: [{ alias: 'champion', version: '2' }],
        versions: [modelVersion('churn', 1), modelVersion('churn', 2)],
      },
    });
    let baseUrl: string;
    beforeAll(async () => {
      baseUrl = await mlflow.start();
    });
    afterAll(() => mlflow.stop());

    it('poll MLflow once per interval between them, not once each', async () => {
      const knex = await databases.init('POSTGRES_15');
      const started = Date.now();
      const a = await startReplica(knex, baseUrl);
      const b = await startReplica(knex, baseUrl);
      try {
        await new Promise(resolve => setTimeout(resolve, 5_000));
        const seconds = (Date.now() - started) / 1000;
        // Each poll reads the registered model once. Two uncoordinated replicas would
        // poll about twice a second; together they poll once a second (plus slack for
        // the first run and the interval edges).
        const polls = mlflow.requestsTo('registered-models/get').length;
        expect(polls).toBeGreaterThanOrEqual(2);
        expect(polls).toBeLessThanOrEqual(Math.ceil(seconds) + 2);

        // Both replicas see the one deployment, stored once.
        for (const server of [a.server, b.server]) {
          const history = await request(server)
            .get(
              '/api/ml-catalog/models/mlmodel/default/churn-predictor/deployments',
            )
            .set('Authorization', mockCredentials.user.header());
          expect(
            history.body.items.map((e: { eventId: string }) => e.eventId),
          ).toEqual([`mlflow:churn:production:2:healthy:${T0 + 121_000}`]);
        }
      } finally {
        await a.stop();
        await b.stop();
      }
    });

    it('act on a webhook posted to both once', async () => {
      const knex = await databases.init('POSTGRES_15');
      const a = await startReplica(knex, baseUrl);
      const b = await startReplica(knex, baseUrl);
      try {
        const body = JSON.stringify({
          entity: 'model_version_alias',
          action: 'created',
          timestamp: new Date().toISOString(),
          data: { name: 'churn', alias: 'champion', version: '2' },
        });
        const id = 'delivery-to-both-replicas';
        const timestamp = String(Math.floor(Date.now() / 1000));
        const post = (server: any) =>
          request(server)
            .post('/api/ml-catalog/mlflow/webhook')
            .set({
              'Content-Type': 'application/json',
              'X-MLflow-Delivery-Id': id,
              'X-MLflow-Timestamp': timestamp,
              'X-MLflow-Signature': mlflowSignature(
                WEBHOOK_SECRET,
                id,
                timestamp,
                body,
              ),
            })
            .send(body);
        const answers = await Promise.all([post(a.server), post(b.server)]);
        expect(answers.map(r => r.status).sort()).toEqual([200, 409]);
        const [{ n }] = await knex('mlflow_webhook_deliveries')
          .where({ delivery_id: id })
          .count({ n: '*' });
        expect(Number(n)).toBe(1);
      } finally {
        await a.stop();
        await b.stop();
      }
    });
  },
);
