import type { Knex } from 'knex';
import { writeAudit } from '../audit/AuditLog';
import { chunks, isUniqueViolation } from './StatusStore';

/** The roll-up intervals, finest first, in milliseconds. */
export const ROLLUP_SIZES = {
  '5m': 300_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
} as const;

/** A roll-up interval. */
export type RollupSize = keyof typeof ROLLUP_SIZES;

const SIZES_COARSE_FIRST: RollupSize[] = ['1d', '1h', '5m'];

/** What an observation adds to a threshold objective's roll-up: met its target or not. */
export interface CriterionResult {
  /** The objective's comparison, e.g. `lte:120`. */
  criterion: string;
  met: boolean;
}

/** An SLA observation after validation. */
export interface ObservationRecord {
  observationId?: string;
  model: string;
  indicator: string;
  /** The value, as reported or (ratio indicators reported as counts) computed. */
  value: number;
  /** The counts as reported (ratio indicators only). */
  good?: number;
  valid?: number;
  /** What counts towards the good / valid sums of a ratio indicator. */
  events?: { good: number; valid: number };
  /** The threshold objectives of the model's SLAs on this indicator. */
  criteria?: CriterionResult[];
  observedAt: number;
  reportedBy: string;
}

/** Sums over some roll-up rows of one series. */
export interface RollupTotals {
  samples: number;
  sum: number;
  min?: number;
  max?: number;
  good: number;
  valid: number;
}

/** A half-open time range `[from, to)` read at one roll-up interval. */
export interface RollupRange {
  size: RollupSize;
  from: number;
  to: number;
}

/** A named period read from roll-ups: a compliance window or a burn-rate window. */
export interface RollupPeriod {
  name: string;
  ranges: RollupRange[];
}

/** The key of a series in {@link ObservationStore.readTotals}'s result. */
export const seriesKey = (model: string, indicator: string, criterion = '') =>
  `${model}\u0000${indicator}\u0000${criterion}`;

const floorTo = (t: number, size: number) => t - (((t % size) + size) % size);
const ceilTo = (t: number, size: number) => floorTo(t + size - 1, size);

/**
 * The roll-up ranges that cover `[from, to]` with as few rows as possible: whole days
 * in the middle, hours and then 5-minute buckets towards the ends. The 5-minute bucket
 * holding `to` is included (it fills as observations arrive); the start is rounded up
 * to the finest interval, so a period is at most 5 minutes shorter than asked, or an
 * hour or a day where finer roll-ups have expired.
 */
export function coverPeriod(
  from: number,
  to: number,
  sizes: RollupSize[] = SIZES_COARSE_FIRST,
): RollupRange[] {
  const ranges: RollupRange[] = [];
  // Half-open [start, end) throughout; `to` itself belongs to the period.
  const cover = (start: number, end: number, level: number) => {
    const size = sizes[level];
    const ms = ROLLUP_SIZES[size];
    const a = ceilTo(start, ms);
    if (level === sizes.length - 1) {
      // The finest level takes every bucket that starts in the rest of the period.
      if (a < end) ranges.push({ size, from: a, to: end });
      return;
    }
    const b = floorTo(end, ms);
    if (a >= b) {
      cover(start, end, level + 1);
      return;
    }
    ranges.push({ size, from: a, to: b });
    if (start < a) cover(start, a, level + 1);
    if (b < end) cover(b, end, level + 1);
  };
  cover(from, to + 1, 0);
  return ranges;
}

/**
 * The knex store of SLA observations and their roll-ups. An observation is rolled up in
 * the transaction that stores it, into 5-minute, hourly and daily rows; evaluations read
 * only roll-ups; {@link ObservationStore.expire} deletes what retention no longer keeps.
 */
export class ObservationStore {
  private readonly dialect: 'sqlite' | 'pg' | 'mysql';

  constructor(
    private readonly db: Knex,
    private readonly clock: () => number = Date.now,
  ) {
    const client = String(db.client.config.client);
    if (/mysql/.test(client)) this.dialect = 'mysql';
    else if (/sqlite/.test(client)) this.dialect = 'sqlite';
    else this.dialect = 'pg';
  }

  /** Stores SLA observations and their roll-ups; a known observation id changes nothing. */
  async addObservations(
    observations: ObservationRecord[],
  ): Promise<{ stored: number; duplicates: number }> {
    try {
      return await this.addOnce(observations);
    } catch (error) {
      // A concurrent writer stored one of these ids first: go again without it.
      if (isUniqueViolation(error)) return this.addOnce(observations);
      throw error;
    }
  }

