import type { Knex } from 'knex';
import { auditEntryHash, chainKey } from './chain';
import { withOriginNote } from './origin';

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

/** An entry as stored: its place in its model's chain and the hashes that link it. */
export interface ChainedAuditRecord extends AuditRecord {
  seq: number;
  prevHash: string | null;
  hash: string;
}

/** What a writer says about a change; the log adds the time, the chain and the id. */
export type AuditEntryInput = Omit<AuditRecord, 'id' | 'occurredAt'>;

/** An entry waiting to be appended (see {@link appendAuditRows}). */
export interface PendingAuditRow extends AuditEntryInput {
  occurredAt: number;
}

/** How many entries one page of an export reads. */
export const EXPORT_PAGE_SIZE = 250;

/**
 * Appends one entry to the audit log, inside the caller's transaction, as the next link
 * of its model's chain.
 */
export async function writeAudit(
  tx: Knex.Transaction,
  occurredAt: number,
  entry: AuditEntryInput,
): Promise<void> {
  await appendAuditRows(tx, [auditRow(occurredAt, entry)]);
}

/** An entry to append with {@link appendAuditRows}, for writers that batch them. */
export function auditRow(
  occurredAt: number,
  entry: AuditEntryInput,
): PendingAuditRow {
  return {
    occurredAt,
    actor: entry.actor,
    action: entry.action,
    model: entry.model,
    before: entry.before,
    // A write through an agent's action says so in the entry (see ./origin).
    after: withOriginNote(entry.after),
  };
}

/**
 * Appends entries in order inside the caller's transaction. The head of every chain they
 * join is locked once (on PostgreSQL and MySQL; SQLite has one writer at a time), the
 * links are computed in memory, and rows and heads are written in multi-row statements.
 * Two transactions appending to one chain therefore take turns and never fork it; the
 * unique key on (chain_key, seq) refuses a fork should anything else try.
 */
export async function appendAuditRows(
  tx: Knex.Transaction,
  rows: PendingAuditRow[],
): Promise<void> {
  const chained = await chainAuditRows(tx, rows);
  for (const statement of auditWrites(tx, chained)) await statement;
}

/** Entries linked into their chains, and the chains' new heads, ready to write. */
export interface ChainedAuditRows {
  entries: Record<string, unknown>[];
  heads: Array<{ chain_key: string; seq: number; hash: string }>;
}

/**
 * The first half of {@link appendAuditRows}: locks the heads of the chains the entries
 * join and links the entries in memory. The caller must write the result with
 * {@link auditWrites} in the same transaction (a writer that batches its own
 * statements may put those into one round trip).
 */
export async function chainAuditRows(
  tx: Knex.Transaction,
  rows: PendingAuditRow[],
): Promise<ChainedAuditRows> {
  if (rows.length === 0) return { entries: [], heads: [] };
  const heads = await lockHeads(tx, [
    ...new Set(rows.map(row => chainKey(row.model))),
  ]);
  const entries = rows.map(row => {
    const key = chainKey(row.model);
    const head = heads.get(key)!;
    const before = storedJson(row.before);
    const after = storedJson(row.after);
    const seq = head.seq + 1;
    const hash = auditEntryHash({
      model: row.model ?? null,
      seq,
      occurredAt: new Date(row.occurredAt).toISOString(),
      actor: row.actor,
      action: row.action,
      before: before.value,
      after: after.value,
      prevHash: head.hash,
    });
    heads.set(key, { seq, hash });
    return {
      chain_key: key,
      seq,
      prev_hash: head.hash,
      hash,
      occurred_at: row.occurredAt,
      actor: row.actor,
      action: row.action,
      model_ref: row.model ?? null,
      before: before.text,
      after: after.text,
    };
  });
  return {
    entries,
    heads: [...heads].map(([key, head]) => ({
      chain_key: key,
      seq: head.seq,
      hash: head.hash ?? '',
    })),
  };
}

/** The statements that write chained entries and move their chains' heads. */
export function auditWrites(
  tx: Knex.Transaction,
  chained: ChainedAuditRows,
): Knex.QueryBuilder[] {
  return [
    ...chunks(chained.entries, 200).map(chunk =>
      tx('audit_events').insert(chunk),
    ),
    ...chunks(chained.heads, 200).map(chunk =>
      tx('audit_chain_heads')
        .insert(chunk)
        .onConflict('chain_key')
        .merge(['seq', 'hash']),
    ),
  ];
}

/**
 * The heads of the given chains, locked for this transaction. A missing head is created
 * first. On PostgreSQL and SQLite one upsert creates, locks and returns them: its
 * conflict branch takes the row's lock as an update would, and waits for a writer that
 * holds it, so it returns the head that writer left. MySQL has no RETURNING: there an
 * upsert that takes the row's exclusive lock at once (an `INSERT IGNORE` would take a
 * shared lock, and two writers upgrading theirs deadlock), then a locking read.
 */
