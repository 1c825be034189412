import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { SlaEntityV1alpha1 } from '@lab2live/plugin-ml-catalog-common';
import type { Knex } from 'knex';
import path from 'node:path';
import { createTestDatabases } from '../__testUtils__/databases';
import { testEntities } from '../__testUtils__/entities';
import { readSlaSettings } from '../service/slaConfig';
import { SlaObservations } from '../service/SlaObservations';
import { migrateDownAll, migrateUp } from './migrations';
import {
  coverPeriod,
  ObservationStore,
  ROLLUP_SIZES,
} from './ObservationStore';

const { databases, ids, missing } = createTestDatabases();
const MODEL = 'mlmodel:default/churn-predictor';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// 10:02 on a day: not on an hour, so windows have edges at every interval.
const NOW = Date.parse('2026-11-20T10:02:00Z');
const SLA = testEntities.find(e => e.kind === 'SLA') as SlaEntityV1alpha1;

for (const engine of missing) {
  describe(`ObservationStore on ${engine}`, () => {
    // A skipped test on purpose: it names the engine that did not run in every report.
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
    it.skip('is skipped: no server configured', () => {});
  });
}

describe('coverPeriod', () => {
  it('covers a 30-day window with days in the middle and finer rows at the ends', () => {
    const ranges = coverPeriod(NOW - 30 * DAY, NOW);
    expect(ranges.map(r => r.size)).toEqual(['1d', '1h', '5m', '1h', '5m']);
    // Every bucket start of the period falls into exactly one range, end to end.
    const sorted = [...ranges].sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i].from).toBe(sorted[i - 1].to);
    }
    expect(sorted[0].from).toBe(NOW - 30 * DAY + 3 * MINUTE); // up to the next 5 minutes
    expect(sorted[sorted.length - 1].to).toBe(NOW + 1);
  });

  it('reads the last hour from 5-minute rows, the current one included', () => {
    expect(coverPeriod(NOW - HOUR, NOW, ['1h', '5m'])).toEqual([
      { size: '5m', from: NOW - HOUR + 3 * MINUTE, to: NOW + 1 },
    ]);
  });
});

