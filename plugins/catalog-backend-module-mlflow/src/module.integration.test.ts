import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleMlCatalog from '@lab2live/plugin-catalog-backend-module-ml-catalog';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  HAND_WRITTEN,
  registryScenario,
} from './__testUtils__/registryScenario';
import mlflowEntityProviderModule from './index';

jest.setTimeout(120_000);

const DATABASE_IDS: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];
const databases = TestDatabases.create({
  ids: DATABASE_IDS,
  disableDocker: true,
});
const configuredIds = DATABASE_IDS.filter(id => databases.supports(id));
if (!configuredIds.includes('POSTGRES_15')) {
  describe('the MLflow entity provider on PostgreSQL', () => {
    // Names the engine that did not run in every report.
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
    it.skip('is skipped: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING', () => {});
  });
}

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

describe.each(configuredIds)(
  'the MLflow entity provider in the real catalog on %s',
  databaseId => {
    const registry = registryScenario();
    // The mock scheduler's own type: it runs tasks on demand (triggerTask).
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
    };
    const logger = mockServices.logger.mock();
    let backend: Backend;
    let baseUrl: string;
    let tmpDir: string;
    let taskId: string;

    const get = async (ref: string): Promise<Entity | undefined> => {
      const [kind, rest] = ref.split(':');
      const [namespace, name] = rest.split('/');
      const res = await request(backend.server)
        .get(`/api/catalog/entities/by-name/${kind}/${namespace}/${name}`)
        .set('Authorization', mockCredentials.user.header());
      return res.status === 200 ? res.body : undefined;
    };
    const waitFor = async <T>(
      read: () => Promise<T>,
      done: (v: T) => boolean,
    ) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const value = await read();
        if (done(value) || Date.now() > deadline) return value;
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    };
    const relations = (entity: Entity | undefined, type: string) =>
      (entity?.relations ?? [])
        .filter(r => r.type === type)
        .map(r => r.targetRef)
        .sort();
    const warnings = () =>
      (logger.warn as jest.Mock).mock.calls.map(c => String(c[0]));
    const infos = () =>
      (logger.info as jest.Mock).mock.calls.map(c => String(c[0]));

    beforeAll(async () => {
      baseUrl = await registry.start();
      taskId = `lab2live-mlflow:${baseUrl}:refresh`;
      tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab2live-mlflow-'));
      fs.writeFileSync(path.join(tmpDir, 'legacy.yaml'), HAND_WRITTEN);
      const knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          mockServices.database.factory({ knex }),
          scheduler.factory({ skipTaskRunOnStartup: true }),
          logger.factory,
          catalogPlugin,
          catalogModuleMlCatalog,
          mlflowEntityProviderModule,
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [{ allow: ['Location', 'MLModel', 'Dataset'] }],
                locations: [
                  { type: 'file', target: path.join(tmpDir, 'legacy.yaml') },
                ],
              },
              lab2live: {
                mlflow: {
                  baseUrl,
                  timeout: 1500,
                  catalog: {
                    defaultOwner: 'group:ml-platform',
                    pageSize: 2,
                    uiUrl: 'https://mlflow.example.com',
                  },
                },
              },
            },
          }),
        ],
      });
      // The hand-written entity is in the catalog before the provider's first run, and
      // found by the query the provider asks (the catalog's search rows can trail the
      // entity itself on a busy machine).
      await waitFor(
        async () => {
          const res = await request(backend.server)
            .get('/api/catalog/entities')
            .query({
              filter:
                'kind=MLModel,metadata.annotations.mlflow.org/registered-model-name',
            })
            .set('Authorization', mockCredentials.user.header());
          return res.status === 200 ? (res.body as Entity[]) : [];
        },
        items => items.some(e => e.metadata.name === 'legacy-fraud-scorer'),
      );
      await scheduler.triggerTask(taskId);
    });

    afterAll(async () => {
      await backend?.stop();
      await registry.stop();
      fs.rmSync(tmpDir, { recursive: true, force: true });
    });

    it('makes an MLModel of a registered model, described by its production version', async () => {
      const churn = await waitFor(
        () => get('mlmodel:default/churn'),
        e => relations(e, 'trainedOn').length > 0,
      );
      expect(churn?.metadata).toMatchObject({
        name: 'churn',
        title: 'churn',
        description: 'Predicts 30-day churn.',
        annotations: {
          'mlflow.org/registered-model-name': 'churn',
          'lab2live.io/source': 'mlflow',
          'backstage.io/managed-by-location':
            'url:https://mlflow.example.com/#/models/churn',
          'backstage.io/managed-by-origin-location':
            'url:https://mlflow.example.com/#/models/churn',
        },
      });
      expect(churn?.metadata.links).toEqual([
        {
          url: 'https://mlflow.example.com/#/models/churn',
          title: 'MLflow registered model',
          type: 'mlflow-model',
        },
        {
          url: 'https://mlflow.example.com/#/models/churn/versions/2',
          title: 'MLflow model version 2',
          type: 'mlflow-model-version',
        },
        {
          url: 'https://mlflow.example.com/#/experiments/7/runs/churn-run-2',
          title: 'MLflow run churn-run-2-name',
          type: 'mlflow-run',
        },
      ]);
      // champion (version 2) means production; its run's metrics, not version 3's.
      expect(churn?.spec).toEqual({
        type: 'classification',
        owner: 'group:data-science',
        system: 'customer-retention',
        lifecycle: 'production',
        version: '2',
        framework: 'xgboost',
        datasets: [
          {
            ref: 'dataset:default/customer-events',
            role: 'training',
            version: 'a1b2c3d4',
          },
          { ref: 'dataset:default/churn-holdout', role: 'evaluation' },
        ],
        metrics: [
          { name: 'auc', value: 0.87 },
          { name: 'log_loss', value: 0.31 },
        ],
      });
      expect(relations(churn, 'ownedBy')).toEqual([
        'group:default/data-science',
      ]);
      expect(relations(churn, 'partOf')).toEqual([
        'system:default/customer-retention',
      ]);
      expect(relations(churn, 'trainedOn')).toEqual([
        'dataset:default/customer-events',
      ]);
      expect(relations(churn, 'evaluatedOn')).toEqual([
        'dataset:default/churn-holdout',
      ]);
    });

    it('makes Dataset entities of the run inputs, the digest as version', async () => {
      const events = await waitFor(
        () => get('dataset:default/customer-events'),
        e => relations(e, 'trainingDataFor').length > 0,
      );
      expect(events?.spec).toEqual({
        type: 'files',
        owner: 'group:data-science',
        system: 'customer-retention',
        lifecycle: 'production',
        version: 'a1b2c3d4',
        location: 's3://lake/customer-events',
      });
      expect(relations(events, 'trainingDataFor')).toEqual([
        'mlmodel:default/churn',
      ]);
      const holdout = await get('dataset:default/churn-holdout');
      expect(holdout?.spec).not.toHaveProperty('version');
    });

    it('gives an untagged model the default owner and says which tag is missing', async () => {
      const fraud = await get('mlmodel:default/fraud-detector');
      expect(fraud?.metadata.title).toBe('Fraud Detector');
      // The legacy Production stage, a version without a run: no metrics, no datasets.
      expect(fraud?.spec).toEqual({
        type: 'other',
        owner: 'group:ml-platform',
        lifecycle: 'production',
        version: '1',
      });
      expect(warnings()).toContain(
        "MLflow registered model 'Fraud Detector' has no 'owner' tag: owned by group:ml-platform",
      );
      const empty = await get('mlmodel:default/empty-model');
      expect(empty?.spec).toEqual({
        type: 'other',
        owner: 'group:data-science',
        lifecycle: 'experimental',
      });
    });

    it('reports a model whose run never answers and imports the others', async () => {
      expect(await get('mlmodel:default/slow-model')).toBeUndefined();
      expect(warnings()).toContainEqual(
        expect.stringMatching(
          /^MLflow registered model 'slow-model' not imported \[TIMEOUT\]: runs\/get did not answer within 1500 ms$/,
        ),
      );
      expect(infos()).toContain(
        'MLflow catalog import: 5 registered model(s), 3 MLModel and 2 Dataset entities, 1 left to hand-written entities, 1 failed, 1 with the default owner, 6 MLflow requests',
      );
    });

    it('leaves a model that a hand-written entity links to that entity', async () => {
      expect(await get('mlmodel:default/fraud-legacy')).toBeUndefined();
      const legacy = await get('mlmodel:default/legacy-fraud-scorer');
      expect(legacy?.metadata.annotations).not.toHaveProperty(
        'lab2live.io/source',
      );
    });

    it('removes a model deleted in MLflow at the next full run', async () => {
      registry.models = registry.models.filter(m => m.name !== 'empty-model');
      await scheduler.triggerTask(taskId);
      const gone = await waitFor(
        () => get('mlmodel:default/empty-model'),
        e => e === undefined,
      );
      expect(gone).toBeUndefined();
      expect(await get('mlmodel:default/churn')).toBeDefined();
    });
  },
);
