import type { Knex } from 'knex';
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
}

/** An SLA observation after validation. */
export interface ObservationRecord {
  observationId?: string;
  model: string;
  indicator: string;
  value: number;
  observedAt: number;
  reportedBy: string;
}

/** One entry of the audit log. */
export interface AuditRecord {
  id: number;
  occurredAt: number;
  actor: string;
  action: string;
  model?: string;
  before?: unknown;
  after?: unknown;
}

const toNumber = (value: unknown): number => Number(value);
const orUndefined = <T>(value: T | null): T | undefined =>
  value === null ? undefined : value;

/**
 * The knex store of deployments, SLA observations and the audit log. Every write runs in
 * one transaction with its audit event, so a failed write leaves nothing behind.
 */
export class StatusStore {
  private readonly isMySql: boolean;

  constructor(
    private readonly db: Knex,
    private readonly clock: () => number = Date.now,
  ) {
    this.isMySql = /mysql/.test(String(db.client.config.client));
  }

  /**
   * Stores deployment events. A known event id is a duplicate and changes nothing; an
   * event older than the stored state of its environment only joins the history.
   */
  async addDeploymentEvents(
    events: DeploymentEventRecord[],
  ): Promise<{ stored: number; duplicates: number }> {
    let stored = 0;
    for (const event of events) {
      if (await this.addDeploymentEvent(event)) stored += 1;
    }
    return { stored, duplicates: events.length - stored };
  }

