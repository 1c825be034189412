import type { RollupTotals } from '../database/ObservationStore';

/** Roll-up sums by period name, then by series key (model, indicator, criterion). */
export type PeriodTotals = Map<string, Map<string, RollupTotals>>;

interface Entry {
  at: number;
  totals: PeriodTotals;
}

/** Where observations stored through any replica are recorded (the audit log). */
export interface RecordedObservations {
  /** The newest record's position. */
  lastChange(): Promise<number>;
  /** The models observations were recorded for after `after`, and the newest position. */
  changedSince(after: number): Promise<{ last: number; models: string[] }>;
}

/** More entries than this, and the expired ones go. */
const SWEEP_ABOVE = 5_000;

/**
 * Each model's roll-up sums as a status read last summed them, reused by the reads of the
 * next `maxAgeMs`: summing a month of roll-ups for 200 models is most of a status read,
 * and a sum over a 30-day window barely moves in seconds. An observation stored through
 * this backend drops its model's sums at once, so whoever posts one reads it back; one
 * stored through another replica, at the next read, which first asks `recorded` what
 * was recorded since it last looked (without it, once the sums are `maxAgeMs` old).
 * With `maxAgeMs` 0 every read sums again.
 */
export class SlaTotalsCache {
  /** Per model, per set of windows read (the periods differ with the SLAs' windows). */
  private readonly entries = new Map<string, Map<string, Entry>>();
  /** The count of writes so far, and the count at each model's last write. */
  private writes = 0;
  private readonly writtenAt = new Map<string, number>();
  /** How far the records of observations were read. */
  private stamp?: number;

  constructor(
    private readonly maxAgeMs: number,
    private readonly recorded?: RecordedObservations,
  ) {}

  /** Drops the sums of models whose observations were just stored. */
  forget(models: Iterable<string>): void {
    this.writes += 1;
    for (const model of models) {
      this.entries.delete(model);
      this.writtenAt.set(model, this.writes);
    }
  }

  /**
   * The sums of `models` for the periods named by `periodsKey` at `now`: reused where
   * fresh, read with `sum` for the rest.
   */
  async read(
    models: string[],
    now: number,
    periodsKey: string,
    sum: (models: string[]) => Promise<PeriodTotals>,
  ): Promise<PeriodTotals> {
    if (this.maxAgeMs <= 0) return sum(models);
    await this.catchUp();
    const fresh = (model: string) => {
      const entry = this.entries.get(model)?.get(periodsKey);
      return entry && now - entry.at < this.maxAgeMs ? entry : undefined;
    };
    const missing = models.filter(model => !fresh(model));
    const mark = this.writes;
    const read = missing.length
      ? splitByModel(await sum(missing), missing)
      : new Map<string, PeriodTotals>();
    if (this.entries.size > SWEEP_ABOVE) this.sweep(now);
    for (const [model, totals] of read) {
      // Observations stored while this read ran may be missing from it.
      if ((this.writtenAt.get(model) ?? 0) > mark) continue;
      const perKey = this.entries.get(model) ?? new Map<string, Entry>();
      perKey.set(periodsKey, { at: now, totals });
      this.entries.set(model, perKey);
    }
    const result: PeriodTotals = new Map();
    for (const model of models) {
      const totals = read.get(model) ?? fresh(model)?.totals ?? new Map();
      for (const [period, series] of totals) {
        const merged = result.get(period) ?? new Map<string, RollupTotals>();
        for (const [key, value] of series) merged.set(key, value);
        result.set(period, merged);
      }
    }
    return result;
  }

  /** Drops the sums of models observed through any replica since the last look. */
  private async catchUp(): Promise<void> {
    if (!this.recorded) return;
    if (this.stamp === undefined) {
      // Nothing is kept yet: what is recorded from here on is what counts.
      this.stamp = await this.recorded.lastChange();
      return;
    }
    const { last, models } = await this.recorded.changedSince(this.stamp);
    if (models.length > 0) this.forget(models);
    this.stamp = Math.max(this.stamp, last);
  }

  private sweep(now: number) {
    for (const [model, perKey] of this.entries) {
      for (const [key, entry] of perKey) {
        if (now - entry.at >= this.maxAgeMs) perKey.delete(key);
      }
      if (perKey.size === 0) this.entries.delete(model);
    }
  }
}

/** The sums of each wanted model (empty for a model without observations). */
function splitByModel(
  totals: PeriodTotals,
  models: string[],
): Map<string, PeriodTotals> {
  const result = new Map<string, PeriodTotals>(
    models.map(model => [model, new Map()]),
  );
  for (const [period, series] of totals) {
    for (const [key, value] of series) {
      const own = result.get(key.slice(0, key.indexOf('\u0000')));
      if (!own) continue;
      const perPeriod = own.get(period) ?? new Map<string, RollupTotals>();
      perPeriod.set(key, value);
      own.set(period, perPeriod);
    }
  }
  return result;
}