describe.each(ids)('ObservationStore on %s', databaseId => {
  let knex: Knex;
  let now: number;
  let store: ObservationStore;
  let sla: SlaObservations;

  const observe = (
    indicator: string,
    at: number,
    reading: { value?: number; good?: number; valid?: number },
    observationId?: string,
  ) => ({
    model: MODEL,
    indicator,
    ...reading,
    timestamp: new Date(at).toISOString(),
    ...(observationId ? { observationId } : {}),
  });
  const report = async (observations: ReturnType<typeof observe>[]) =>
    sla.store(
      await Promise.all(
        observations.map((o, i) =>
          sla.record(o, {
            path: `observations[${i}]`,
            model: MODEL,
            observedAt: Date.parse(o.timestamp),
            by: 'external:monitoring',
          }),
        ),
      ),
    );
  const evaluate = async (sla7d: SlaEntityV1alpha1 = SLA) => {
    const result = await sla.evaluate(new Map([[MODEL, [sla7d]]]), new Map());
    return result.get(MODEL)!;
  };
  const objective = async (name: string, sla7d?: SlaEntityV1alpha1) =>
    (await evaluate(sla7d)).objectives.find(o => o.name === name)!;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await migrateUp(knex);
    now = NOW;
    store = new ObservationStore(knex, () => now);
    sla = new SlaObservations({
      store,
      catalog: catalogServiceMock({ entities: testEntities }),
      auth: mockServices.auth(),
      sla: { missBudget: 0.05 },
      clock: () => now,
    });
  });

  it('rolls observations up on write into 5-minute, hourly and daily rows, adding to stored rows', async () => {
    await report([
      observe('latency_p95_ms', NOW - 4 * MINUTE, { value: 100 }),
      observe('latency_p95_ms', NOW - 1 * MINUTE, { value: 130 }),
    ]);
    await report([observe('latency_p95_ms', NOW - 30 * MINUTE, { value: 90 })]);
    const rows = await knex('sla_rollups')
      .where({ model_ref: MODEL, indicator: 'latency_p95_ms' })
      .orderBy(['criterion', 'bucket_ms', 'bucket_start']);
    const plain = rows.filter(r => r.criterion === '');
    expect(
      plain.map(r => [
        Number(r.bucket_ms),
        Number(r.samples),
        Number(r.value_sum),
        Number(r.value_min),
        Number(r.value_max),
      ]),
    ).toEqual([
      [ROLLUP_SIZES['5m'], 1, 90, 90, 90], // 09:30
      [ROLLUP_SIZES['5m'], 1, 100, 100, 100], // 09:55
      [ROLLUP_SIZES['5m'], 1, 130, 130, 130], // 10:00
      [ROLLUP_SIZES['1h'], 2, 190, 90, 100], // 09:00
      [ROLLUP_SIZES['1h'], 1, 130, 130, 130], // 10:00
      [ROLLUP_SIZES['1d'], 3, 320, 90, 130],
    ]);
    // The SLA's threshold (lte 120) counts its samples that met it: good of valid.
    const day = rows.find(
      r =>
        r.criterion === 'lte:120' && Number(r.bucket_ms) === ROLLUP_SIZES['1d'],
    );
    expect([Number(day.good), Number(day.valid)]).toEqual([2, 3]);
  });

  it('stores observations once per id, also within one batch', async () => {
    const o = observe('latency_p95_ms', NOW - MINUTE, { value: 100 }, 'o1');
    expect(await report([o, o])).toEqual({ stored: 1, duplicates: 1 });
    expect(
      await report([o, observe('latency_p95_ms', NOW, { value: 90 }, 'o2')]),
    ).toEqual({ stored: 1, duplicates: 1 });
    expect((await objective('p95 latency')).samples).toBe(2);
  });

  it('computes availability as good over valid summed over the window, whatever the reporting rhythm', async () => {
    // A quiet hour reported once with its counts, a busy one reported 12 times, and a
    // single value: a mean of the 14 reports would say 99.2% (breached), the events
    // say 99.818% (met).
    await report([
      observe('availability_pct', NOW - 3 * DAY, { good: 90, valid: 100 }),
      ...Array.from({ length: 12 }, (_, i) =>
        observe('availability_pct', NOW - 2 * DAY + i * 5 * MINUTE, {
          good: 999,
          valid: 1000,
        }),
      ),
      observe('availability_pct', NOW - DAY, { value: 100 }),
    ]);
    const good = 90 + 12 * 999 + 1;
    const valid = 100 + 12 * 1000 + 1;
    expect(await objective('availability')).toMatchObject({
      status: 'met',
      value: Math.round((1000 * 100 * good) / valid) / 1000,
      samples: valid,
      missed: valid - good,
    });
  });

  it('counts threshold objectives per sample over the window and leaves out what lies before it', async () => {
    await report([
      observe('latency_p95_ms', NOW - 8 * DAY, { value: 500 }), // before the 7-day window
      ...Array.from({ length: 19 }, (_, i) =>
        observe('latency_p95_ms', NOW - 6 * DAY + i * HOUR, { value: 100 }),
      ),
      observe('latency_p95_ms', NOW - 5 * MINUTE, { value: 121 }),
    ]);
    expect(await objective('p95 latency')).toMatchObject({
      status: 'at_risk', // 1 miss of 20 samples spends the 5% budget exactly
      samples: 20,
      missed: 1,
      budgetLeft: 0,
      value: 101.05,
    });
  });

  it('raises fast burn from real observations and shows it on the model', async () => {
    await report([
      // A good month, then the last hour fails 10% of requests: 20x a 0.5% budget.
      observe('availability_pct', NOW - 5 * DAY, {
        good: 10_000_000,
        valid: 10_000_000,
      }),
      ...Array.from({ length: 12 }, (_, i) =>
        observe('availability_pct', NOW - 55 * MINUTE + i * 5 * MINUTE, {
          good: 900,
          valid: 1000,
        }),
      ),
    ]);
    const status = await evaluate();
    const availability = status.objectives.find(
      o => o.name === 'availability',
    )!;
    expect(availability).toMatchObject({
      status: 'at_risk',
      alert: 'fast_burn',
      burnRate: 20,
    });
    expect(status.alert).toBe('fast_burn');
    // An hour later the burn has stopped: no alert, the month still holds.
    now += 2 * HOUR;
    await report([
      observe('availability_pct', now - MINUTE, { good: 1000, valid: 1000 }),
    ]);
    expect((await evaluate()).alert).toBeUndefined();
  });

  it('refuses bad counts and values with the field named', async () => {
    const context = {
      path: 'observations[0]',
      model: MODEL,
      observedAt: NOW,
      by: 'external:monitoring',
    };
    const cases: Array<[object, string]> = [
      [
        { indicator: 'availability_pct', good: 5, valid: 4 },
        'observations[0].good must be a number from 0 to valid (4); got 5',
      ],
      [
        { indicator: 'availability_pct', good: 0, valid: 0 },
        'observations[0].valid must be a number above 0 (the events that count); got 0',
      ],
      [
        { indicator: 'availability_pct', good: 5 },
        'observations[0]: good and valid go together; valid is missing',
      ],
      [
        { indicator: 'availability_pct', value: 99, good: 5, valid: 5 },
        'observations[0]: give either value or good and valid, not both',
      ],
      [
        { indicator: 'latency_p95_ms', good: 5, valid: 5 },
        'observations[0]: good and valid are counted for ratio indicators (availability_pct, error_rate_pct) only; report a value for latency_p95_ms',
      ],
      [
        { indicator: 'error_rate_pct', value: 101 },
        'observations[0].value of error_rate_pct is a percentage from 0 to 100; got 101',
      ],
      [
        { indicator: 'availability_pct' },
        'observations[0].value must be a finite number, or give good and valid counts',
      ],
    ];
    for (const [reading, message] of cases) {
      await expect(
        sla.record(
          {
            model: MODEL,
            timestamp: new Date(NOW).toISOString(),
            ...reading,
          } as any,
          context,
        ),
      ).rejects.toThrow(message);
    }
    expect(await store.count()).toEqual({ observations: 0, rollups: 0 });
  });

  it('names the objective and the range of a bad missBudget in the status', async () => {
    const broken = JSON.parse(JSON.stringify(SLA)) as SlaEntityV1alpha1;
    broken.spec.objectives[0].missBudget = 1;
    await report([observe('latency_p95_ms', NOW - MINUTE, { value: 500 })]);
    expect(await objective('p95 latency', broken)).toMatchObject({
      status: 'breached',
      problem:
        'sla:default/churn-scoring spec.objectives[0].missBudget must be a share from 0 up to (not including) 1; got 1',
    });
  });

  it('expires raw rows and roll-ups past their retention, and evaluations still read the roll-ups', async () => {
    await report(
      Array.from({ length: 6 * 24 }, (_, i) =>
        observe('latency_p95_ms', NOW - 6 * DAY + i * HOUR, { value: 100 }),
      ),
    );
    const before = await objective('p95 latency');
    const retention = {
      raw: DAY,
      '5m': 2 * DAY,
      '1h': 3 * DAY,
      '1d': 400 * DAY,
    };
    const deleted = await store.expire(retention);
    expect(deleted).toBeGreaterThan(0);
    const oldest = async (size: string) =>
      Number(
        (
          await knex('sla_rollups')
            .where('bucket_ms', ROLLUP_SIZES[size as '5m'])
            .min({ t: 'bucket_start' })
        )[0].t,
      );
    const [{ rawOldest }] = await knex('sla_observations').min({
      rawOldest: 'observed_at',
    });
    expect(Number(rawOldest)).toBeGreaterThanOrEqual(NOW - DAY);
    expect(await oldest('5m')).toBeGreaterThanOrEqual(NOW - 2 * DAY);
    expect(await oldest('1h')).toBeGreaterThanOrEqual(NOW - 3 * DAY);
    expect(await oldest('1d')).toBeLessThan(NOW - 5 * DAY);
    // The week still counts every sample: its middle comes from the daily rows.
    expect(await objective('p95 latency')).toEqual(before);
    expect(await store.expire(retention)).toBe(0);
  });

  it('rolls up existing observations when migrating, and migrates down and up again', async () => {
    // Back to before the roll-ups, then raw rows written the old way.
    await knex.migrate.down({
      directory: path.resolve(__dirname, '../../migrations'),
      name: '20261202123000_sla_rollups.js',
    });
    expect(await knex.schema.hasTable('sla_rollups')).toBe(false);
    await knex('sla_observations').insert([
      {
        model_ref: MODEL,
        indicator: 'availability_pct',
        value: 99,
        observed_at: NOW - HOUR,
        reported_by: 'external:old',
      },
      {
        model_ref: MODEL,
        indicator: 'availability_pct',
        value: 100,
        observed_at: NOW - HOUR + MINUTE,
        reported_by: 'external:old',
      },
    ]);
    await migrateUp(knex);
    expect(await objective('availability')).toMatchObject({
      value: 99.5,
      samples: 2,
    });
    await migrateDownAll(knex);
    expect(await knex.schema.hasTable('sla_rollups')).toBe(false);
    await migrateUp(knex);
    expect(await knex.schema.hasColumn('sla_observations', 'good')).toBe(true);
  });
});

