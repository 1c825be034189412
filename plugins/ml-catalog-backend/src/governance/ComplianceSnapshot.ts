import type {
  MLModelEntityV1alpha1,
  ModelCompliance,
} from '@lab2live/plugin-ml-catalog-common';

/** A model and its compliance as last computed. */
export interface SnapshotRow {
  entity: MLModelEntityV1alpha1;
  compliance: ModelCompliance;
}

/** Models whose recorded state changed after an audit entry, and the newest entry. */
export interface RecordedChanges {
  last: number;
  models: string[];
}

/** What the snapshot reads and computes with; all of it as the plugin itself. */
export interface ComplianceSnapshotOptions {
  /** Every MLModel in the catalog, with the fields compliance reads. */
  readModels(): Promise<MLModelEntityV1alpha1[]>;
  /** The given models' entities; the ones the catalog lacks are left out. */
  readModelsByRef(refs: string[]): Promise<MLModelEntityV1alpha1[]>;
  /** The compliance of each entity, in their order. */
  compute(entities: MLModelEntityV1alpha1[]): Promise<ModelCompliance[]>;
  /** The id of the newest audit entry that can change compliance. */
  lastChange(): Promise<number>;
  /** The models named by such entries after `after`. */
  changesSince(after: number): Promise<RecordedChanges>;
  maxAgeMs: number;
  clock: () => number;
  /** Told when a snapshot made ahead of time failed (the next read tries again). */
  onError: (error: Error) => void;
}

interface Snapshot {
  madeAt: number;
  stamp: number;
  rows: Map<string, SnapshotRow>;
}

/** More changed models than this are cheaper to read again whole. */
const PATCH_LIMIT = 500;

/**
 * The compliance of every model, kept in memory for the all-models reads (the
 * governance dashboard, the catalog page's column): computing it for 10,000 models
 * takes several catalog reads' time, answering from here a fraction of one.
 *
 * Every read first asks the audit log what was recorded since the snapshot was made
 * (reviews, decisions, waivers, deployment events: on any replica) and computes those
 * models again, so a change recorded before a read is in its answer. What the audit
 * log does not record (catalog edits, confirmations, SLA observations, time passing
 * an expiry or a stale window) shows once the snapshot is older than `maxAgeMs`, when
 * a read makes it again whole. Past half that age a read starts the next one in the
 * background, so a dashboard read every few seconds never waits for a whole one.
 */
export class ComplianceSnapshot {
  private current?: Snapshot;
  private running?: Promise<void>;
  private next?: Promise<void>;
  /** The next snapshot, being made in the background. */
  private ahead?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: ComplianceSnapshotOptions) {}

  /** Every model's row, brought up to date first. */
  async read(): Promise<SnapshotRow[]> {
    await this.update();
    const current = this.current!;
    if (
      !this.stopped &&
      !this.ahead &&
      this.age(current) >= this.options.maxAgeMs / 2
    ) {
      this.ahead = this.build()
        .then(made => {
          if (!this.current || this.current.madeAt < made.madeAt) {
            this.current = made;
          }
        })
        .catch(error => this.options.onError(error))
        .finally(() => {
          this.ahead = undefined;
        });
    }
    return [...current.rows.values()];
  }

  /** Starts nothing more in the background, and waits for what runs there. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.ahead;
  }

  private age(snapshot: Snapshot): number {
    return this.options.clock() - snapshot.madeAt;
  }

  /**
   * One update at a time, shared by the readers that wait for it. A reader that comes
   * while one runs waits for the one after it: the running one may have begun before
   * the reader's own write was committed.
   */
  private update(): Promise<void> {
    if (this.next) return this.next;
    if (this.running) {
      const after = this.running.catch(() => undefined);
      this.next = after.then(() => {
        this.next = undefined;
        return this.start();
      });
      return this.next;
    }
    return this.start();
  }

  private start(): Promise<void> {
    const run = this.refresh().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async refresh(): Promise<void> {
    if (
      this.current &&
      this.ahead &&
      this.age(this.current) >= this.options.maxAgeMs
    ) {
      // The next snapshot is on its way: wait for it, then patch what came after it.
      await this.ahead;
    }
    const current = this.current;
    if (!current || this.age(current) >= this.options.maxAgeMs) {
      this.current = await this.build();
      return;
    }
    const changes = await this.options.changesSince(current.stamp);
    if (changes.models.length === 0) {
      current.stamp = Math.max(current.stamp, changes.last);
      return;
    }
    if (changes.models.length > PATCH_LIMIT) {
      this.current = await this.build();
      return;
    }
    const known: MLModelEntityV1alpha1[] = [];
    const unknown: string[] = [];
    for (const model of changes.models) {
      const row = current.rows.get(model);
      if (row) known.push(row.entity);
      else unknown.push(model);
    }
    // A model the snapshot lacks may have reached the catalog since it was made.
    const added = unknown.length
      ? await this.options.readModelsByRef(unknown)
      : [];
    const entities = [...known, ...added];
    const computed = await this.options.compute(entities);
    entities.forEach((entity, index) => {
      current.rows.set(computed[index].model, {
        entity,
        compliance: computed[index],
      });
    });
    current.stamp = changes.last;
  }

  private async build(): Promise<Snapshot> {
    const madeAt = this.options.clock();
    // The stamp is read first: what is recorded while the rest is read is patched in
    // by the next read, never lost.
    const stamp = await this.options.lastChange();
    const entities = await this.options.readModels();
    const computed = await this.options.compute(entities);
    const rows = new Map<string, SnapshotRow>();
    entities.forEach((entity, index) => {
      rows.set(computed[index].model, { entity, compliance: computed[index] });
    });
    return { madeAt, stamp, rows };
  }
}
