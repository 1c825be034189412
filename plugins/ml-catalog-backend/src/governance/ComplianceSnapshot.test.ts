import type {
  MLModelEntityV1alpha1,
  ModelCompliance,
} from '@lab2live/plugin-ml-catalog-common';
import { ComplianceSnapshot } from './ComplianceSnapshot';
import { gate } from '../__testUtils__/gate';

const model = (name: string, lifecycle = 'production'): MLModelEntityV1alpha1 =>
  ({
    apiVersion: 'lab2live.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name, namespace: 'default' },
    spec: { type: 'classification', owner: 'group:default/team', lifecycle },
  } as MLModelEntityV1alpha1);

const refOf = (e: MLModelEntityV1alpha1) =>
  `mlmodel:default/${e.metadata.name}`;

/**
 * A catalog, a store of review states and an audit log in memory: compliance is
 * "compliant" when the model's recorded state is approved, and names the stage the
 * catalog gave the model when it was computed.
 */
function world() {
  const catalog = new Map<string, MLModelEntityV1alpha1>();
  const approved = new Set<string>();
  const log: string[] = [];
  let now = 1_000_000;
  const held = gate();
  const errors: string[] = [];
  let catalogDown = false;
  const record = (ref: string, isApproved: boolean) => {
    if (isApproved) approved.add(ref);
    else approved.delete(ref);
    log.push(ref);
  };
  const snapshot = new ComplianceSnapshot({
    readModels: async () => {
      if (catalogDown) throw new Error('catalog unavailable');
      return [...catalog.values()];
    },
    readModelsByRef: async refs =>
      refs
        .map(r => catalog.get(r))
        .filter((e): e is MLModelEntityV1alpha1 => !!e),
    compute: async entities => {
      // What the store holds when the computation reads it; the gate holds it back.
      const states = entities.map(e => approved.has(refOf(e)));
      await held.passed();
      return entities.map(
        (e, i) =>
          ({
            model: refOf(e),
            stage: e.spec.lifecycle,
            status: states[i] ? 'compliant' : 'non_compliant',
            reasons: [],
          } as ModelCompliance),
      );
    },
    lastChange: async () => log.length,
    changesSince: async after => ({
      last: log.length,
      models: [...new Set(log.slice(after))],
    }),
    maxAgeMs: 10_000,
    clock: () => now,
    onError: error => errors.push(error.message),
  });
  const read = async () =>
    Object.fromEntries(
      (await snapshot.read()).map(r => [
        r.compliance.model,
        `${r.compliance.status} ${r.compliance.stage}`,
      ]),
    );
  return {
    catalog,
    errors,
    record,
    snapshot,
    read,
    failCatalog: (down: boolean) => {
      catalogDown = down;
    },
    tick: (ms: number) => {
      now += ms;
    },
    hold: held.hold,
  };
}

/**
 * Model a in the catalog, a snapshot of it 6 s old, and a read that started the next
 * one in the background: it has read the catalog and waits until released.
 */
async function backgroundSnapshotHeld(w: ReturnType<typeof world>) {
  w.catalog.set('mlmodel:default/a', model('a'));
  await w.read();
  w.tick(6_000);
  const release = w.hold();
  await w.read();
  await new Promise(resolve => setImmediate(resolve));
  return release;
}

