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
    service.reportDeployment(
      {
        eventId,
        model: 'churn-predictor',
        environment: change.environment ?? 'production',
        version: change.version ?? '7',
        status: change.status ?? 'healthy',
        timestamp: new Date(at).toISOString(),
      },
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

  it('counts staleness from the newest event or confirmation, whichever is later', async () => {
    const { service, report, credentials, setNow } = await setup();
    const reporter = AccessService.internalReporter('provider:test');
    // A version last updated 40 days ago, reported now: its event time is old.
    setNow(T0 + 40 * DAY);
    await report('old', T0);
    let [deployment] = (await service.getModelStatus(MODEL, credentials))
      .deployments;
    expect(deployment.stale).toBe(true);

    const confirm = (version: string, at: number) =>
      service.confirmDeployments(
        [
          {
            model: 'churn-predictor',
            environment: 'production',
            version,
            timestamp: new Date(at).toISOString(),
          },
        ],
        reporter,
      );
    expect(await confirm('7', T0 + 40 * DAY)).toEqual({
      confirmed: 1,
      refused: [],
    });
    [deployment] = (
      await service.getModelStatus(MODEL, credentials)
    ).deployments;
    expect(deployment).toMatchObject({
      stale: false,
      confirmedAt: new Date(T0 + 40 * DAY).toISOString(),
      updatedAt: new Date(T0).toISOString(),
    });
    // The confirmation ages like an event.
    setNow(T0 + 41 * DAY + 1);
    [deployment] = (
      await service.getModelStatus(MODEL, credentials)
    ).deployments;
    expect(deployment.stale).toBe(true);

    // Another version, a time past the clock skew, an unknown environment: refused.
    const refused = await service.confirmDeployments(
      [
        {
          model: 'churn-predictor',
          environment: 'production',
          version: '8',
          timestamp: new Date(T0 + 41 * DAY).toISOString(),
        },
        {
          model: 'churn-predictor',
          environment: 'production',
          version: '7',
          timestamp: new Date(T0 + 42 * DAY).toISOString(),
        },
        {
          model: 'churn-predictor',
          environment: 'qa',
          version: '7',
          timestamp: new Date(T0 + 41 * DAY).toISOString(),
        },
        {
          model: 'no-such-model',
          environment: 'production',
          version: '7',
          timestamp: new Date(T0 + 41 * DAY).toISOString(),
        },
      ],
      reporter,
    );
    expect(refused).toEqual({
      confirmed: 0,
      refused: [
        {
          index: 0,
          reason: `confirmations[0]: ${MODEL} runs version 7 in production, not 8: report a deployment event for a change`,
        },
        {
          index: 1,
          reason: expect.stringMatching(
            /^confirmations\[1\]\.timestamp lies in the future/,
          ),
        },
        {
          index: 2,
          reason:
            "confirmations[2].environment must be one of dev, staging, production; got 'qa'",
        },
        {
          index: 3,
          reason:
            'confirmations[3].model: no model mlmodel:default/no-such-model in the catalog',
        },
      ],
    });
    [deployment] = (
      await service.getModelStatus(MODEL, credentials)
    ).deployments;
    expect(deployment.stale).toBe(true);
  });

  it('stores the good events of a provider batch and reports each bad one', async () => {
    const { service, knex } = await setup();
    const good = {
      eventId: 'ok',
      model: 'churn-predictor',
      environment: 'dev',
      version: '1',
      status: 'healthy' as const,
      timestamp: new Date(T0).toISOString(),
    };
    const result = await service.reportDeploymentBatch(
      [
        good,
        { ...good, eventId: 'bad-env', environment: 'qa' },
        // Past the REST API's limits: the same schema applies to providers.
        { ...good, eventId: 'long', version: 'v'.repeat(300) },
        { ...good, eventId: 'url', endpointUrl: 'not a url' },
        { ...good, eventId: 'ok-2', environment: 'staging' },
      ],
      AccessService.internalReporter('provider:test'),
    );
    expect(result).toEqual({
      stored: 2,
      duplicates: 0,
      rejected: [
        {
          index: 1,
          eventId: 'bad-env',
          reason:
            "events[1].environment must be one of dev, staging, production; got 'qa'",
        },
        {
          index: 2,
          eventId: 'long',
          reason: 'events[2].version must NOT have more than 255 characters',
        },
        {
          index: 3,
          eventId: 'url',
          reason: 'events[3].endpointUrl must match format "uri"',
        },
      ],
    });
    expect(
      (await knex('deployment_events').select('event_id'))
        .map(r => r.event_id)
        .sort(),
    ).toEqual(['ok', 'ok-2']);
    await expect(
      service.reportDeploymentBatch(
        Array.from({ length: 1001 }, (_, i) => ({ ...good, eventId: `e${i}` })),
        AccessService.internalReporter('provider:test'),
      ),
    ).rejects.toThrow('events must NOT have more than 1000 items; got 1001');
  });
});
