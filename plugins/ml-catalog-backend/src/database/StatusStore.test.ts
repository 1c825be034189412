import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { AuditLog } from '../audit/AuditLog';
import { createTestDatabases } from '../__testUtils__/databases';
import { migrateDownAll, migrateUp } from './migrations';
import {
  DeploymentEventRecord,
  StatusStore,
  versionKey,
  WriteQueueFullError,
} from './StatusStore';

const { databases, ids, missing } = createTestDatabases();
const MODEL = 'mlmodel:default/churn-predictor';
const T0 = Date.parse('2026-11-20T10:00:00Z');

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map(rest => [
      item,
      ...rest,
    ]),
  );
}

const confirmation = (environment: string, version: string, at: number) => ({
  model: MODEL,
  environment,
  version,
  confirmedAt: at,
});

function event(
  overrides: Partial<DeploymentEventRecord>,
): DeploymentEventRecord {
  return {
    eventId: 'e1',
    model: MODEL,
    environment: 'staging',
    version: '7',
    status: 'healthy',
    occurredAt: T0,
    reportedBy: 'external:ci',
    ...overrides,
  };
}

for (const engine of missing) {
  describe(`StatusStore on ${engine}`, () => {
    // A skipped test on purpose: it names the engine that did not run in every report.
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
    it.skip('is skipped: no server configured', () => {});
  });
}

