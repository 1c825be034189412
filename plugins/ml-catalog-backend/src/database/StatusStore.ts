import type { Knex } from 'knex';
import { ServiceUnavailableError } from '@backstage/errors';
import { olderThan } from './keyset';
import { auditRow, auditWrites, chainAuditRows } from '../audit/AuditLog';
import type {
  DeploymentEvent,
  DeploymentStatus,
} from '@lab2live/plugin-ml-catalog-common';

/** A deployment event after validation: refs normalised, time in epoch ms. */
export interface DeploymentEventRecord {
  eventId: string;
  model: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  component?: string;
  endpointUrl?: string;
  occurredAt: number;
  reportedBy: string;
}

/** The stored newest state of a model in one environment. */
export interface DeploymentStateRecord {
  model: string;
  environment: string;
  eventId: string;
  version: string;
  status: DeploymentStatus;
  component?: string;
  endpointUrl?: string;
  occurredAt: number;
  since: number;
  /** When the server first received the version running now (absent on older rows). */
  versionReceivedAt?: number;
  /** When a source last confirmed this version still runs (absent: never confirmed). */
  confirmedAt?: number;
}

/** A source's word that an environment still runs a version, after validation. */
export interface ConfirmationRecord {
  model: string;
  environment: string;
  version: string;
  /** When the source saw it (epoch ms). */
  confirmedAt: number;
}

/** An event of a batch the store could not write, by its place in the batch. */
export interface RejectedEvent {
  index: number;
  eventId: string;
  reason: string;
}

/** What a batch of deployment events came to; `rejected` only when some were refused. */
export interface DeploymentWriteResult {
  stored: number;
  duplicates: number;
  rejected?: RejectedEvent[];
}

/**
 * The write queue is full: the database does not keep up. Answered with 503 and
 * `Retry-After`, so reporters back off instead of piling up in memory.
 */
export class WriteQueueFullError extends ServiceUnavailableError {
  constructor(readonly queued: number, readonly retryAfterSeconds: number) {
    super(
      `The deployment write queue is full (${queued} event(s) waiting, lab2live.deployments.maxQueuedEvents); retry after ${retryAfterSeconds} s`,
    );
  }
}

/** A call to addDeploymentEvents waiting for its group commit. */
interface PendingWrite {
  events: DeploymentEventRecord[];
  resolve: (result: DeploymentWriteResult) => void;
  reject: (error: unknown) => void;
}

/** How many events one group commit writes at most. */
const MAX_BATCH_EVENTS = 500;
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_BINDINGS = 30_000;
/** How many events may wait for a group commit by default. */
export const DEFAULT_MAX_QUEUED_EVENTS = 10_000;

const stateKey = (model: string, environment: string) =>
  `${model}\u0000${environment}`;

const toNumber = (value: unknown): number => Number(value);
const orUndefined = <T>(value: T | null): T | undefined =>
  value === null ? undefined : value;

/**
 * The knex store of deployments, SLA observations and the audit log. Every write runs in
 * one transaction with its audit event, so a failed write leaves nothing behind.
 */
export class StatusStore {
  private readonly isMySql: boolean;
  private readonly isPostgres: boolean;
  private readonly pendingWrites: PendingWrite[] = [];
  private queuedEvents = 0;
  private flushing = false;
  private readonly maxQueuedEvents: number;

  constructor(
    private readonly db: Knex,
    private readonly clock: () => number = Date.now,
    options: { maxQueuedEvents?: number } = {},
  ) {
    this.isMySql = /mysql/.test(String(db.client.config.client));
    this.isPostgres = /^(pg|postgres)/.test(String(db.client.config.client));
    this.maxQueuedEvents = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
  }

  /**
   * Stores deployment events. A known event id is a duplicate and changes nothing; an
   * event older than the stored state of its environment only joins the history.
   *
   * Concurrent calls are committed together (group commit): while one transaction
   * runs, new calls queue, and the next transaction writes all of them with a handful
   * of multi-row statements. A call resolves only after its transaction committed.
   * At most `maxQueuedEvents` wait: past that a call fails at once with
   * {@link WriteQueueFullError} (a call alone in an empty queue is always taken).
   */
  async addDeploymentEvents(
    events: DeploymentEventRecord[],
  ): Promise<DeploymentWriteResult> {
    if (events.length === 0) return { stored: 0, duplicates: 0 };
    if (
      this.queuedEvents > 0 &&
      this.queuedEvents + events.length > this.maxQueuedEvents
    ) {
      throw new WriteQueueFullError(this.queuedEvents, 1);
    }
    return new Promise((resolve, reject) => {
      this.pendingWrites.push({ events, resolve, reject });
      this.queuedEvents += events.length;
      if (!this.flushing) {
        this.flushing = true;
        // One turn of the event loop first, so requests that arrived together commit
        // together (on SQLite a transaction otherwise ends before the next is read).
        setImmediate(() => void this.flushWrites());
      }
    });
  }

