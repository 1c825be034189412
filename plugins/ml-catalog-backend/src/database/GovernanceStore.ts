import type { Knex } from 'knex';
import { olderThan } from './keyset';
import type {
  ReviewItemStatus,
  ReviewState,
} from '@lab2live/plugin-ml-catalog-common';
import type {
  DecisionRecord,
  ItemRecord,
  ReviewRecord,
} from '../governance/workflow';
import { AuditRecord, writeAudit } from '../audit/AuditLog';
import { isUniqueViolation } from './StatusStore';

type AuditEntry = Omit<AuditRecord, 'id' | 'occurredAt'>;

/** A write refused because the review moved on since the caller read it. */
export class StaleRevisionError extends Error {
  constructor(readonly current: ReviewRecord | undefined) {
    super('stale revision');
  }
}

/** What one write changes; everything in it lands in one transaction, or nothing. */
export interface ReviewChange {
  review?: Partial<
    Pick<
      ReviewRecord,
      'state' | 'submittedAt' | 'decidedAt' | 'expiresAt' | 'reason' | 'authors'
    >
  >;
  item?: {
    itemId: string;
    status?: ReviewItemStatus;
    evidence?: string[];
    note?: string;
    setBy?: string;
    waiver?: { reason: string; expiresAt: number; by: string };
  };
  decision?: Omit<DecisionRecord, 'decidedAt'>;
  audit: AuditEntry;
}

const num = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);
const str = (v: string | null) => (v === null ? undefined : v);

function reviewFromRow(row: any): ReviewRecord {
  return {
    id: row.id,
    model: row.model_ref,
    version: row.version,
    state: row.state,
    riskTier: row.risk_tier,
    revision: Number(row.revision),
    approvalsRequired: Number(row.approvals_required),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    submittedAt: num(row.submitted_at),
    decidedAt: num(row.decided_at),
    expiresAt: num(row.expires_at),
    reason: str(row.reason),
    ...(row.datasets ? { datasets: JSON.parse(row.datasets) } : {}),
    ...(row.owner_ref ? { ownerAtOpening: row.owner_ref } : {}),
    authors: row.authors ? JSON.parse(row.authors) : [row.created_by],
  };
}

/** Reviews that can still change: at most one per model, kept so by a unique key. */
const OPEN = ['draft', 'in_review', 'changes_requested'];

/** An open review of the same model exists already (the unique key refused a second). */
export class OpenReviewExistsError extends Error {
  constructor(readonly model: string) {
    super(`${model} already has an open review`);
  }
}

function itemFromRow(row: any): ItemRecord & { reviewId: string } {
  return {
    reviewId: row.review_id,
    itemId: row.item_id,
    position: Number(row.position),
    definition: JSON.parse(row.definition),
    status: row.status,
    evidence: JSON.parse(row.evidence),
    note: str(row.note),
    setBy: str(row.set_by),
    setAt: num(row.set_at),
    detail: str(row.detail),
    ...(row.waiver_reason
      ? {
          waiver: {
            reason: row.waiver_reason,
            expiresAt: Number(row.waiver_expires_at),
            by: row.waiver_by,
            at: Number(row.waiver_at),
          },
        }
      : {}),
  };
}

/** Splits long `IN` lists: SQLite allows at most 999 bound values per statement. */
function chunks<T>(values: T[], size = 500): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < values.length; i += size) {
    result.push(values.slice(i, i + size));
  }
  return result;
}

/**
 * The knex store of governance reviews. Every write names the revision it read and
 * bumps it in the same statement that checks it, so of two concurrent writers exactly
 * one wins; its audit event lands in the same transaction.
 */