async function lockHeads(
  tx: Knex.Transaction,
  keys: string[],
): Promise<Map<string, { seq: number; hash: string | null }>> {
  const isMySql = /mysql/.test(String(tx.client.config.client));
  const heads = new Map<string, { seq: number; hash: string | null }>();
  // Always in the same order, so writers locking several chains cannot deadlock.
  for (const chunk of chunks([...keys].sort(), 200)) {
    const create = tx('audit_chain_heads')
      .insert(chunk.map(key => ({ chain_key: key, seq: 0, hash: '' })))
      .onConflict('chain_key');
    let rows: Array<{ chain_key: string; seq: unknown; hash: string }>;
    if (isMySql) {
      await create.merge(['chain_key']);
      rows = await tx('audit_chain_heads')
        .whereIn('chain_key', chunk)
        .orderBy('chain_key')
        .forUpdate();
    } else {
      rows = await create
        .merge(['chain_key'])
        .returning(['chain_key', 'seq', 'hash']);
    }
    for (const row of rows) {
      const seq = Number(row.seq);
      heads.set(row.chain_key, { seq, hash: seq === 0 ? null : row.hash });
    }
  }
  return heads;
}

/** A value as the log stores it (JSON text) and as it reads it back. */
/** The models an entry of several names in its `after.models`. */
function namedModels(after: string | null): string[] {
  if (!after) return [];
  try {
    const parsed = JSON.parse(after);
    return Array.isArray(parsed?.models)
      ? parsed.models.filter((m: unknown): m is string => typeof m === 'string')
      : [];
  } catch {
    return [];
  }
}

function storedJson(value: unknown): { text: string | null; value: unknown } {
  const text = value === undefined ? undefined : JSON.stringify(value);
  return text === undefined
    ? { text: null, value: null }
    : { text, value: JSON.parse(text) };
}

function fromRow(row: any): ChainedAuditRecord {
  return {
    id: Number(row.id),
    seq: Number(row.seq),
    occurredAt: Number(row.occurred_at),
    actor: row.actor,
    action: row.action,
    ...(row.model_ref ? { model: row.model_ref } : {}),
    ...(row.before ? { before: JSON.parse(row.before) } : {}),
    ...(row.after ? { after: JSON.parse(row.after) } : {}),
    prevHash: row.prev_hash ?? null,
    hash: row.hash,
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/** Reads a model's audit log: pages of its chain, and the whole chain for an export. */
export class AuditLog {
  constructor(private readonly db: Knex) {}

  /**
   * A model's entries by their place in its chain: oldest first (`asc`, the default)
   * after `afterSeq`, or newest first (`desc`) before `beforeSeq`; at most `limit`.
   */
  async listAuditEvents(
    model: string,
    options: {
      limit?: number;
      order?: 'asc' | 'desc';
      afterSeq?: number;
      beforeSeq?: number;
    } = {},
  ): Promise<ChainedAuditRecord[]> {
    const query = this.db('audit_events')
      .where({ chain_key: chainKey(model) })
      .orderBy('seq', options.order ?? 'asc');
    if (options.afterSeq !== undefined) {
      query.andWhere('seq', '>', options.afterSeq);
    }
    if (options.beforeSeq !== undefined) {
      query.andWhere('seq', '<', options.beforeSeq);
    }
    if (options.limit !== undefined) query.limit(options.limit);
    return (await query).map(fromRow);
  }

  /** The id of the newest entry; 0 while the log is empty. */
  async lastId(): Promise<number> {
    const [{ last }] = await this.db('audit_events').max({ last: 'id' });
    return Number(last ?? 0);
  }

  /**
   * The models named by entries after `after` (only the given actions, or all but the
   * given ones), and the newest id read. An entry of several models (a batch of SLA
   * observations) names them in its `after.models`. Ids follow commit order except
   * between writers committing at once, so a caller that must not miss an entry also
   * looks again later.
   */
  async modelsChangedSince(
    after: number,
    actions: { only: string[] } | { except: string[] },
  ): Promise<{ last: number; models: string[] }> {
    const last = await this.lastId();
    if (last <= after) return { last: after, models: [] };
    const entries = () => {
      const query = this.db('audit_events')
        .where('id', '>', after)
        .andWhere('id', '<=', last);
      return 'only' in actions
        ? query.whereIn('action', actions.only)
        : query.whereNotIn('action', actions.except);
    };
    const [named, batches] = await Promise.all([
      entries().whereNotNull('model_ref').distinct('model_ref'),
      entries().whereNull('model_ref').select('after'),
    ]);
    const models = new Set<string>(named.map(row => row.model_ref));
    for (const row of batches) {
      for (const model of namedModels(row.after)) models.add(model);
    }
    return { last, models: [...models] };
  }

  /** Entries of the given actions since a time, of every model, oldest first. */
  async listRecent(
    actions: string[],
    since: number,
    limit = 1000,
  ): Promise<ChainedAuditRecord[]> {
    const rows = await this.db('audit_events')
      .whereIn('action', actions)
      .andWhere('occurred_at', '>=', since)
      .orderBy('id', 'asc')
      .limit(limit);
    return rows.map(fromRow);
  }

  /**
   * A model's whole chain, oldest first, in pages of `pageSize`: up to the head it had
   * when the read began, so entries appended meanwhile do not stretch an export.
   */
  async *readChain(
    model: string,
    pageSize = EXPORT_PAGE_SIZE,
  ): AsyncGenerator<ChainedAuditRecord[]> {
    const head = await this.db('audit_chain_heads')
      .where({ chain_key: chainKey(model) })
      .first();
    const last = head ? Number(head.seq) : 0;
    let after = 0;
    while (after < last) {
      const rows = await this.db('audit_events')
        .where({ chain_key: chainKey(model) })
        .andWhere('seq', '>', after)
        .andWhere('seq', '<=', last)
        .orderBy('seq', 'asc')
        .limit(pageSize);
      if (rows.length === 0) return;
      const page = rows.map(fromRow);
      yield page;
      after = page[page.length - 1].seq;
    }
  }
}
