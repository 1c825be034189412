import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleMlCatalog from '@lab2live/plugin-catalog-backend-module-ml-catalog';
import { FakeRegistry, run, version } from './__testUtils__/fakeRegistry';
import mlflowEntityProviderModule from './index';

jest.setTimeout(90_000);

// Runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names a server; no Docker.
const databases = TestDatabases.create({
  ids: ['POSTGRES_15'],
  disableDocker: true,
});
const postgres = databases.supports('POSTGRES_15');

type Knex = Awaited<ReturnType<typeof databases.init>>;

/** One replica of a scaled-out portal: the real scheduler, coordinated through the database. */
function startReplica(knex: Knex, baseUrl: string) {
  return startTestBackend({
    features: [
      mockServices.database.factory({ knex }),
      schedulerServiceFactory,
      catalogPlugin,
      catalogModuleMlCatalog,
      mlflowEntityProviderModule,
      mockServices.rootConfig.factory({
        data: {
          catalog: { rules: [{ allow: ['MLModel', 'Dataset'] }] },
          lab2live: {
            mlflow: {
              baseUrl,
              catalog: {
                defaultOwner: 'group:ml-platform',
                schedule: {
                  frequency: { seconds: 1 },
                  timeout: { seconds: 10 },
                },
              },
            },
          },
        },
      }),
    ],
  });
}

(postgres ? describe : describe.skip)(
  'two catalog replicas on one PostgreSQL',
  () => {
    const registry = new FakeRegistry(
      [
        {
          name: 'churn',
          aliases: [{ alias: 'champion', version: '1' }],
          versions: [version('churn', 1)],
        },
      ],
      { 'churn-run-1': run('churn-run-1', { auc: 0.9 }) },
    );
    let baseUrl: string;
    beforeAll(async () => {
      baseUrl = await registry.start();
    });
    afterAll(() => registry.stop());

    it('read the registry once per interval between them, not once each', async () => {
      const knex = await databases.init('POSTGRES_15');
      const a = await startReplica(knex, baseUrl);
      const b = await startReplica(knex, baseUrl);
      const started = Date.now();
      try {
        await new Promise(resolve => setTimeout(resolve, 6_000));
        const seconds = (Date.now() - started) / 1000;
        // Every run reads one search page. Two uncoordinated replicas would read about
        // twice a second; together they read once a second (plus slack for the first
        // run and the interval edges).
        const runs = registry.requestsTo('registered-models/search');
        expect(runs).toBeGreaterThanOrEqual(2);
        expect(runs).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
        // Each run reads the model's run once, after its page.
        expect(registry.requestsTo('runs/get')).toBe(runs);
      } finally {
        await a.stop();
        await b.stop();
      }
    });
  },
);