describe('readSlaSettings', () => {
  it.each([
    [
      { missBudget: 1 },
      'lab2live.sla.missBudget must be a share from 0 up to (not including) 1; got 1',
    ],
    [
      { missBudget: -0.1 },
      'lab2live.sla.missBudget must be a share from 0 up to (not including) 1; got -0.1',
    ],
    [
      { retention: { fiveMinuteRollups: { hours: 2 } } },
      'lab2live.sla.retention.fiveMinuteRollups must be at least 7 hours (the 6-hour burn-rate window and its 5-minute edge read them); got 2 hours',
    ],
    [
      { statusMaxAge: { minutes: 10 } },
      'lab2live.sla.statusMaxAge must be at most 5 minutes (the shortest burn-rate window); got 600 seconds',
    ],
  ])('refuses %j', (sla, message) => {
    expect(() =>
      readSlaSettings(new ConfigReader({ lab2live: { sla } })),
    ).toThrow(message);
  });

  it('keeps two days of raw rows and 5-minute rows, 35 days of hours, 400 of days by default', () => {
    expect(readSlaSettings(new ConfigReader({}))).toMatchObject({
      missBudget: 0.05,
      statusMaxAgeMs: 10_000,
      retention: {
        raw: 2 * DAY,
        '5m': 2 * DAY,
        '1h': 35 * DAY,
        '1d': 400 * DAY,
      },
    });
  });
});
