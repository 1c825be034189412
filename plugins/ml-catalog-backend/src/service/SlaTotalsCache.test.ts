import type { RollupTotals } from '../database/ObservationStore';
import { seriesKey } from '../database/ObservationStore';
import { PeriodTotals, SlaTotalsCache } from './SlaTotalsCache';
import { gate } from '../__testUtils__/gate';

/**
 * A store of samples per model in memory: the sums a read makes are the samples stored
 * when it summed them, so a reused sum shows as a count that lags the store.
 */
function store() {
  const samples = new Map<string, number>();
  const held = gate();
  const sum = async (models: string[]): Promise<PeriodTotals> => {
    const read = new Map(models.map(m => [m, samples.get(m) ?? 0]));
    await held.passed();
    const series = new Map<string, RollupTotals>();
    for (const [model, count] of read) {
      if (count === 0) continue;
      series.set(seriesKey(model, 'latency_p95_ms', 'lte:120'), {
        samples: count,
        sum: count * 100,
        good: count,
        valid: count,
      });
    }
    return new Map([['30d', series]]);
  };
  return {
    sum,
    add: (model: string) => samples.set(model, (samples.get(model) ?? 0) + 1),
    hold: held.hold,
  };
}

const counts = (totals: PeriodTotals) =>
  Object.fromEntries(
    [...(totals.get('30d') ?? new Map()).entries()].map(([key, t]) => [
      key.split('\u0000')[0],
      t.samples,
    ]),
  );

describe('SlaTotalsCache', () => {
  it('reuses sums until they are max-age old, and drops the sums of a model when its observations are stored', async () => {
    const s = store();
    const cache = new SlaTotalsCache(10_000);
    s.add('a');
    s.add('b');
    expect(counts(await cache.read(['a', 'b'], 0, '30d', s.sum))).toEqual({
      a: 1,
      b: 1,
    });

    // Stored elsewhere (another replica): not seen until the sums age.
    s.add('a');
    expect(counts(await cache.read(['a', 'b'], 9_999, '30d', s.sum))).toEqual({
      a: 1,
      b: 1,
    });
    expect(counts(await cache.read(['a', 'b'], 10_000, '30d', s.sum))).toEqual({
      a: 2,
      b: 1,
    });

    // Stored through this backend: seen by the next read.
    s.add('b');
    cache.forget(['b']);
    expect(counts(await cache.read(['a', 'b'], 10_001, '30d', s.sum))).toEqual({
      a: 2,
      b: 2,
    });
    // Other windows are summed on their own.
    s.add('a');
    expect(counts(await cache.read(['a'], 10_002, '7d,30d', s.sum))).toEqual({
      a: 3,
    });
  });

  it('does not keep a sum that began before an observation stored while it ran', async () => {
    const s = store();
    const cache = new SlaTotalsCache(10_000);
    const release = s.hold();
    const early = cache.read(['a'], 0, '30d', s.sum);
    await new Promise(resolve => setImmediate(resolve));
    s.add('a');
    cache.forget(['a']);
    release();
    expect(counts(await early)).toEqual({});
    expect(counts(await cache.read(['a'], 1, '30d', s.sum))).toEqual({ a: 1 });
  });

  it('sums on every read with max age 0', async () => {
    const s = store();
    const cache = new SlaTotalsCache(0);
    s.add('a');
    await cache.read(['a'], 0, '30d', s.sum);
    s.add('a');
    expect(counts(await cache.read(['a'], 0, '30d', s.sum))).toEqual({ a: 2 });
  });
  it('drops the sums of models another replica recorded observations for, at the next read', async () => {
    const s = store();
    const log: string[] = [];
    const cache = new SlaTotalsCache(10_000, {
      lastChange: async () => log.length,
      changedSince: async after => ({
        last: log.length,
        models: log.slice(after),
      }),
    });
    s.add('a');
    s.add('b');
    await cache.read(['a', 'b'], 0, '30d', s.sum);
    // Stored and recorded elsewhere: only a's sums are summed again.
    s.add('a');
    s.add('b');
    log.push('a');
    expect(counts(await cache.read(['a', 'b'], 1, '30d', s.sum))).toEqual({
      a: 2,
      b: 1,
    });
  });
});