describe('ComplianceSnapshot', () => {
  it('shows a recorded change at once, and a catalog edit once the snapshot is older than its max age', async () => {
    const w = world();
    w.catalog.set('mlmodel:default/a', model('a'));
    w.catalog.set('mlmodel:default/b', model('b'));
    expect(await w.read()).toEqual({
      'mlmodel:default/a': 'non_compliant production',
      'mlmodel:default/b': 'non_compliant production',
    });

    w.record('mlmodel:default/a', true);
    expect(await w.read()).toEqual({
      'mlmodel:default/a': 'compliant production',
      'mlmodel:default/b': 'non_compliant production',
    });

    // An edit in the catalog is not recorded here: it shows when the snapshot ages.
    w.catalog.set('mlmodel:default/b', model('b', 'staging'));
    w.tick(4_999);
    expect((await w.read())['mlmodel:default/b']).toBe(
      'non_compliant production',
    );
    w.tick(1);
    // Half its max age: the read answers at once and starts the next snapshot...
    expect((await w.read())['mlmodel:default/b']).toBe(
      'non_compliant production',
    );
    await new Promise(resolve => setImmediate(resolve));
    // ...which the next read answers from, before the old one would have aged.
    expect((await w.read())['mlmodel:default/b']).toBe('non_compliant staging');
  });

  it('adds a model that reached the catalog after the snapshot once something is recorded for it', async () => {
    const w = world();
    w.catalog.set('mlmodel:default/a', model('a'));
    await w.read();
    w.catalog.set('mlmodel:default/new', model('new'));
    w.record('mlmodel:default/new', true);
    // A recorded change for a model the catalog does not hold adds nothing.
    w.record('mlmodel:default/gone', true);
    expect(await w.read()).toEqual({
      'mlmodel:default/a': 'non_compliant production',
      'mlmodel:default/new': 'compliant production',
    });
  });

  it('answers a reader that came during an update with its own write in it', async () => {
    const w = world();
    w.catalog.set('mlmodel:default/a', model('a'));
    await w.read();
    w.record('mlmodel:default/a', false);
    const release = w.hold();
    // An update begins and reads the store...
    const early = w.read();
    await new Promise(resolve => setImmediate(resolve));
    // ...then someone approves, and reads.
    w.record('mlmodel:default/a', true);
    const late = w.read();
    release();
    expect((await early)['mlmodel:default/a']).toBe('non_compliant production');
    expect((await late)['mlmodel:default/a']).toBe('compliant production');
  });

  it('waits for a snapshot past its max age, and patches what was recorded while the next one was made', async () => {
    const w = world();
    const release = await backgroundSnapshotHeld(w);
    w.tick(5_000);
    w.catalog.set('mlmodel:default/a', model('a', 'staging'));
    w.record('mlmodel:default/a', true);
    const late = w.read();
    release();
    // The snapshot begun at 6 s, not one made anew at 11 s (which would read staging),
    // with the approval recorded after it began patched in.
    expect((await late)['mlmodel:default/a']).toBe('compliant production');
  });

  it('on stop, waits for the snapshot being made in the background and starts no more', async () => {
    const w = world();
    const release = await backgroundSnapshotHeld(w);
    let stopped = false;
    const stopping = w.snapshot.stop().then(() => {
      stopped = true;
    });
    await new Promise(resolve => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;

    // The one it waited for is in; past half its age, nothing new starts.
    w.catalog.set('mlmodel:default/a', model('a', 'staging'));
    w.tick(6_000);
    await w.read();
    await new Promise(resolve => setImmediate(resolve));
    expect((await w.read())['mlmodel:default/a']).toBe(
      'non_compliant production',
    );
  });

  it('refuses a read while the catalog fails, and answers again once it is back', async () => {
    const w = world();
    w.catalog.set('mlmodel:default/a', model('a'));
    await w.read();
    w.tick(6_000);
    w.failCatalog(true);
    // Ahead of time, a failure is told and the snapshot still answers...
    expect(await w.read()).toEqual({
      'mlmodel:default/a': 'non_compliant production',
    });
    await new Promise(resolve => setImmediate(resolve));
    expect(w.errors).toEqual(['catalog unavailable']);
    // ...but past its max age a read needs a new one, and fails with the catalog.
    w.tick(4_000);
    await expect(w.read()).rejects.toThrow('catalog unavailable');
    // Not one failure for good: the next read tries again.
    await expect(w.read()).rejects.toThrow('catalog unavailable');
    w.failCatalog(false);
    w.record('mlmodel:default/a', true);
    expect(await w.read()).toEqual({
      'mlmodel:default/a': 'compliant production',
    });
  });
});