  private async addOnce(
    observations: ObservationRecord[],
  ): Promise<{ stored: number; duplicates: number }> {
    return this.db.transaction(async tx => {
      const ids = observations
        .map(o => o.observationId)
        .filter((id): id is string => id !== undefined);
      const known = new Set<string>();
      for (const chunk of chunks(ids, 500)) {
        const rows = await tx('sla_observations')
          .whereIn('observation_id', chunk)
          .select('observation_id');
        rows.forEach(row => known.add(row.observation_id));
      }
      const fresh = observations.filter(o => {
        if (o.observationId === undefined) return true;
        if (known.has(o.observationId)) return false;
        known.add(o.observationId); // the same id twice in one batch counts once
        return true;
      });
      for (const chunk of chunks(fresh, 200)) {
        await tx('sla_observations').insert(
          chunk.map(o => ({
            observation_id: o.observationId ?? null,
            model_ref: o.model,
            indicator: o.indicator,
            value: o.value,
            good: o.good ?? null,
            valid: o.valid ?? null,
            observed_at: o.observedAt,
            reported_by: o.reportedBy,
          })),
        );
      }
      await this.rollUp(tx, fresh);
      if (fresh.length > 0) {
        const models = [...new Set(fresh.map(o => o.model))];
        await writeAudit(tx, this.clock(), {
          actor: fresh[0].reportedBy,
          action: 'sla.observed',
          model: models.length === 1 ? models[0] : undefined,
          after: { models, observations: fresh.length },
        });
      }
      return {
        stored: fresh.length,
        duplicates: observations.length - fresh.length,
      };
    });
  }

