import {
  coreServices,
  createBackendModule,
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
import {
  mlCatalogGovernanceExtensionPoint,
  mlCatalogStatusProvidersExtensionPoint,
} from '@lab2live/plugin-ml-catalog-node';
import { GovernanceStore } from '../database/GovernanceStore';
import type { Knex } from 'knex';
import request from 'supertest';
import { testEntities } from '../__testUtils__/entities';
import { mlCatalogPlugin } from '../plugin';

const databases = TestDatabases.create({
  ids: ['POSTGRES_15'],
  disableDocker: true,
});
const postgres = databases.supports('POSTGRES_15');

/** Two replicas of the backend on one PostgreSQL database, as a scaled-out portal runs. */
async function startReplica(
  knex: Knex,
  polls: { count: number },
  evaluations: { count: number } = { count: 0 },
) {
  const counting = createBackendModule({
    pluginId: 'ml-catalog',
    moduleId: 'counting-provider',
    register(env) {
      env.registerInit({
        deps: { providers: mlCatalogStatusProvidersExtensionPoint },
        async init({ providers }) {
          providers.addStatusProvider({
            getProviderName: () => 'counting',
            schedule: { frequency: { seconds: 1 }, timeout: { seconds: 10 } },
            async refresh() {
              polls.count += 1;
            },
          });
        },
      });
    },
  });
  // A governance check that counts how often the scheduled refresh evaluates a review.
  const countingCheck = createBackendModule({
    pluginId: 'ml-catalog',
    moduleId: 'counting-check',
    register(env) {
      env.registerInit({
        deps: { governance: mlCatalogGovernanceExtensionPoint },
        async init({ governance }) {
          governance.addChecks({
            id: 'counting',
            evaluate() {
              evaluations.count += 1;
              return { passed: true, detail: 'counted' };
            },
          });
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      mlCatalogPlugin,
      counting,
      countingCheck,
      catalogServiceMock.factory({ entities: testEntities }),
      // The real scheduler, which coordinates replicas through the database.
      schedulerServiceFactory,
      createServiceFactory({
        service: coreServices.database,
        deps: {},
        factory: () => ({ getClient: async () => knex }),
      }),
      mockServices.rootConfig.factory({
        data: {
          lab2live: {
            reporters: [{ subject: 'external:ci', models: { all: true } }],
            governance: {
              reviewBoard: ['group:default/risk-board'],
              refresh: { frequency: { seconds: 1 }, timeout: { seconds: 10 } },
            },
          },
        },
      }),
    ],
  });
  return { server: backend.server, stop: () => backend.stop() };
}

(postgres ? describe : describe.skip)(
  'two backend replicas on one PostgreSQL',
  () => {
    it('poll a provider once per interval, and count every event once', async () => {
      const knex = await databases.init('POSTGRES_15');
      const polls = { count: 0 };
      const a = await startReplica(knex, polls);
      const b = await startReplica(knex, polls);
      try {
        const started = Date.now();
        const header = mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('external:ci'),
          targetPluginId: 'ml-catalog',
        });
        // Events posted to either replica, some of them twice.
        const posts = Array.from({ length: 40 }, (_, i) =>
          request(i % 2 ? a.server : b.server)
            .post('/api/ml-catalog/deployments')
            .set('Authorization', header)
            .send({
              eventId: `e-${i % 30}`,
              model: 'mlmodel:default/churn-predictor',
              version: String(i % 30),
              environment: 'staging',
              status: 'healthy',
              timestamp: new Date(started - (60 - i) * 1000).toISOString(),
            }),
        );
        const statuses = (await Promise.all(posts)).map(r => r.status);
        expect(statuses.filter(s => s === 201)).toHaveLength(30);
        expect(statuses.filter(s => s === 200)).toHaveLength(10);
        for (const server of [a.server, b.server]) {
          const history = await request(server)
            .get(
              '/api/ml-catalog/models/mlmodel/default/churn-predictor/deployments?limit=100',
            )
            .set('Authorization', mockCredentials.user.header());
          expect(history.body.items).toHaveLength(30);
          expect(history.body.items[0].version).toBe('29');
        }

        await new Promise(resolve => setTimeout(resolve, 5_000));
        const seconds = (Date.now() - started) / 1000;
        // One poll per second across both replicas (plus the first of each), not two.
        expect(polls.count).toBeGreaterThanOrEqual(2);
        expect(polls.count).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
      } finally {
        await a.stop();
        await b.stop();
      }
    });

    it('run the governance refresh once per interval', async () => {
      const knex = await databases.init('POSTGRES_15');
      const evaluations = { count: 0 };
      const a = await startReplica(knex, { count: 0 }, evaluations);
      const b = await startReplica(knex, { count: 0 }, evaluations);
      try {
        await new GovernanceStore(knex).createReview(
          {
            id: '0b9d3c52-7f0e-4b8a-9a43-5d7c1f0e2a11',
            model: 'mlmodel:default/churn-predictor',
            version: '8',
            state: 'draft',
            riskTier: 'limited',
            approvalsRequired: 1,
            createdBy: 'user:default/maya',
            authors: ['user:default/maya'],
          },
          [],
          { actor: 'user:default/maya', action: 'review.created' },
        );
        evaluations.count = 0;
        const started = Date.now();
        await new Promise(resolve => setTimeout(resolve, 5_000));
        const seconds = (Date.now() - started) / 1000;
        // One evaluation of the one open review per run, one run per second in all.
        expect(evaluations.count).toBeGreaterThanOrEqual(2);
        expect(evaluations.count).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
      } finally {
        await a.stop();
        await b.stop();
      }
    });
  },
);