  /** Stores one event with its state change and audit entry in one transaction. */
  private async addDeploymentEvent(
    event: DeploymentEventRecord,
  ): Promise<boolean> {
    try {
      return await this.db.transaction(tx =>
        this.addDeploymentEventIn(tx, event),
      );
    } catch (error) {
      // Another writer stored the same event id first: a duplicate, not a failure.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  private async addDeploymentEventIn(
    tx: Knex.Transaction,
    event: DeploymentEventRecord,
  ): Promise<boolean> {
    // A known event id fails this insert on its unique key: the caller rolls the
    // transaction back and counts a duplicate, one statement cheaper than asking first.
    const next = {
      event_id: event.eventId,
      version: event.version,
      status: event.status,
      component_ref: event.component ?? null,
      endpoint_url: event.endpointUrl ?? null,
      occurred_at: event.occurredAt,
    };
    const key = { model_ref: event.model, environment: event.environment };
    await tx('deployment_events').insert({
      ...key,
      ...next,
      received_at: this.clock(),
      reported_by: event.reportedBy,
    });

    const firstReport = tx('model_versions')
      .insert({
        model_ref: event.model,
        version: event.version,
        first_reported_at: event.occurredAt,
      })
      .onConflict(['model_ref', 'version']);
    if (this.isMySql) {
      // MySQL has no conditional upsert: insert, then move the first report back.
      await firstReport.ignore();
      await tx('model_versions')
        .where({ model_ref: event.model, version: event.version })
        .andWhere('first_reported_at', '>', event.occurredAt)
        .update({ first_reported_at: event.occurredAt });
    } else {
      await firstReport
        .merge(['first_reported_at'])
        .where('model_versions.first_reported_at', '>', event.occurredAt);
    }

    // Row-locked on PostgreSQL and MySQL; SQLite runs one writer at a time anyway.
    // The common case (the environment has a state) costs one read; the first report
    // inserts, tolerating a concurrent first report of the same environment.
    let current = await tx('deployment_state').where(key).forUpdate().first();
    if (!current) {
      await tx('deployment_state')
        .insert({ ...key, ...next, since: event.occurredAt })
        .onConflict(['model_ref', 'environment'])
        .ignore();
      current = await tx('deployment_state').where(key).forUpdate().first();
    }
    const after = { ...event, occurredAt: iso(event.occurredAt) };
    if (current.event_id === event.eventId) {
      // The first report of this model in this environment.
      await this.audit(tx, {
        actor: event.reportedBy,
        action: 'deployment.reported',
        model: event.model,
        after,
      });
      return true;
    }

    const currentAt = toNumber(current.occurred_at);
    if (event.occurredAt >= currentAt) {
      const since =
        current.version === event.version
          ? Math.min(toNumber(current.since), event.occurredAt)
          : event.occurredAt;
      await tx('deployment_state')
        .where(key)
        .update({ ...next, since });
    } else if (current.version === event.version) {
      // An older report of the running version: it only moves "since" back.
      await tx('deployment_state')
        .where(key)
        .andWhere('since', '>', event.occurredAt)
        .update({ since: event.occurredAt });
    }
    await this.audit(tx, {
      actor: event.reportedBy,
      action: 'deployment.reported',
      model: event.model,
      before: stateFromRow(current),
      after,
    });
    return true;
  }

  /** The current state of the given models (all models when `models` is undefined). */
  async listDeploymentStates(
    models?: string[],
  ): Promise<DeploymentStateRecord[]> {
    const query = this.db('deployment_state').select();
    if (models) {
      if (models.length === 0) return [];
      query.whereIn('model_ref', models);
    }
    const rows = await query;
    return rows.map(stateFromRow);
  }

  /** A model's deployment history, newest first. */
  async listDeploymentEvents(
    model: string,
    options: { limit: number },
  ): Promise<DeploymentEvent[]> {
    const rows = await this.db('deployment_events')
      .where({ model_ref: model })
      .orderBy([
        { column: 'occurred_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    return rows.map(row => ({
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

  /** Stores SLA observations; a known observation id changes nothing. */
  async addObservations(
    observations: ObservationRecord[],
  ): Promise<{ stored: number; duplicates: number }> {
    try {
      return await this.addObservationsOnce(observations);
    } catch (error) {
      // A concurrent writer stored one of these ids first: go again without it.
      if (isUniqueViolation(error))
        return this.addObservationsOnce(observations);
      throw error;
    }
  }

  private async addObservationsOnce(
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
            observed_at: o.observedAt,
            reported_by: o.reportedBy,
          })),
        );
      }
      if (fresh.length > 0) {
        const models = [...new Set(fresh.map(o => o.model))];
        await this.audit(tx, {
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

  /** Observations of the given models since a time, oldest first. */
  async listObservations(
    models: string[],
    since: number,
  ): Promise<ObservationRecord[]> {
    if (models.length === 0) return [];
    const rows = await this.db('sla_observations')
      .whereIn('model_ref', models)
      .andWhere('observed_at', '>=', since)
      .orderBy([
        { column: 'observed_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => ({
      ...(row.observation_id ? { observationId: row.observation_id } : {}),
      model: row.model_ref,
      indicator: row.indicator,
      value: Number(row.value),
      observedAt: toNumber(row.observed_at),
      reportedBy: row.reported_by,
    }));
  }

  /** A model's audit log, oldest first. */
  async listAuditEvents(model: string): Promise<AuditRecord[]> {
    const rows = await this.db('audit_events')
      .where({ model_ref: model })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      id: toNumber(row.id),
      occurredAt: toNumber(row.occurred_at),
      actor: row.actor,
      action: row.action,
      ...(row.model_ref ? { model: row.model_ref } : {}),
      ...(row.before ? { before: JSON.parse(row.before) } : {}),
      ...(row.after ? { after: JSON.parse(row.after) } : {}),
    }));
  }

  private async audit(
    tx: Knex.Transaction,
    entry: Omit<AuditRecord, 'id' | 'occurredAt'>,
  ): Promise<void> {
    await writeAudit(tx, this.clock(), entry);
  }
}

/** Appends one entry to the audit log, inside the caller's transaction. */
export async function writeAudit(
  tx: Knex.Transaction,
  occurredAt: number,
  entry: Omit<AuditRecord, 'id' | 'occurredAt'>,
): Promise<void> {
  await tx('audit_events').insert({
    occurred_at: occurredAt,
    actor: entry.actor,
    action: entry.action,
    model_ref: entry.model ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  });
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
    (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'))
  );
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
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
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