export class GovernanceStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Stores a new review with its items. The database keeps one open review per model:
   * of two concurrent opens exactly one lands, the other throws
   * {@link OpenReviewExistsError} and leaves nothing behind.
   */
  async createReview(
    review: Omit<ReviewRecord, 'revision' | 'createdAt' | 'updatedAt'>,
    items: ItemRecord[],
    audit: AuditEntry,
  ): Promise<void> {
    const now = this.clock();
    try {
      await this.insertReview(review, items, audit, now);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new OpenReviewExistsError(review.model);
      }
      throw error;
    }
  }

  private async insertReview(
    review: Omit<ReviewRecord, 'revision' | 'createdAt' | 'updatedAt'>,
    items: ItemRecord[],
    audit: AuditEntry,
    now: number,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('reviews').insert({
        id: review.id,
        model_ref: review.model,
        version: review.version,
        state: review.state,
        risk_tier: review.riskTier,
        revision: 1,
        approvals_required: review.approvalsRequired,
        created_by: review.createdBy,
        datasets: review.datasets ? JSON.stringify(review.datasets) : null,
        owner_ref: review.ownerAtOpening ?? null,
        authors: JSON.stringify(review.authors),
        open_model_ref: OPEN.includes(review.state) ? review.model : null,
        created_at: now,
        updated_at: now,
      });
      for (const part of chunks(items, 50)) {
        await tx('review_items').insert(
          part.map(item => ({
            review_id: review.id,
            item_id: item.itemId,
            position: item.position,
            definition: JSON.stringify(item.definition),
            status: item.status,
            evidence: JSON.stringify(item.evidence),
            detail: item.detail ?? null,
          })),
        );
      }
      await writeAudit(tx, now, audit);
    });
  }

  async getReview(
    id: string,
  ): Promise<
    | { review: ReviewRecord; items: ItemRecord[]; decisions: DecisionRecord[] }
    | undefined
  > {
    const row = await this.db('reviews').where({ id }).first();
    if (!row) return undefined;
    const [items, decisions] = await Promise.all([
      this.listItems([id]),
      this.listDecisions([id]),
    ]);
    return {
      review: reviewFromRow(row),
      items: items.get(id) ?? [],
      decisions: decisions.get(id) ?? [],
    };
  }

  /** Reviews, newest first, optionally of some models or in some states. */
  async listReviews(
    filter: { models?: string[]; states?: ReviewState[] } = {},
  ): Promise<ReviewRecord[]> {
    const query = this.db('reviews').orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    if (filter.states) query.whereIn('state', filter.states);
    if (filter.models) {
      if (filter.models.length === 0) return [];
      const results: ReviewRecord[] = [];
      for (const part of chunks(filter.models)) {
        results.push(
          ...(await query.clone().whereIn('model_ref', part)).map(
            reviewFromRow,
          ),
        );
      }
      return results.sort(
        (a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id),
      );
    }
    return (await query).map(reviewFromRow);
  }

  /**
   * A page of reviews, newest first, optionally of some states, starting after the
   * position of the last review of the previous page; `last` is set when more follow.
   */
  async listReviewsPage(filter: {
    states?: ReviewState[];
    models?: string[];
    limit: number;
    after?: { createdAt: number; id: string };
  }): Promise<{
    items: ReviewRecord[];
    last?: { createdAt: number; id: string };
  }> {
    const query = this.db('reviews')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit + 1);
    if (filter.states) query.whereIn('state', filter.states);
    if (filter.models) query.whereIn('model_ref', filter.models);
    const after = filter.after;
    if (after) {
      olderThan(query, 'created_at', { time: after.createdAt, id: after.id });
    }
    const rows = (await query).map(reviewFromRow);
    const items = rows.slice(0, filter.limit);
    const tail = items[items.length - 1];
    return rows.length > filter.limit && tail
      ? { items, last: { createdAt: tail.createdAt, id: tail.id } }
      : { items };
  }

  async listItems(reviewIds: string[]): Promise<Map<string, ItemRecord[]>> {
    const result = new Map<string, ItemRecord[]>();
    for (const part of chunks(reviewIds)) {
      const rows = await this.db('review_items')
        .whereIn('review_id', part)
        .orderBy('position');
      for (const row of rows) {
        const { reviewId, ...item } = itemFromRow(row);
        const list = result.get(reviewId) ?? [];
        list.push(item);
        result.set(reviewId, list);
      }
    }
    return result;
  }

  /**
   * The items of many reviews that can change a compliance result: those that fail or
   * carry a waiver. Passing and not-applicable items are left in the database, so the
   * all-models read moves a few rows, not every item of 10,000 reviews.
   */
  async listItemsForCompliance(
    /** Undefined (with `all`): of every approved or lapsed review. */
    reviewIds: string[] | undefined,
    /** Read the relevant items of every approved or lapsed review in one query. */
    all = false,
  ): Promise<Map<string, ItemRecord[]>> {
    const result = new Map<string, ItemRecord[]>();
    const relevant = (query: Knex.QueryBuilder) =>
      query.andWhere(q =>
        q.where('review_items.status', 'fail').orWhereNotNull('waiver_reason'),
      );
    const batches = all
      ? [
          await relevant(
            this.db('review_items')
              .join('reviews', 'reviews.id', 'review_items.review_id')
              .whereIn('reviews.state', ['approved', 'expired'])
              .select('review_items.*'),
          ),
        ]
      : await Promise.all(
          chunks(reviewIds ?? []).map(part =>
            relevant(this.db('review_items').whereIn('review_id', part)),
          ),
        );
    const wanted = reviewIds && new Set(reviewIds);
    for (const rows of batches) {
      for (const row of rows) {
        if (wanted && !wanted.has(row.review_id)) continue;
        const { reviewId, ...item } = itemFromRow(row);
        const list = result.get(reviewId) ?? [];
        list.push(item);
        result.set(reviewId, list);
      }
    }
    return result;
  }

  async listDecisions(
    reviewIds: string[],
  ): Promise<Map<string, DecisionRecord[]>> {
    const result = new Map<string, DecisionRecord[]>();
    for (const part of chunks(reviewIds)) {
      const rows = await this.db('review_decisions')
        .whereIn('review_id', part)
        .orderBy('id');
      for (const row of rows) {
        const list = result.get(row.review_id) ?? [];
        list.push({
          decision: row.decision,
          actor: row.actor,
          note: str(row.note),
          decidedAt: Number(row.decided_at),
        });
        result.set(row.review_id, list);
      }
    }
    return result;
  }

  /**
   * Applies one change if the review is still at `revision`; otherwise throws
   * {@link StaleRevisionError} with the current review and changes nothing.
   */
  async update(
    id: string,
    revision: number,
    change: ReviewChange,
  ): Promise<void> {
    const now = this.clock();
    await this.db.transaction(async tx => {
      const review = change.review ?? {};
      const updated = await tx('reviews')
        .where({ id, revision })
        .update({
          revision: revision + 1,
          updated_at: now,
          ...(review.state ? { state: review.state } : {}),
          ...(review.submittedAt !== undefined
            ? { submitted_at: review.submittedAt }
            : {}),
          ...(review.decidedAt !== undefined
            ? { decided_at: review.decidedAt }
            : {}),
          ...(review.expiresAt !== undefined
            ? { expires_at: review.expiresAt }
            : {}),
          ...(review.reason !== undefined ? { reason: review.reason } : {}),
          ...(review.authors
            ? { authors: JSON.stringify(review.authors) }
            : {}),
          // A review that closes frees its model for the next one.
          ...(review.state && !OPEN.includes(review.state)
            ? { open_model_ref: null }
            : {}),
        });
      if (updated !== 1) {
        const current = await tx('reviews').where({ id }).first();
        throw new StaleRevisionError(
          current ? reviewFromRow(current) : undefined,
        );
      }
      if (change.item) {
        const { itemId, waiver, ...fields } = change.item;
        await tx('review_items')
          .where({ review_id: id, item_id: itemId })
          .update({
            ...(fields.status ? { status: fields.status } : {}),
            ...(fields.evidence
              ? { evidence: JSON.stringify(fields.evidence) }
              : {}),
            ...(fields.note !== undefined ? { note: fields.note } : {}),
            ...(fields.setBy ? { set_by: fields.setBy, set_at: now } : {}),
            ...(waiver
              ? {
                  waiver_reason: waiver.reason,
                  waiver_expires_at: waiver.expiresAt,
                  waiver_by: waiver.by,
                  waiver_at: now,
                }
              : {}),
          });
      }
      if (change.decision) {
        await tx('review_decisions').insert({
          review_id: id,
          decision: change.decision.decision,
          actor: change.decision.actor,
          note: change.decision.note ?? null,
          decided_at: now,
        });
      }
      await writeAudit(tx, now, change.audit);
    });
  }

  /**
   * Stores the newest results of automated items, without a new revision (people's
   * writes are not refused because a check ran), and audits each change.
   */
  async recordAutomatedResults(
    reviewId: string,
    model: string,
    changes: Array<{
      itemId: string;
      status: ReviewItemStatus;
      detail: string;
      before: ReviewItemStatus;
    }>,
    actor: string,
  ): Promise<void> {
    if (changes.length === 0) return;
    const now = this.clock();
    await this.db.transaction(async tx => {
      for (const change of changes) {
        await tx('review_items')
          .where({ review_id: reviewId, item_id: change.itemId })
          .update({ status: change.status, detail: change.detail });
        await writeAudit(tx, now, {
          actor,
          action: 'review.item.evaluated',
          model,
          before: {
            review: reviewId,
            item: change.itemId,
            status: change.before,
          },
          after: {
            review: reviewId,
            item: change.itemId,
            status: change.status,
            detail: change.detail,
          },
        });
      }
    });
  }

  /** Marks an approved review expired (once), with the reason, and audits it. */
  async expire(
    review: ReviewRecord,
    reason: string,
    actor: string,
  ): Promise<boolean> {
    const now = this.clock();
    return this.db.transaction(async tx => {
      const updated = await tx('reviews')
        .where({ id: review.id, state: 'approved' })
        .update({
          state: 'expired',
          reason,
          revision: tx.raw('?? + 1', ['revision']),
          updated_at: now,
        });
      if (updated !== 1) return false;
      await writeAudit(tx, now, {
        actor,
        action: 'review.expired',
        model: review.model,
        before: { review: review.id, state: 'approved' },
        after: { review: review.id, state: 'expired', reason },
      });
      return true;
    });
  }

  async countReviews(): Promise<number> {
    const [{ count }] = await this.db('reviews').count({ count: '*' });
    return Number(count);
  }
}