  private async flushWrites(): Promise<void> {
    try {
      while (this.pendingWrites.length > 0) {
        const writes: PendingWrite[] = [];
        let count = 0;
        while (this.pendingWrites.length > 0 && count < MAX_BATCH_EVENTS) {
          const write = this.pendingWrites.shift()!;
          writes.push(write);
          count += write.events.length;
          this.queuedEvents -= write.events.length;
        }
        await this.commitWrites(writes);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commitWrites(writes: PendingWrite[]): Promise<void> {
    let storedFlags: boolean[];
    try {
      storedFlags = await this.db.transaction(tx =>
        this.writeDeploymentEvents(
          tx,
          writes.flatMap(w => w.events),
        ),
      );
    } catch {
      // One bad event, a replica storing the same id first, or a deadlock between
      // replicas: write each event on its own, so every good event is stored and each
      // bad one is refused and reported to its caller by its place in the batch.
      for (const write of writes) {
        const result: DeploymentWriteResult = { stored: 0, duplicates: 0 };
        const rejected: RejectedEvent[] = [];
        for (const [index, event] of write.events.entries()) {
          const outcome = await this.writeAlone(event);
          if (outcome === true) result.stored += 1;
          else if (outcome === false) result.duplicates += 1;
          else rejected.push({ index, eventId: event.eventId, ...outcome });
        }
        write.resolve(rejected.length ? { ...result, rejected } : result);
      }
      return;
    }
    let offset = 0;
    for (const write of writes) {
      const flags = storedFlags.slice(offset, offset + write.events.length);
      offset += write.events.length;
      const stored = flags.filter(Boolean).length;
      write.resolve({ stored, duplicates: flags.length - stored });
    }
  }

  /** Writes one event: stored, a duplicate, or why the database refused it. */
  private async writeAlone(
    event: DeploymentEventRecord,
  ): Promise<boolean | { reason: string }> {
    try {
      const [stored] = await this.db.transaction(tx =>
        this.writeDeploymentEvents(tx, [event]),
      );
      return stored;
    } catch (error) {
      // Another writer stored the same event id first: a duplicate, not a failure.
      if (isUniqueViolation(error)) return false;
      return {
        reason: `not stored: ${String((error as Error)?.message ?? error).slice(
          0,
          300,
        )}`,
      };
    }
  }

  /**
   * Writes events in order inside one transaction and says which were stored. The
   * events are inserted first (a known id is skipped by the database), the
   * environments' states are read (row-locked on PostgreSQL and MySQL) once, the events
   * applied to them in memory, and the results written back in multi-row statements:
   * on PostgreSQL all of them in one round trip.
   */
  private async writeDeploymentEvents(
    tx: Knex.Transaction,
    events: DeploymentEventRecord[],
  ): Promise<boolean[]> {
    const receivedAt = this.clock();
    // The same id twice in one batch counts once: its first event.
    const firstPlace = new Map<string, number>();
    events.forEach((event, index) => {
      if (!firstPlace.has(event.eventId)) firstPlace.set(event.eventId, index);
    });
    const stored = await this.insertNewEvents(
      tx,
      events.filter((event, index) => firstPlace.get(event.eventId) === index),
      receivedAt,
    );
    const flags = events.map(
      (event, index) =>
        firstPlace.get(event.eventId) === index && stored.has(event.eventId),
    );
    const fresh = events.filter((_, index) => flags[index]);
    if (fresh.length === 0) return flags;

    const states = await this.lockStates(tx, fresh);
    const auditRows = [];
    const firstReports = new Map<string, Record<string, unknown>>();
    const changed = new Map<string, any>();
    // Environments that received an event older than their state: their "since" is
    // worked out again from the history once this batch's events are in it.
    const lateArrivals = new Set<string>();
    for (const event of fresh) {
      const next = eventColumns(event);
      const versionId = versionKey(event.model, event.version);
      const firstReport = firstReports.get(versionId);
      if (
        !firstReport ||
        Number(firstReport.first_reported_at) > event.occurredAt
      ) {
        firstReports.set(versionId, {
          model_ref: event.model,
          version: event.version,
          first_reported_at: event.occurredAt,
        });
      }

      const key = stateKey(event.model, event.environment);
      const current = states.get(key)!;
      const after = { ...event, occurredAt: iso(event.occurredAt) };
      if (current.event_id === event.eventId) {
        // This event made the environment's first state (see lockStates).
        auditRows.push(
          auditRow(receivedAt, {
            actor: event.reportedBy,
            action: 'deployment.reported',
            model: event.model,
            after,
          }),
        );
        continue;
      }
      const currentAt = toNumber(current.occurred_at);
      let updated: any;
      if (event.occurredAt >= currentAt) {
        const sameVersion = current.version === event.version;
        const since = sameVersion
          ? Math.min(toNumber(current.since), event.occurredAt)
          : event.occurredAt;
        updated = {
          ...current,
          ...next,
          since,
          version_received_at: sameVersion
            ? current.version_received_at
            : receivedAt,
          // A confirmation of the version before says nothing about this one.
          confirmed_at: sameVersion ? current.confirmed_at ?? null : null,
        };
      } else {
        // An older report: the state stays, but the run of the current version may
        // start earlier (same version) or later (another version inside the run).
        lateArrivals.add(key);
      }
      if (updated) {
        states.set(key, updated);
        changed.set(key, updated);
      }
      auditRows.push(
        auditRow(receivedAt, {
          actor: event.reportedBy,
          action: 'deployment.reported',
          model: event.model,
          before: stateFromRow(current),
          after,
        }),
      );
    }

    for (const key of lateArrivals) {
      const state = states.get(key)!;
      const since = await runStart(tx, state);
      if (since !== toNumber(state.since)) {
        const updated = { ...state, since };
        states.set(key, updated);
        changed.set(key, updated);
      }
    }
    const stateRows = [...changed.values()].map(row => ({
      model_ref: row.model_ref,
      environment: row.environment,
      event_id: row.event_id,
      version: row.version,
      status: row.status,
      component_ref: row.component_ref,
      endpoint_url: row.endpoint_url,
      occurred_at: row.occurred_at,
      since: row.since,
      version_received_at: row.version_received_at ?? null,
      confirmed_at: row.confirmed_at ?? null,
    }));
    const chained = await chainAuditRows(tx, auditRows);
    await this.runWrites(tx, [
      ...chunks([...firstReports.values()], 200).map(chunk =>
        tx('model_versions')
          .insert(chunk)
          .onConflict(['model_ref', 'version'])
          .merge({ first_reported_at: this.earlierFirstReport() }),
      ),
      ...chunks(stateRows, 200).map(chunk =>
        tx('deployment_state')
          .insert(chunk)
          .onConflict(['model_ref', 'environment'])
          .merge(),
      ),
      ...auditWrites(tx, chained),
    ]);
    return flags;
  }

  /**
   * Inserts the events whose ids are not stored yet and says which ids were stored.
   * On PostgreSQL and SQLite the insert itself skips a known id (and waits for a
   * concurrent writer of the same id to finish first); in order of id, so two writers
   * never wait for each other. MySQL reads the known ids first.
   */
  private async insertNewEvents(
    tx: Knex.Transaction,
    events: DeploymentEventRecord[],
    receivedAt: number,
  ): Promise<Set<string>> {
    const row = (event: DeploymentEventRecord) => ({
      model_ref: event.model,
      environment: event.environment,
      ...eventColumns(event),
      received_at: receivedAt,
      reported_by: event.reportedBy,
    });
    const stored = new Set<string>();
    if (this.isMySql) {
      const known = new Set<string>();
      for (const chunk of chunks(
        events.map(e => e.eventId),
        500,
      )) {
        const rows = await tx('deployment_events')
          .whereIn('event_id', chunk)
          .select('event_id');
        rows.forEach(r => known.add(r.event_id));
      }
      const fresh = events.filter(e => !known.has(e.eventId));
      for (const chunk of chunks(fresh, 200)) {
        await tx('deployment_events').insert(chunk.map(row));
      }
      fresh.forEach(e => stored.add(e.eventId));
      return stored;
    }
    const sorted = [...events].sort((a, b) =>
      a.eventId < b.eventId ? -1 : Number(a.eventId > b.eventId),
    );
    for (const chunk of chunks(sorted, 200)) {
      const rows: Array<{ event_id: string }> = await tx('deployment_events')
        .insert(chunk.map(row))
        .onConflict('event_id')
        .ignore()
        .returning('event_id');
      rows.forEach(r => stored.add(r.event_id));
    }
    return stored;
  }

  /**
   * Runs write statements in order. On PostgreSQL they go as one statement, each a
   * data-modifying WITH part (they write different tables or rows, so none needs to
   * see another's effect): one round trip instead of one each.
   */
  private async runWrites(
    tx: Knex.Transaction,
    writes: Knex.QueryBuilder[],
  ): Promise<void> {
    const compiled = writes.map(w => w.toSQL());
    const bindings = compiled.reduce((n, c) => n + c.bindings.length, 0);
    if (!this.isPostgres || writes.length < 2 || bindings > MAX_BINDINGS) {
      for (const write of writes) await write;
      return;
    }
    const last = compiled[compiled.length - 1];
    const parts = compiled
      .slice(0, -1)
      .map((c, index) => `w${index} AS (${c.sql})`);
    await tx.raw(
      `WITH ${parts.join(', ')} ${last.sql}`,
      compiled.flatMap(c => [...c.bindings]),
    );
  }

  /**
   * The current state of every environment the events report on, row-locked on
   * PostgreSQL and MySQL (SQLite runs one writer at a time anyway). An environment
   * without a state gets its first event's as its state, tolerating a concurrent
   * first report from another writer.
   */
  private async lockStates(
    tx: Knex.Transaction,
    events: DeploymentEventRecord[],
  ): Promise<Map<string, any>> {
    const firstEvents = new Map<string, DeploymentEventRecord>();
    for (const event of events) {
      const key = stateKey(event.model, event.environment);
      if (!firstEvents.has(key)) firstEvents.set(key, event);
    }
    // By model, which the primary key indexes on every database, and then by
    // environment in memory: a model has a row for each of a few environments.
    const read = async (keys: string[]) => {
      const result = new Map<string, any>();
      const models = [...new Set(keys.map(key => firstEvents.get(key)!.model))];
      for (const chunk of chunks(models, 300)) {
        // In key order, so writers locking the same environments take turns.
        const rows = await tx('deployment_state')
          .whereIn('model_ref', chunk)
          .orderBy(['model_ref', 'environment'])
          .forUpdate();
        for (const row of rows) {
          const key = stateKey(row.model_ref, row.environment);
          if (firstEvents.has(key)) result.set(key, row);
        }
      }
      return result;
    };
    const states = await read([...firstEvents.keys()]);
    const missing = [...firstEvents.keys()].filter(key => !states.has(key));
    if (missing.length > 0) {
      for (const chunk of chunks(missing, 200)) {
        await tx('deployment_state')
          .insert(
            chunk.map(key => {
              const e = firstEvents.get(key)!;
              return {
                model_ref: e.model,
                environment: e.environment,
                ...eventColumns(e),
                since: e.occurredAt,
                version_received_at: this.clock(),
              };
            }),
          )
          .onConflict(['model_ref', 'environment'])
          .ignore();
      }
      for (const [key, row] of await read(missing)) states.set(key, row);
    }
    return states;
  }

  /** The upsert expression that keeps the earlier first report of a model version. */
  private earlierFirstReport(): Knex.Raw {
    const client = String(this.db.client.config.client);
    if (this.isMySql) {
      return this.db.raw('LEAST(first_reported_at, VALUES(first_reported_at))');
    }
    if (/sqlite/.test(client)) {
      return this.db.raw(
        'MIN(model_versions.first_reported_at, excluded.first_reported_at)',
      );
    }
    return this.db.raw(
      'LEAST(model_versions.first_reported_at, excluded.first_reported_at)',
    );
  }

  /**
   * Records that sources still see the given versions running. A confirmation moves
   * the environment's last-confirmed time forward (never back) and writes nothing
   * else: no history row, no audit entry, so confirming is cheap and idempotent.
   * Says per item whether it was applied, or why not: no state to confirm, or the
   * environment runs another version (a change must come as a deployment event).
   */
  async confirmDeployments(
    items: ConfirmationRecord[],
  ): Promise<
    Array<{ confirmed: true } | { confirmed: false; reason: string }>
  > {
    const key = (item: { model: string; environment: string }) =>
      stateKey(item.model, item.environment);
    // One statement per distinct time (a provider's poll shares one). The version is
    // part of the condition, so an event that changed the version meanwhile wins and
    // the confirmation stores nothing.
    const byTime = new Map<number, ConfirmationRecord[]>();
    for (const item of items) {
      const list = byTime.get(item.confirmedAt) ?? [];
      list.push(item);
      byTime.set(item.confirmedAt, list);
    }
    const update = (at: number, chunk: ConfirmationRecord[]) =>
      this.db('deployment_state')
        .where(query => {
          for (const item of chunk) {
            query.orWhere(match =>
              match.where({
                model_ref: item.model,
                environment: item.environment,
                version: item.version,
              }),
            );
          }
        })
        .andWhere(query =>
          query.whereNull('confirmed_at').orWhere('confirmed_at', '<', at),
        )
        .update({ confirmed_at: at });

    // PostgreSQL and SQLite: update first, and read only what the update did not
    // take, for the reason (one statement for a confirmation that moves time forward).
    const applied = new Set<ConfirmationRecord>();
    if (!this.isMySql) {
      for (const [at, list] of byTime) {
        for (const chunk of chunks(list, 100)) {
          const rows: Array<{ model_ref: string; environment: string }> =
            await update(at, chunk).returning(['model_ref', 'environment']);
          const moved = new Set(
            rows.map(row => stateKey(row.model_ref, row.environment)),
          );
          chunk
            .filter(item => moved.has(key(item)))
            .forEach(item => applied.add(item));
        }
      }
    }
    const rest = items.filter(item => !applied.has(item));
    const models = [...new Set(rest.map(item => item.model))];
    const states = new Map<string, any>();
    for (const chunk of chunks(models, 300)) {
      const rows = await this.db('deployment_state')
        .whereIn('model_ref', chunk)
        .select('model_ref', 'environment', 'version');
      for (const row of rows) {
        states.set(stateKey(row.model_ref, row.environment), row);
      }
    }
    const toUpdate = new Map<number, ConfirmationRecord[]>();
    const results = items.map(item => {
      if (applied.has(item)) return { confirmed: true as const };
      const state = states.get(key(item));
      if (!state) {
        return {
          confirmed: false as const,
          reason: `${item.model} has no deployment in ${item.environment} to confirm: report a deployment event first`,
        };
      }
      if (state.version !== item.version) {
        return {
          confirmed: false as const,
          reason: `${item.model} runs version ${state.version} in ${item.environment}, not ${item.version}: report a deployment event for a change`,
        };
      }
      // Confirmed later already (PostgreSQL, SQLite), or to be written now (MySQL).
      if (this.isMySql) {
        const list = toUpdate.get(item.confirmedAt) ?? [];
        list.push(item);
        toUpdate.set(item.confirmedAt, list);
      }
      return { confirmed: true as const };
    });
    for (const [at, list] of toUpdate) {
      for (const chunk of chunks(list, 100)) await update(at, chunk);
    }
    return results;
  }

  /** The current state of the given models (all models when `models` is undefined). */
  async listDeploymentStates(
    models?: string[],
  ): Promise<DeploymentStateRecord[]> {
    if (models?.length === 0) return [];
    // Many models: one read of the table beats a list of thousands of parameters.
    if (models && models.length > 500) {
      const wanted = new Set(models);
      return (await this.listDeploymentStates()).filter(s =>
        wanted.has(s.model),
      );
    }
    const query = this.db('deployment_state').select();
    if (models) query.whereIn('model_ref', models);
    const rows = await query;
    return rows.map(stateFromRow);
  }

  /**
   * A page of a model's deployment history, newest first, starting after `before` (the
   * position of the last event of the previous page); `last` is set when more follow.
   */
  async listDeploymentEvents(
    model: string,
    options: { limit: number; before?: { at: number; id: number } },
  ): Promise<{
    items: DeploymentEvent[];
    last?: { at: number; id: number };
  }> {
    const query = this.db('deployment_events')
      .where({ model_ref: model })
      .orderBy([
        { column: 'occurred_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit + 1);
    const before = options.before;
    if (before) {
      olderThan(query, 'occurred_at', { time: before.at, id: before.id });
    }
    const rows = await query;
    const more = rows.length > options.limit;
    const page = rows.slice(0, options.limit);
    const tail = page[page.length - 1];
    const items: DeploymentEvent[] = page.map(row => ({
      eventId: row.event_id,
      model: row.model_ref,
      environment: row.environment,
      version: row.version,
      status: row.status,
      ...(row.component_ref ? { component: row.component_ref } : {}),
      ...(row.endpoint_url ? { endpointUrl: row.endpoint_url } : {}),
      timestamp: iso(toNumber(row.occurred_at)),
      receivedAt: iso(toNumber(row.received_at)),
      reportedBy: row.reported_by,
    }));
    return more && tail
      ? {
          items,
          last: { at: toNumber(tail.occurred_at), id: toNumber(tail.id) },
        }
      : { items };
  }

  /** How many deployment events are stored (benchmarks and tests count them). */
  async countDeploymentEvents(): Promise<number> {
    const [{ count }] = await this.db('deployment_events').count({
      count: '*',
    });
    return toNumber(count);
  }

  /** When each given model version was first reported. */
  async firstReported(
    models: Array<{ model: string; version: string }>,
  ): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (models.length === 0) return result;
    const byModel = new Set(models.map(m => m.model));
    const rows = await this.db('model_versions')
      .whereIn('model_ref', [...byModel])
      .select();
    const wanted = new Set(models.map(m => versionKey(m.model, m.version)));
    for (const row of rows) {
      const key = versionKey(row.model_ref, row.version);
      if (wanted.has(key)) result.set(key, toNumber(row.first_reported_at));
    }
    return result;
  }
}

/** The key of a model version in {@link StatusStore.firstReported}'s result. */
export function versionKey(model: string, version: string): string {
  return `${model}@${version}`;
}

/** A unique-key violation on SQLite, PostgreSQL or MySQL. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: string; errno?: number };
  return (
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    errno === 1062 ||
    // Not every SQLITE_CONSTRAINT: a NOT NULL or CHECK failure is a bad row, not a duplicate.
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/** The columns an event sets in both the history and the state of its environment. */
function eventColumns(event: DeploymentEventRecord) {
  return {
    event_id: event.eventId,
    version: event.version,
    status: event.status,
    component_ref: event.component ?? null,
    endpoint_url: event.endpointUrl ?? null,
    occurred_at: event.occurredAt,
  };
}

function stateFromRow(row: any): DeploymentStateRecord {
  return {
    model: row.model_ref,
    environment: row.environment,
    eventId: row.event_id,
    version: row.version,
    status: row.status,
    component: orUndefined(row.component_ref),
    endpointUrl: orUndefined(row.endpoint_url),
    occurredAt: toNumber(row.occurred_at),
    since: toNumber(row.since),
    ...(row.version_received_at === null ||
    row.version_received_at === undefined
      ? {}
      : { versionReceivedAt: toNumber(row.version_received_at) }),
    ...(row.confirmed_at === null || row.confirmed_at === undefined
      ? {}
      : { confirmedAt: toNumber(row.confirmed_at) }),
  };
}

/**
 * When the run of the version an environment holds began, from its history: the
 * first report of that version after the newest report of any other version (at or
 * before the state's time). Every order of delivery gives the same answer.
 */
async function runStart(tx: Knex.Transaction, state: any): Promise<number> {
  const at = toNumber(state.occurred_at);
  const scope = () =>
    tx('deployment_events').where({
      model_ref: state.model_ref,
      environment: state.environment,
    });
  const [{ boundary }] = await scope()
    .whereNot('version', state.version)
    .andWhere('occurred_at', '<=', at)
    .max({ boundary: 'occurred_at' });
  const first = scope()
    .where('version', state.version)
    .andWhere('occurred_at', '<=', at);
  if (boundary !== null && boundary !== undefined) {
    first.andWhere('occurred_at', '>', toNumber(boundary));
  }
  const [{ start }] = await first.min({ start: 'occurred_at' });
  return start === null || start === undefined ? at : toNumber(start);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
