import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside the real backend plugin it extends (a dev dependency).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlCatalogBackend from '@lab2live/plugin-ml-catalog-backend';
import {
  MlCatalogStatusProvider,
  mlCatalogStatusProvidersExtensionPoint,
} from '@lab2live/plugin-ml-catalog-node';
import request from 'supertest';
import {
  FakeMlflow,
  mlModel,
  modelVersion,
  T0,
} from './__testUtils__/fakeMlflow';
import { catchPluginScheduler } from './__testUtils__/pluginScheduler';
import mlflowModule from './index';

const churnAliases = [
  { alias: 'champion', version: '2' },
  { alias: 'challenger', version: '3' },
];
const mlflow = new FakeMlflow({
  churn: {
    pageSize: 1,
    aliases: churnAliases,
    versions: [
      modelVersion('churn', 1, { current_stage: 'Archived' }),
      modelVersion('churn', 2),
      modelVersion('churn', 3, { status: 'PENDING_REGISTRATION' }),
    ],
  },
});

let baseUrl: string;
beforeAll(async () => {
  baseUrl = await mlflow.start();
});
afterAll(() => mlflow.stop());

/** Installs the module alone, with the extension point recording what it adds. */
async function startModule(data: object) {
  const added: MlCatalogStatusProvider[] = [];
  const logger = mockServices.logger.mock();
  await startTestBackend({
    extensionPoints: [
      [
        mlCatalogStatusProvidersExtensionPoint,
        {
          addStatusProvider: (...p: MlCatalogStatusProvider[]) =>
            added.push(...p),
        },
      ],
    ],
    features: [
      mlflowModule,
      logger.factory,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return {
    added,
    infos: (logger.info as jest.Mock).mock.calls.map(c => String(c[0])),
    warnings: (logger.warn as jest.Mock).mock.calls.map(c => String(c[0])),
  };
}

describe('the MLflow module', () => {
  it('logs one line and adds no provider without lab2live.mlflow', async () => {
    const { added, infos } = await startModule({ lab2live: {} });
    expect(added).toEqual([]);
    expect(infos).toEqual([
      'lab2live.mlflow is not configured: the MLflow status provider is off',
    ]);
  });

  it('adds the provider, every 5 minutes unless configured', async () => {
    const defaults = await startModule({ lab2live: { mlflow: { baseUrl } } });
    expect(defaults.added).toHaveLength(1);
    expect(defaults.added[0].getProviderName()).toBe('mlflow');
    expect(defaults.added[0].schedule).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 2 },
    });
    expect(defaults.warnings).toEqual([]);

    const configured = await startModule({
      lab2live: {
        mlflow: {
          baseUrl,
          schedule: { frequency: { minutes: 1 }, timeout: { seconds: 30 } },
        },
      },
    });
    expect(configured.added[0].schedule).toEqual({
      frequency: { minutes: 1 },
      timeout: { seconds: 30 },
    });
  });

  it('drops mappings to environments the backend does not know, with a warning', async () => {
    const { added, warnings } = await startModule({
      lab2live: {
        environments: ['dev', 'production'],
        mlflow: { baseUrl, aliases: { champion: 'production', canary: 'qa' } },
      },
    });
    expect(added).toHaveLength(1);
    expect(warnings).toEqual([
      'lab2live.mlflow.aliases: ignoring canary -> qa; environments are dev, production',
      'lab2live.mlflow.stages: ignoring Staging -> staging; environments are dev, production',
    ]);
  });

  it('feeds the Lab2Live backend: deployments appear after the scheduled run, once', async () => {
    // The test backend's mock scheduler runs every task once at startup; the plugin's
    // scheduler, caught by a module, runs it again on demand.
    const caught = catchPluginScheduler();
    const { server } = await startTestBackend({
      features: [
        mlCatalogBackend,
        mlflowModule,
        caught.module,
        catalogServiceMock.factory({
          entities: [mlModel('churn-predictor', 'churn')],
        }),
        mockServices.rootConfig.factory({
          data: {
            lab2live: {
              governance: { reviewBoard: ['group:default/model-risk-board'] },
              mlflow: {
                baseUrl,
                token: 'mlflow-token',
                timeout: 10000,
                schedule: {
                  frequency: { seconds: 1 },
                  timeout: { seconds: 10 },
                },
              },
            },
          },
        }),
      ],
    });
    const user = mockCredentials.user.header();
    const status = await request(server)
      .get('/api/ml-catalog/models/mlmodel/default/churn-predictor/status')
      .set('Authorization', user);
    expect(status.status).toBe(200);
    expect(
      status.body.deployments.map(
        (d: { environment: string; version: string; status: string }) => [
          d.environment,
          d.version,
          d.status,
        ],
      ),
    ).toEqual([
      ['staging', '3', 'pending'],
      ['production', '2', 'healthy'],
    ]);
    expect(
      status.body.deployments.find(
        (d: { environment: string }) => d.environment === 'production',
      ).updatedAt,
    ).toBe(new Date(T0 + 2 * 60_000 + 1_000).toISOString());
    expect(
      mlflow.requests.every(r => r.authorization === 'Bearer mlflow-token'),
    ).toBe(true);

    // A second poll re-sends the same event ids: the history keeps one of each.
    await caught.scheduler().triggerTask('ml-catalog-status-provider:mlflow');
    const history = await request(server)
      .get('/api/ml-catalog/models/mlmodel/default/churn-predictor/deployments')
      .set('Authorization', user);
    expect(history.status).toBe(200);
    expect(
      history.body.items.map((e: { eventId: string; reportedBy: string }) => [
        e.eventId,
        e.reportedBy,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [
          `mlflow:churn:production:2:healthy:${T0 + 121_000}`,
          'provider:mlflow',
        ],
        [`mlflow:churn:staging:3:pending:${T0 + 181_000}`, 'provider:mlflow'],
      ]),
    );
    expect(history.body.items).toHaveLength(2);
    // Two polls, each reading the registered model and three pages of versions.
    expect(mlflow.requestsTo('registered-models/get')).toHaveLength(2);
    expect(mlflow.requestsTo('model-versions/search')).toHaveLength(6);

    // A rollback: champion moves back to version 1, whose MLflow time is older than
    // version 2's. Production runs version 1 after the next poll, not version 2.
    const champion = churnAliases[0];
    champion.version = '1';
    try {
      await caught.scheduler().triggerTask('ml-catalog-status-provider:mlflow');
    } finally {
      champion.version = '2';
    }
    const after = await request(server)
      .get('/api/ml-catalog/models/mlmodel/default/churn-predictor/status')
      .set('Authorization', user);
    expect(
      after.body.deployments.find(
        (d: { environment: string }) => d.environment === 'production',
      ),
    ).toMatchObject({ version: '1', status: 'healthy' });
  });
});