  /**
   * Adds observations to their roll-up rows: summed in memory per row first, then
   * upserted in key order (so concurrent writers lock rows in the same order).
   */
  private async rollUp(
    tx: Knex.Transaction,
    observations: ObservationRecord[],
  ): Promise<void> {
    const rows = new Map<string, Record<string, number | string>>();
    const add = (
      o: ObservationRecord,
      criterion: string,
      good: number,
      valid: number,
    ) => {
      for (const size of SIZES_COARSE_FIRST) {
        const ms = ROLLUP_SIZES[size];
        const start = floorTo(o.observedAt, ms);
        const key = `${seriesKey(
          o.model,
          o.indicator,
          criterion,
        )}\u0000${ms}\u0000${start}`;
        const row = rows.get(key);
        if (!row) {
          rows.set(key, {
            model_ref: o.model,
            indicator: o.indicator,
            criterion,
            bucket_ms: ms,
            bucket_start: start,
            samples: 1,
            value_sum: o.value,
            value_min: o.value,
            value_max: o.value,
            good,
            valid,
          });
          continue;
        }
        row.samples = Number(row.samples) + 1;
        row.value_sum = Number(row.value_sum) + o.value;
        row.value_min = Math.min(Number(row.value_min), o.value);
        row.value_max = Math.max(Number(row.value_max), o.value);
        row.good = Number(row.good) + good;
        row.valid = Number(row.valid) + valid;
      }
    };
    for (const o of observations) {
      add(o, '', o.events?.good ?? 0, o.events?.valid ?? 0);
      for (const { criterion, met } of o.criteria ?? []) {
        add(o, criterion, met ? 1 : 0, 1);
      }
    }
    const sorted = [...rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, row]) => row);
    for (const chunk of chunks(sorted, 200)) {
      await tx('sla_rollups')
        .insert(chunk)
        .onConflict([
          'model_ref',
          'indicator',
          'criterion',
          'bucket_ms',
          'bucket_start',
        ])
        .merge(this.increments());
    }
  }

  /** The upsert that adds a new row's sums to a stored one, in each dialect. */
  private increments(): Record<string, Knex.Raw> {
    const db = this.db;
    const stored = (column: string) =>
      this.dialect === 'mysql' ? column : `sla_rollups.${column}`;
    const incoming = (column: string) =>
      this.dialect === 'mysql' ? `VALUES(${column})` : `excluded.${column}`;
    const sum = (column: string) =>
      db.raw(`${stored(column)} + ${incoming(column)}`);
    const pick = (fn: 'min' | 'max', column: string) => {
      const name =
        this.dialect === 'sqlite'
          ? fn.toUpperCase()
          : { min: 'LEAST', max: 'GREATEST' }[fn];
      return db.raw(`${name}(${stored(column)}, ${incoming(column)})`);
    };
    return {
      samples: sum('samples'),
      value_sum: sum('value_sum'),
      value_min: pick('min', 'value_min'),
      value_max: pick('max', 'value_max'),
      good: sum('good'),
      valid: sum('valid'),
    };
  }

  /**
   * Sums the roll-ups of each period per series (model, indicator, criterion), in one
   * statement: one aggregate per range of each period, joined with UNION ALL. Only the
   * series `wanted` says are read: a ratio indicator's own values and the criteria of
   * threshold objectives.
   */
  async readTotals(
    models: string[] | undefined,
    periods: RollupPeriod[],
    wanted: { ratioIndicators: readonly string[] },
  ): Promise<Map<string, Map<string, RollupTotals>>> {
    const result = new Map<string, Map<string, RollupTotals>>();
    const parts = periods.flatMap(period =>
      period.ranges.map(range => ({ period: period.name, range })),
    );
    if (parts.length === 0 || (models && models.length === 0)) return result;
    const modelChunks = models ? chunks(models, 500) : [undefined];
    for (const modelChunk of modelChunks) {
      const selects = parts.map((part, index) => {
        const query = this.db('sla_rollups')
          .select(
            this.db.raw(`${index} as part`),
            'model_ref',
            'indicator',
            'criterion',
          )
          .sum({ samples: 'samples' })
          .sum({ value_sum: 'value_sum' })
          .min({ value_min: 'value_min' })
          .max({ value_max: 'value_max' })
          .sum({ good: 'good' })
          .sum({ valid: 'valid' })
          .where('bucket_ms', ROLLUP_SIZES[part.range.size])
          .andWhere('bucket_start', '>=', part.range.from)
          .andWhere('bucket_start', '<', part.range.to)
          .andWhere(q =>
            q
              .whereNot('criterion', '')
              .orWhereIn('indicator', [...wanted.ratioIndicators]),
          )
          .groupBy('model_ref', 'indicator', 'criterion');
        if (modelChunk) query.whereIn('model_ref', modelChunk);
        return query;
      });
      // Joined by hand: knex's unionAll moves the first part's GROUP BY to the end.
      const compiled = selects.map(q => q.toSQL());
      const raw = await this.db.raw(
        compiled.map(c => c.sql).join(' UNION ALL '),
        compiled.flatMap(c => [...c.bindings]),
      );
      const rows: any[] = rowsOf(raw, this.dialect);
      for (const row of rows) {
        const { period } = parts[Number(row.part)];
        const perPeriod =
          result.get(period) ??
          result.set(period, new Map<string, RollupTotals>()).get(period)!;
        const key = seriesKey(row.model_ref, row.indicator, row.criterion);
        const totals = perPeriod.get(key) ?? {
          samples: 0,
          sum: 0,
          good: 0,
          valid: 0,
        };
        totals.samples += Number(row.samples);
        totals.sum += Number(row.value_sum);
        totals.good += Number(row.good);
        totals.valid += Number(row.valid);
        const low = Number(row.value_min);
        const high = Number(row.value_max);
        totals.min = totals.min === undefined ? low : Math.min(totals.min, low);
        totals.max =
          totals.max === undefined ? high : Math.max(totals.max, high);
        perPeriod.set(key, totals);
      }
    }
    return result;
  }

  /**
   * Deletes raw observations and roll-up rows older than their retention, a bounded
   * slice per statement (a single statement over millions of rows would hold its locks,
   * and SQLite's only writer, for too long); returns how many rows went.
   */
  async expire(retention: ObservationRetention): Promise<number> {
    const now = this.clock();
    let deleted = 0;
    for (;;) {
      const ids = await this.db('sla_observations')
        .where('observed_at', '<', now - retention.raw)
        .limit(5000)
        .pluck('id');
      if (ids.length === 0) break;
      for (const chunk of chunks(ids, 1000)) {
        deleted += await this.db('sla_observations')
          .whereIn('id', chunk)
          .delete();
      }
    }
    for (const size of SIZES_COARSE_FIRST) {
      const ms = ROLLUP_SIZES[size];
      const cutoff = now - retention[size];
      // About a hundred buckets per statement, of every series.
      const step = ms * 100;
      for (;;) {
        const [{ oldest }] = await this.db('sla_rollups')
          .where('bucket_ms', ms)
          .min({ oldest: 'bucket_start' });
        if (oldest === null || Number(oldest) >= cutoff) break;
        deleted += await this.db('sla_rollups')
          .where('bucket_ms', ms)
          .andWhere(
            'bucket_start',
            '<',
            Math.min(cutoff, Number(oldest) + step),
          )
          .delete();
      }
    }
    return deleted;
  }

  /** How many raw observations and roll-up rows are stored (tests and benchmarks). */
  async count(): Promise<{ observations: number; rollups: number }> {
    const [[a], [b]] = await Promise.all([
      this.db('sla_observations').count({ count: '*' }),
      this.db('sla_rollups').count({ count: '*' }),
    ]);
    return { observations: Number(a.count), rollups: Number(b.count) };
  }
}

/** How long raw observations and each roll-up interval are kept, in milliseconds. */
export interface ObservationRetention {
  raw: number;
  '5m': number;
  '1h': number;
  '1d': number;
}

/** The rows of a raw query, which every driver wraps differently. */
function rowsOf(raw: any, dialect: 'sqlite' | 'pg' | 'mysql'): any[] {
  if (dialect === 'pg') return raw.rows;
  if (dialect === 'mysql') return raw[0];
  return raw;
}