describe.each(ids)('StatusStore on %s', databaseId => {
  let knex: Knex;
  let store: StatusStore;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await migrateUp(knex);
    store = new StatusStore(knex, () => T0 + 1000);
  });

  it('stores a retried event once, and says which was the duplicate', async () => {
    expect(await store.addDeploymentEvents([event({})])).toEqual({
      stored: 1,
      duplicates: 0,
    });
    expect(
      await store.addDeploymentEvents([event({}), event({ eventId: 'e2' })]),
    ).toEqual({ stored: 1, duplicates: 1 });
    expect(await store.countDeploymentEvents()).toBe(2);
  });

  it('stores an event once when many writers race with the same id', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.addDeploymentEvents([event({})])),
    );
    expect(results.reduce((sum, r) => sum + r.stored, 0)).toBe(1);
    expect(await store.countDeploymentEvents()).toBe(1);
    expect(await new AuditLog(knex).listAuditEvents(MODEL)).toHaveLength(1);
  });

  it('commits concurrent calls together with the same result as one at a time', async () => {
    // 90 events on 3 models x 3 environments, in a shuffled order, 30 calls at once.
    const models = ['a', 'b', 'c'].map(n => `mlmodel:default/${n}`);
    const environments = ['dev', 'staging', 'production'];
    const events = models.flatMap((model, m) =>
      environments.flatMap((environment, e) =>
        Array.from({ length: 10 }, (_, i) =>
          event({
            eventId: `${m}-${e}-${i}`,
            model,
            environment,
            version: String(i % 4),
            occurredAt: T0 + i * 60_000,
          }),
        ),
      ),
    );
    const shuffled = [...events].sort(
      (x, y) =>
        ((x.eventId.charCodeAt(4) * 7919) % 13) -
          ((y.eventId.charCodeAt(4) * 7919) % 13) ||
        x.eventId.localeCompare(y.eventId),
    );
    const calls = Array.from({ length: 30 }, (_, c) =>
      shuffled.slice(c * 3, c * 3 + 3),
    );
    const results = await Promise.all(
      calls.map(batch => store.addDeploymentEvents(batch)),
    );
    expect(results.reduce((sum, r) => sum + r.stored, 0)).toBe(90);
    expect(await store.countDeploymentEvents()).toBe(90);

    const states = await store.listDeploymentStates(models);
    expect(states).toHaveLength(9);
    for (const state of states) {
      // The newest event (i = 9, version 1) wins; version 1 runs since i = 9.
      expect(state).toMatchObject({ version: '1', since: T0 + 9 * 60_000 });
    }
    const first = await store.firstReported(
      models.map(model => ({ model, version: '3' })),
    );
    for (const model of models) {
      expect(first.get(versionKey(model, '3'))).toBe(T0 + 3 * 60_000);
    }
    for (const model of models) {
      expect(await new AuditLog(knex).listAuditEvents(model)).toHaveLength(30);
    }
  });

  it('stores every good event of a batch and reports each bad one by place and reason', async () => {
    const results = await Promise.all([
      store.addDeploymentEvents([event({ eventId: 'good-1' })]),
      store.addDeploymentEvents([
        event({ eventId: 'good-2', environment: 'production' }),
        event({ eventId: 'bad', version: null as unknown as string }),
        event({ eventId: 'good-3', environment: 'dev' }),
      ]),
    ]);
    expect(results[0]).toEqual({ stored: 1, duplicates: 0 });
    expect(results[1]).toEqual({
      stored: 2,
      duplicates: 0,
      rejected: [
        {
          index: 1,
          eventId: 'bad',
          reason: expect.stringMatching(/^not stored: /),
        },
      ],
    });
    expect(await store.countDeploymentEvents()).toBe(3);
    expect(await new AuditLog(knex).listAuditEvents(MODEL)).toHaveLength(3);
    const states = await store.listDeploymentStates([MODEL]);
    expect(states.map(s => s.environment).sort()).toEqual([
      'dev',
      'production',
      'staging',
    ]);
  });

  it('refuses a call with 503 when the write queue is full, and stores nothing of it', async () => {
    const capped = new StatusStore(knex, () => T0 + 1000, {
      maxQueuedEvents: 3,
    });
    const first = capped.addDeploymentEvents([
      event({ eventId: 'q1' }),
      event({ eventId: 'q2', environment: 'dev' }),
    ]);
    const refused = capped.addDeploymentEvents([
      event({ eventId: 'q3', environment: 'production' }),
      event({ eventId: 'q4', environment: 'production', occurredAt: T0 + 1 }),
    ]);
    await expect(refused).rejects.toBeInstanceOf(WriteQueueFullError);
    await expect(refused).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      retryAfterSeconds: 1,
      message: expect.stringMatching(/write queue is full \(2 event/),
    });
    expect(await first).toEqual({ stored: 2, duplicates: 0 });
    // Once the queue drained the next call is taken again.
    expect(
      await capped.addDeploymentEvents([
        event({ eventId: 'q3', environment: 'production' }),
      ]),
    ).toEqual({ stored: 1, duplicates: 0 });
    expect(await capped.countDeploymentEvents()).toBe(3);
  });

  it('keeps the newest state when events arrive out of order, and all of the history', async () => {
    await store.addDeploymentEvents([
      event({ eventId: 'v8', version: '8', occurredAt: T0 + 2 * 3600_000 }),
      event({ eventId: 'v7', version: '7', occurredAt: T0 }),
    ]);
    const [state] = await store.listDeploymentStates([MODEL]);
    expect(state).toMatchObject({
      environment: 'staging',
      version: '8',
      eventId: 'v8',
      since: T0 + 2 * 3600_000,
    });
    const { items: history } = await store.listDeploymentEvents(MODEL, {
      limit: 10,
    });
    expect(history.map(e => e.eventId)).toEqual(['v8', 'v7']);
    expect(history[0]).toMatchObject({
      version: '8',
      timestamp: new Date(T0 + 2 * 3600_000).toISOString(),
      reportedBy: 'external:ci',
    });
  });

  it('keeps "since" at the first report of the running version and resets it on a new version', async () => {
    await store.addDeploymentEvents([
      event({ eventId: 'a', status: 'deploying', occurredAt: T0 + 60_000 }),
      event({ eventId: 'b', status: 'healthy', occurredAt: T0 + 120_000 }),
      // A late report of the same version from before: moves "since" back.
      event({ eventId: 'c', status: 'pending', occurredAt: T0 }),
    ]);
    let [state] = await store.listDeploymentStates([MODEL]);
    expect(state).toMatchObject({ status: 'healthy', since: T0 });

    await store.addDeploymentEvents([
      event({ eventId: 'd', version: '8', occurredAt: T0 + 180_000 }),
    ]);
    [state] = await store.listDeploymentStates([MODEL]);
    expect(state).toMatchObject({ version: '8', since: T0 + 180_000 });
    const first = await store.firstReported([
      { model: MODEL, version: '7' },
      { model: MODEL, version: '8' },
    ]);
    expect(first.get(versionKey(MODEL, '7'))).toBe(T0);
    expect(first.get(versionKey(MODEL, '8'))).toBe(T0 + 180_000);
  });

  it('shows a rollback (v1, v2, v1 again) at once, with "since" at the rollback', async () => {
    await store.addDeploymentEvents([event({ eventId: 'r1', version: '1' })]);
    await store.addDeploymentEvents([
      event({ eventId: 'r2', version: '2', occurredAt: T0 + 60_000 }),
    ]);
    await store.addDeploymentEvents([
      event({ eventId: 'r3', version: '1', occurredAt: T0 + 120_000 }),
    ]);
    const [state] = await store.listDeploymentStates([MODEL]);
    expect(state).toMatchObject({
      version: '1',
      eventId: 'r3',
      since: T0 + 120_000,
    });
  });

  it('confirms the running version without adding history, and refuses any other', async () => {
    await store.addDeploymentEvents([event({ eventId: 'c1', version: '7' })]);
    const results = await store.confirmDeployments([
      confirmation('staging', '7', T0 + 5000),
      confirmation('staging', '6', T0 + 6000),
      confirmation('production', '7', T0 + 6000),
    ]);
    expect(results).toEqual([
      { confirmed: true },
      {
        confirmed: false,
        reason: `${MODEL} runs version 7 in staging, not 6: report a deployment event for a change`,
      },
      {
        confirmed: false,
        reason: `${MODEL} has no deployment in production to confirm: report a deployment event first`,
      },
    ]);
    let [state] = await store.listDeploymentStates([MODEL]);
    expect(state).toMatchObject({ version: '7', confirmedAt: T0 + 5000 });
    // Idempotent, and never moved back by an older confirmation.
    await store.confirmDeployments([
      confirmation('staging', '7', T0 + 5000),
      confirmation('staging', '7', T0 + 100),
    ]);
    [state] = await store.listDeploymentStates([MODEL]);
    expect(state.confirmedAt).toBe(T0 + 5000);
    expect(await store.countDeploymentEvents()).toBe(1);
    expect(await new AuditLog(knex).listAuditEvents(MODEL)).toHaveLength(1);
    expect(await store.listDeploymentStates(['mlmodel:default/other'])).toEqual(
      [],
    );

    // A new version starts unconfirmed: the confirmation was of the one before.
    await store.addDeploymentEvents([
      event({ eventId: 'c2', version: '8', occurredAt: T0 + 7000 }),
    ]);
    [state] = await store.listDeploymentStates([MODEL]);
    expect(state.version).toBe('8');
    expect(state.confirmedAt).toBeUndefined();
  });

  it('ends every delivery order of a recorded sequence in the same state and "since"', async () => {
    // A recorded run: v1 rolled out, v2 replaced it, then a rollback to v1.
    const recorded = [
      { version: '1', status: 'deploying', at: T0 },
      { version: '1', status: 'healthy', at: T0 + 60_000 },
      { version: '2', status: 'healthy', at: T0 + 120_000 },
      { version: '2', status: 'degraded', at: T0 + 180_000 },
      { version: '1', status: 'healthy', at: T0 + 240_000 },
      { version: '1', status: 'healthy', at: T0 + 300_000 },
    ] as const;
    const expected = {
      version: '1',
      status: 'healthy',
      occurredAt: T0 + 300_000,
      since: T0 + 240_000,
    };
    const all = permutations(recorded.map((_, i) => i));
    // Every order on SQLite; on the servers a fixed set (in order, reversed, and every
    // 30th), enough to cover late arrivals of each kind.
    const orders =
      databaseId === 'SQLITE_3'
        ? all
        : all.filter((_, i) => i % 30 === 0 || i === all.length - 1);
    await Promise.all(
      orders.map(async (order, p) => {
        const model = `mlmodel:default/perm-${p}`;
        // One event per call, so each permutation really arrives in that order.
        for (const i of order) {
          await store.addDeploymentEvents([
            event({
              eventId: `perm-${p}-${i}`,
              model,
              version: recorded[i].version,
              status: recorded[i].status,
              occurredAt: recorded[i].at,
            }),
          ]);
        }
      }),
    );
    const states = await store.listDeploymentStates(
      orders.map((_, p) => `mlmodel:default/perm-${p}`),
    );
    expect(states).toHaveLength(orders.length);
    const wrong = states.filter(
      s =>
        s.version !== expected.version ||
        s.status !== expected.status ||
        s.occurredAt !== expected.occurredAt ||
        s.since !== expected.since,
    );
    expect(wrong).toEqual([]);
  });

  it('keeps one state per environment', async () => {
    await store.addDeploymentEvents([
      event({ eventId: 'p', environment: 'production', version: '7' }),
      event({ eventId: 's', environment: 'staging', version: '8' }),
      event({
        eventId: 'o',
        model: 'mlmodel:default/other',
        environment: 'dev',
      }),
    ]);
    const states = await store.listDeploymentStates([MODEL]);
    expect(states.map(s => `${s.environment}:${s.version}`).sort()).toEqual([
      'production:7',
      'staging:8',
    ]);
    expect(await store.listDeploymentStates()).toHaveLength(3);
    expect(await store.listDeploymentStates([])).toEqual([]);
  });

  it('writes an audit event per stored deployment with before and after', async () => {
    await store.addDeploymentEvents([
      event({ eventId: 'a', version: '7' }),
      event({ eventId: 'b', version: '8', occurredAt: T0 + 1 }),
    ]);
    const audit = await new AuditLog(knex).listAuditEvents(MODEL);
    expect(audit.map(a => a.action)).toEqual([
      'deployment.reported',
      'deployment.reported',
    ]);
    expect(audit[0]).toMatchObject({
      actor: 'external:ci',
      occurredAt: T0 + 1000,
    });
    expect(audit[0].before).toBeUndefined();
    expect(audit[1].before).toMatchObject({ version: '7' });
    expect(audit[1].after).toMatchObject({ version: '8', eventId: 'b' });
  });

  it('migrates down and up again with data in the tables', async () => {
    await store.addDeploymentEvents([event({})]);
    await migrateDownAll(knex);
    expect(await knex.schema.hasTable('deployment_events')).toBe(false);
    expect(await knex.schema.hasTable('audit_events')).toBe(false);
    await migrateUp(knex);
    expect(await store.countDeploymentEvents()).toBe(0);
    await store.addDeploymentEvents([event({})]);
    expect(await store.countDeploymentEvents()).toBe(1);
  });
});

describe('StatusStore on a SQLite file', () => {
  it('keeps every event and audit entry across a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab2live-store-'));
    const open = () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'ml-catalog.sqlite') },
        useNullAsDefault: true,
      });
    try {
      let knex = open();
      await migrateUp(knex);
      await new StatusStore(knex).addDeploymentEvents([
        event({ eventId: 'a' }),
        event({ eventId: 'b', version: '8', occurredAt: T0 + 1 }),
      ]);
      await knex.destroy();

      knex = open();
      await migrateUp(knex);
      const store = new StatusStore(knex);
      expect(await store.countDeploymentEvents()).toBe(2);
      expect((await store.listDeploymentStates([MODEL]))[0].version).toBe('8');
      expect(await new AuditLog(knex).listAuditEvents(MODEL)).toHaveLength(2);
      await knex.destroy();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
