import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { as, startGovernanceBackend } from '../__testUtils__/governanceBackend';
import { NOTIFICATIONS_TASK_ID } from '../agentsAndNotifications';
import { AuditLog } from '../audit/AuditLog';
import { GovernanceStore } from '../database/GovernanceStore';
import { governanceEntities } from '../__testUtils__/governanceBackend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GovernanceNotifier } from './GovernanceNotifier';
import { NotificationLedger } from './NotificationLedger';
import { migrateUp } from '../database/migrations';

jest.setTimeout(120_000);

const { databases, ids, missing } = createTestDatabases();

for (const engine of missing) {
  describe(`Lab2Live notifications on ${engine}`, () => {
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
    it.skip('is skipped: no server configured', () => {});
  });
}

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A pipeline's service token, as the reporters of the test config. */
const ci = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('external:ci'),
  targetPluginId: 'ml-catalog',
});

/** A notifier on the test database with a stub status, at a chosen time. */
function directNotifier(
  knex: Knex,
  sent: NotificationSendOptions[],
  status: object,
  clock?: () => number,
) {
  return new GovernanceNotifier({
    ledger: new NotificationLedger(knex),
    audit: new AuditLog(knex),
    store: new GovernanceStore(knex),
    status: status as any,
    catalog: catalogServiceMock({ entities: governanceEntities }),
    auth: mockServices.auth(),
    notifications: { send: async o => void sent.push(o) },
    logger: mockServices.logger.mock(),
    reviewBoard: ['group:default/risk-board'],
    productionEnvironment: 'production',
    ...(clock ? { clock } : {}),
  });
}

