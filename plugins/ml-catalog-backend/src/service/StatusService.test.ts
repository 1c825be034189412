import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import { testEntities } from '../__testUtils__/entities';
import { migrateUp } from '../database/migrations';
import { StatusStore } from '../database/StatusStore';
import { ObservationStore } from '../database/ObservationStore';
import { AccessService } from '../access/AccessService';
import { StatusService } from './StatusService';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-01T00:00:00Z');
const MODEL = 'mlmodel:default/churn-predictor';

async function setup() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await migrateUp(knex);
  let now = T0;
  const clock = () => now;
  const service = new StatusService({
    store: new StatusStore(knex, clock),
    observations: new ObservationStore(knex, clock),
    catalog: catalogServiceMock({ entities: testEntities }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    environments: ['dev', 'staging', 'production'],
    staleAfterMs: 24 * HOUR,
    maxFutureSkewMs: 5 * 60_000,
    sla: { missBudget: 0.05 },
    clock,
  });
  const report = (
    eventId: string,
    at: number,
    change: { environment?: string; version?: string; status?: any } = {},
  ) =>
    service.reportDeployments(
      [
        {
          eventId,
          model: 'churn-predictor',
          environment: change.environment ?? 'production',
          version: change.version ?? '7',
          status: change.status ?? 'healthy',
          timestamp: new Date(at).toISOString(),
        },
      ],
      AccessService.internalReporter('external:ci'),
    );
  const credentials = await mockServices.auth().getOwnServiceCredentials();
  return {
    service,
    report,
    credentials,
    setNow: (t: number) => {
      now = t;
    },
    knex,
  };
}

describe('StatusService', () => {
  it('marks a deployment stale once it has not reported for longer than staleAfter, never an ended one', async () => {
    const { service, report, credentials, setNow } = await setup();
    await report('p1', T0);
    await report('d1', T0, { environment: 'dev', status: 'retired' });

    setNow(T0 + 24 * HOUR);
    let status = await service.getModelStatus(MODEL, credentials);
    expect(status.deployments.map(d => [d.environment, d.stale])).toEqual([
      ['dev', false],
      ['production', false],
    ]);

    setNow(T0 + 24 * HOUR + 1);
    status = await service.getModelStatus(MODEL, credentials);
    expect(status.deployments.map(d => [d.environment, d.stale])).toEqual([
      ['dev', false],
      ['production', true],
    ]);

    // A fresh report makes it current again.
    await report('p2', T0 + 24 * HOUR);
    status = await service.getModelStatus(MODEL, credentials);
    expect(status.deployments[1]).toMatchObject({
      stale: false,
      status: 'healthy',
    });
  });

  it('computes model age from the first report of the version serving in the most senior environment', async () => {
    const { service, report, credentials, setNow } = await setup();
    await report('s8', T0, { environment: 'staging', version: '8' });
    await report('p7', T0 - 20 * DAY, { version: '7' });
    // Version 8 reaches production five days after staging.
    setNow(T0 + 5 * DAY);
    let age = (
      await service.getModelStatus(MODEL, credentials)
    ).sla.objectives.find(o => o.indicator === 'model_age_days');
    expect(age).toMatchObject({ value: 25, status: 'at_risk' });

    await report('p8', T0 + 5 * DAY, { version: '8' });
    age = (
      await service.getModelStatus(MODEL, credentials)
    ).sla.objectives.find(o => o.indicator === 'model_age_days');
    // Version 8 was first reported (to staging) five days ago.
    expect(age).toMatchObject({ value: 5, status: 'met' });

    // Nothing serving: no data, never a made-up age.
    await report('p8-off', T0 + 5 * DAY + 1, {
      version: '8',
      status: 'rolled_back',
    });
    await report('s8-off', T0 + 5 * DAY + 1, {
      environment: 'staging',
      version: '8',
      status: 'retired',
    });
    age = (
      await service.getModelStatus(MODEL, credentials)
    ).sla.objectives.find(o => o.indicator === 'model_age_days');
    expect(age?.status).toBe('no_data');
  });

  it('summarises every model with deployments or SLAs in one answer', async () => {
    const { service, report, credentials } = await setup();
    await report('p7', T0 - HOUR);
    const summary = await service.getSummary(credentials);
    expect(summary.environments).toEqual(['dev', 'staging', 'production']);
    expect(summary.items).toEqual([
      {
        model: MODEL,
        deployments: [
          expect.objectContaining({ environment: 'production', version: '7' }),
        ],
        // Latency and availability have no observations yet.
        slaStatus: 'no_data',
      },
    ]);
  });

  it('stores nothing of a batch with one bad event', async () => {
    const { service, knex } = await setup();
    await expect(
      service.reportDeployments(
        [
          {
            eventId: 'ok',
            model: 'churn-predictor',
            environment: 'dev',
            version: '1',
            status: 'healthy',
            timestamp: new Date(T0).toISOString(),
          },
          {
            eventId: 'bad',
            model: 'churn-predictor',
            environment: 'qa',
            version: '1',
            status: 'healthy',
            timestamp: new Date(T0).toISOString(),
          },
        ],
        AccessService.internalReporter('provider:test'),
        'events',
      ),
    ).rejects.toThrow(
      "events[1].environment must be one of dev, staging, production; got 'qa'",
    );
    expect(await knex('deployment_events').count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
  });
});