describe.each(ids)('Lab2Live notifications on %s', databaseId => {
  it('sends each event once, with two backends on one database and repeated runs', async () => {
    const knex = await databases.init(databaseId);
    const sent: NotificationSendOptions[] = [];
    const recorder = createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({
        send: async (options: NotificationSendOptions) => {
          sent.push(options);
        },
      }),
    });
    const config = {
      app: { baseUrl: 'https://portal.example.com' },
      lab2live: { governance: { approvalValidity: { days: 10 } } },
    };
    const schedulers = [mockServices.scheduler(), mockServices.scheduler()];
    const servers = [];
    // One after the other: the second replica finds the tables migrated.
    for (const scheduler of schedulers) {
      servers.push(
        await startGovernanceBackend({
          knex,
          config,
          features: [
            recorder,
            // Tasks run only when the test triggers them.
            createServiceFactory({
              service: coreServices.scheduler,
              deps: {},
              factory: () => scheduler,
            }),
          ],
        }),
      );
    }
    const [a, b] = servers;
    /** Both replicas run the task at once, twice. */
    const runEverywhere = async () => {
      for (let i = 0; i < 2; i++) {
        await Promise.all(
          schedulers.map(s => s.triggerTask(NOTIFICATIONS_TASK_ID)),
        );
      }
    };
    const ofTopic = (topic: string) =>
      sent.filter(s => s.payload.topic === topic);

    // The owner submits a review: the board hears of it once.
    const maya = as(a, 'maya');
    let review = (
      await maya.post('/reviews', {
        model: 'mlmodel:default/churn-predictor',
        version: '8',
      })
    ).body;
    for (const item of review.items) {
      if (item.mode !== 'attestation') continue;
      review = (
        await maya.put(`/reviews/${review.id}/items/${item.id}`, {
          revision: review.revision,
          status: 'pass',
          evidence: [`https://ci.example.com/${item.id}`],
        })
      ).body;
    }
    review = (
      await maya.post(`/reviews/${review.id}/submit`, {
        revision: review.revision,
      })
    ).body;
    expect(review.state).toBe('in_review');
    await runEverywhere();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/risk-board'],
        excludeEntityRef: ['user:default/maya'],
      },
      payload: {
        title: 'Review waiting: churn predictor version 8',
        description: expect.stringMatching(
          /^user:default\/maya submitted churn predictor version 8 \(limited risk\) for review\. Open its Governance tab/,
        ),
        link: '/catalog/default/mlmodel/churn-predictor/governance',
        severity: 'normal',
        topic: 'lab2live-review-submitted',
        scope: expect.stringMatching(/^review-submitted:/),
      },
    });

    // A board member approves on the other replica: the owning team hears of the
    // decision, and that the approval (10 days) ends within 14 days.
    const decided = await as(b, 'dana').post(
      `/reviews/${review.id}/decisions`,
      {
        revision: review.revision,
        decision: 'approve',
      },
    );
    expect(decided.status).toBe(200);
    await runEverywhere();
    expect(ofTopic('lab2live-review-decision')).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/data-science'],
          excludeEntityRef: ['user:default/dana'],
        },
        payload: expect.objectContaining({
          title: 'Approved: churn predictor version 8',
          link: '/catalog/default/mlmodel/churn-predictor/governance',
          severity: 'normal',
        }),
      },
    ]);
    expect(ofTopic('lab2live-approval-ending')).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/data-science'],
        },
        payload: expect.objectContaining({
          title: 'Approval ends in 14 days: churn predictor version 8',
          severity: 'normal',
        }),
      },
    ]);

    // A version without an approval reaches production: owners and board, once.
    await request(a)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', ci)
      .send({
        eventId: 'fraud-3',
        model: 'mlmodel:default/fraud-detector',
        version: '3',
        environment: 'production',
        status: 'healthy',
        timestamp: ago(60_000),
      })
      .expect(201);
    // The approved churn version 8 in production: nothing to say.
    await request(a)
      .post('/api/ml-catalog/deployments')
      .set('Authorization', ci)
      .send({
        eventId: 'churn-8',
        model: 'mlmodel:default/churn-predictor',
        version: '8',
        environment: 'production',
        status: 'healthy',
        timestamp: ago(60_000),
      })
      .expect(201);
    await runEverywhere();

    expect(ofTopic('lab2live-unapproved-production')).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/payments', 'group:default/risk-board'],
        },
        payload: expect.objectContaining({
          title: 'In production without approval: fraud detector version 3',
          link: '/catalog/default/mlmodel/fraud-detector/governance',
          severity: 'critical',
        }),
      },
    ]);
    // Nothing was sent twice, whatever replica and run.
    const scopes = sent.map(s => s.payload.scope);
    expect(new Set(scopes).size).toBe(scopes.length);
    expect(sent).toHaveLength(4);
    const rows = await knex('notifications_sent').count({ n: '*' });
    expect(Number(rows[0].n)).toBe(4);

    // Eight days on, the approval ends within 3 days: a second, separate notice.
    const later = directNotifier(
      knex,
      sent,
      {
        servingSince: async () => new Map(),
        getSummary: async () => ({ environments: [], items: [] }),
      },
      () => Date.now() + 8 * DAY,
    );
    await later.run();
    await later.run();
    expect(
      ofTopic('lab2live-approval-ending').map(s => s.payload.title),
    ).toEqual([
      'Approval ends in 14 days: churn predictor version 8',
      'Approval ends in 3 days: churn predictor version 8',
    ]);
    expect(ofTopic('lab2live-approval-ending')[1].payload.severity).toBe(
      'high',
    );
  });

  it('tells the owners of an SLA breach or a fast burn once while it lasts, and again when it comes back', async () => {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const sent: NotificationSendOptions[] = [];
    let summary: Array<{
      model: string;
      slaStatus?: string;
      slaAlert?: string;
    }> = [];
    const objective = (status: string, alert?: string) => ({
      sla: 'sla:default/churn-predictor-sla',
      name: 'p95 latency',
      status,
      ...(alert ? { alert } : {}),
    });
    const notifier = () =>
      directNotifier(knex, sent, {
        servingSince: async () => new Map(),
        getSummary: async () => ({ environments: [], items: summary }),
        getModelStatus: async (model: string) => {
          const item = summary.find(i => i.model === model)!;
          return {
            model,
            environments: [],
            deployments: [],
            sla: {
              objectives: [
                objective(
                  item.slaStatus === 'breached' ? 'breached' : 'at_risk',
                  item.slaAlert,
                ),
              ],
            },
          };
        },
      });
    const CHURN = 'mlmodel:default/churn-predictor';

    // Burning fast (the status API's burn-rate alert): a high notice.
    summary = [{ model: CHURN, slaStatus: 'at_risk', slaAlert: 'fast_burn' }];
    await Promise.all([notifier().run(), notifier().run()]);
    await notifier().run();
    expect(sent.map(s => [s.payload.title, s.payload.severity])).toEqual([
      ['SLA budget burning fast: churn predictor', 'high'],
    ]);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/data-science'],
    });
    expect(sent[0].payload.link).toBe(
      '/catalog/default/mlmodel/churn-predictor/deployments',
    );
    expect(sent[0].payload.topic).toBe('lab2live-sla');

    // Then breached: a critical notice, once.
    summary = [{ model: CHURN, slaStatus: 'breached' }];
    await Promise.all([notifier().run(), notifier().run()]);
    await notifier().run();
    expect(sent.map(s => s.payload.title)).toEqual([
      'SLA budget burning fast: churn predictor',
      'SLA breached: churn predictor',
    ]);
    expect(sent[1].payload.description).toContain(
      '"p95 latency" of sla:default/churn-predictor-sla',
    );

    // It recovers, then breaches again: a new notice.
    summary = [{ model: CHURN, slaStatus: 'met' }];
    await notifier().run();
    summary = [{ model: CHURN, slaStatus: 'breached' }];
    await notifier().run();
    await notifier().run();
    expect(sent.map(s => s.payload.title)).toEqual([
      'SLA budget burning fast: churn predictor',
      'SLA breached: churn predictor',
      'SLA breached: churn predictor',
    ]);
  });

  it('sends an event again on the next run when sending failed, and then once', async () => {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const sent: NotificationSendOptions[] = [];
    const summary = [
      { model: 'mlmodel:default/churn-predictor', slaStatus: 'breached' },
    ];
    const status = {
      servingSince: async () => new Map(),
      getSummary: async () => ({ environments: [], items: summary }),
      getModelStatus: async (model: string) => ({
        model,
        sla: { objectives: [] },
      }),
    };
    const notifier = directNotifier(knex, sent, status);
    let down = true;
    const flaky = new GovernanceNotifier({
      ...(notifier as any).options,
      notifications: {
        send: async (o: NotificationSendOptions) => {
          if (down) throw new Error('notifications backend unavailable');
          sent.push(o);
        },
      },
    });
    await flaky.run();
    expect(sent).toEqual([]);
    down = false;
    await flaky.run();
    await flaky.run();
    expect(sent.map(s => s.payload.title)).toEqual([
      'SLA breached: churn predictor',
    ]);
  });
});
