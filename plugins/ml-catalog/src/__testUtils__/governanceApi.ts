import { ResponseError } from '@backstage/errors';
import type {
  AuditEntry,
  DocumentationCompleteness,
  TechnicalDocumentation,
  ModelCompliance,
  Review,
  ReviewAction,
  ReviewItem,
  ReviewItemStatus,
  ReviewSummary,
} from '@lab2live/plugin-ml-catalog-common';
import { MlCatalogGovernanceApi } from '../api';

const item = (id: string, overrides: Partial<ReviewItem> = {}): ReviewItem => ({
  id,
  title: id.replace(/-/g, ' '),
  description: `What ${id} asks for`,
  source: 'ML Test Score',
  minimumTier: 'minimal',
  mode: 'attestation',
  status: 'pending',
  evidence: [],
  ...overrides,
});

/** The churn predictor's review of v8, submitted and waiting for a reviewer. */
export function churnReview(overrides: Partial<Review> = {}): Review {
  return {
    id: 'rev-churn-8',
    model: 'mlmodel:default/churn-predictor',
    version: '8',
    state: 'in_review',
    riskTier: 'limited',
    revision: 3,
    createdBy: 'user:development/guest',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    submittedAt: '2026-11-21T10:00:00.000Z',
    approvalsRequired: 1,
    decisions: [],
    actions: ['approve', 'request_changes', 'reject'],
    items: [
      item('owner-version-license', {
        title: 'Owner, version and license recorded',
        source: 'Model Cards 4.1',
        mode: 'automated',
        check: 'owner-version-license',
        status: 'pass',
        detail: 'owner group:data-science, version 8, license proprietary',
      }),
      item('baseline-beaten', {
        title: 'A simpler baseline was compared and beaten',
        source: 'ML Test Score, Model 5',
        status: 'pass',
        attestedStatus: 'pass',
        evidence: ['https://ci.example.com/churn/runs/812'],
        note: 'Beats logistic regression by 6 AUC points',
        setBy: 'user:development/guest',
        setAt: '2026-11-20T11:00:00.000Z',
      }),
      item('rollback-tested', {
        title: 'Quick, safe rollback tested',
        source: 'ML Test Score, Infra 7',
        status: 'waived',
        attestedStatus: 'fail',
        waiver: {
          reason: 'Rollback drill booked for next sprint',
          expiresAt: '2026-12-15T00:00:00.000Z',
          by: 'user:default/dana',
          at: '2026-11-21T09:00:00.000Z',
          expired: false,
        },
      }),
      item('ai-disclosure', {
        title: 'Users are told they interact with an AI system',
        source: 'EU AI Act Art. 50',
        minimumTier: 'limited',
        status: 'not_applicable',
        attestedStatus: 'not_applicable',
        note: 'Nobody talks to the model directly',
      }),
    ],
    ...overrides,
  };
}

const COUNTS: Record<ReviewItemStatus, number> = {
  pass: 0,
  fail: 0,
  not_applicable: 0,
  waived: 0,
  pending: 0,
};

/** The churn review as a draft its owners may edit, submit or withdraw. */
export const draftReview = () =>
  churnReview({
    state: 'draft',
    submittedAt: undefined,
    actions: ['edit_items', 'submit', 'withdraw'],
  });

export function toSummary(review: Review): ReviewSummary {
  const { items, actions, ...rest } = review;
  const counts = { ...COUNTS };
  items.forEach(i => counts[i.status]++);
  return { ...rest, counts };
}

export const churnCompliance: ModelCompliance = {
  model: 'mlmodel:default/churn-predictor',
  title: 'Customer churn predictor',
  owner: 'group:default/data-science',
  system: 'system:default/customer-retention',
  stage: 'production',
  riskTier: 'limited',
  status: 'non_compliant',
  reasons: ['No approved, unexpired governance review'],
  review: { id: 'rev-churn-8', state: 'in_review', version: '8' },
};

export const fraudCompliance: ModelCompliance = {
  model: 'mlmodel:default/payment-fraud-detector',
  title: 'Payment fraud detector',
  owner: 'group:default/payments',
  stage: 'staging',
  riskTier: 'high',
  status: 'compliant',
  reasons: [],
  review: {
    id: 'rev-fraud-5',
    state: 'approved',
    version: '5',
    expiresAt: '2026-12-10T00:00:00.000Z',
  },
};

/**
 * A governance API over in-memory reviews: writes check the revision (409 when stale),
 * record what they changed and return the review, so components see the server's
 * answer. `failWith` makes every call fail.
 */
/**
 * The churn predictor's audit log: `count` linked entries, the first the review's
 * opening (stand-in hashes: the fake links them, it does not hash).
 */
export function churnAuditLog(count = 1): AuditEntry[] {
  const hash = (seq: number) => seq.toString(16).padStart(4, '0').repeat(16);
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    seq: i + 1,
    occurredAt: new Date(
      Date.parse('2026-11-20T10:00:00.000Z') + i * 60_000,
    ).toISOString(),
    actor: 'user:development/guest',
    action: i === 0 ? 'review.created' : 'review.item.set',
    model: 'mlmodel:default/churn-predictor',
    after:
      i === 0
        ? { review: 'rev-churn-8' }
        : { review: 'rev-churn-8', item: `item-${i + 1}`, status: 'pass' },
    prevHash: i === 0 ? null : hash(i),
    hash: hash(i + 1),
  }));
}

/** The churn predictor's technical documentation: one section of each completeness. */
export function churnDocumentation(): TechnicalDocumentation {
  const section = (
    number: number,
    title: string,
    completeness: DocumentationCompleteness,
    missing: string[] = [],
  ) => ({
    number,
    title,
    asks: `What point ${number} asks for`,
    completeness,
    missing,
    blocks: [],
  });
  return {
    model: 'mlmodel:default/churn-predictor',
    title: 'Customer churn predictor',
    version: '8',
    riskTier: 'limited',
    basis: 'Regulation (EU) 2024/1689 (AI Act), Article 11 and Annex IV',
    generatedAt: '2026-12-02T12:00:00.000Z',
    auditChain: { head: 'ab12cd34ef56'.repeat(5).slice(0, 64), entries: 7 },
    sections: [
      section(1, 'General description and intended purpose', 'complete'),
      section(2, 'Elements of the system and its development', 'partial', [
        'Missing: the hardware the model is meant to run on (record it in annotation lab2live.io/annex-iv-hardware)',
        'Missing: results per group or condition (record it in spec.metrics[].slices)',
      ]),
      section(8, 'EU declaration of conformity', 'missing', [
        'Missing: the EU declaration of conformity (Art. 47) (record it in annotation lab2live.io/annex-iv-declaration-of-conformity)',
      ]),
    ],
  };
}

export function fakeGovernanceApi(
  options: {
    reviews?: Review[];
    compliance?: ModelCompliance[];
    canCreate?: boolean;
    failWith?: Error;
    /** The audit log the fake pages through (churnAuditLog() when absent). */
    audit?: AuditEntry[];
  } = {},
): MlCatalogGovernanceApi & { reviews: Map<string, Review> } {
  const reviews = new Map(
    (options.reviews ?? [churnReview()]).map(r => [r.id, r]),
  );
  const compliance = options.compliance ?? [churnCompliance, fraudCompliance];
  const audit = options.audit ?? churnAuditLog();
  const fail = async () => {
    if (options.failWith) throw options.failWith;
  };
  const conflict = async (current: Review) =>
    ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'ConflictError',
            message: `The review changed since you read it: it is at revision ${current.revision}, ${current.state}`,
          },
          request: { method: 'POST', url: `/reviews/${current.id}` },
          response: { statusCode: 409 },
          current,
        }),
        {
          status: 409,
          statusText: 'Conflict',
          headers: { 'Content-Type': 'application/json' },
        },
      ) as any,
    );
  const listeners = new Set<() => void>();
  const write = async (
    id: string,
    revision: number,
    change: (review: Review) => Partial<Review>,
  ) => {
    await fail();
    const current = reviews.get(id);
    if (!current) throw new Error(`No review ${id}`);
    if (current.revision !== revision) throw await conflict(current);
    const next = {
      ...current,
      ...change(current),
      revision: current.revision + 1,
    };
    reviews.set(id, next);
    // As the backend does: every write is an audit entry, and the client tells its
    // listeners that the state changed.
    const last = audit[audit.length - 1];
    audit.push({
      id: (last?.id ?? 0) + 1,
      seq: (last?.seq ?? 0) + 1,
      occurredAt: new Date().toISOString(),
      actor: 'user:development/guest',
      action: `review.${next.state}`,
      model: next.model.toLocaleLowerCase('en-US'),
      after: { review: id, state: next.state },
      prevHash: last?.hash ?? null,
      hash: String(next.revision).padStart(64, 'f'),
    });
    listeners.forEach(listener => listener());
    return next;
  };
  const actionsFor = (state: Review['state']): ReviewAction[] =>
    state === 'in_review'
      ? ['approve', 'request_changes', 'reject']
      : ['edit_items', 'submit', 'withdraw'];
  return {
    reviews,
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async getChecklist() {
      await fail();
      return { items: churnReview().items };
    },
    async getModelReviews(modelRef) {
      await fail();
      return {
        items: [...reviews.values()]
          .filter(r => r.model === modelRef.toLocaleLowerCase('en-US'))
          .map(toSummary),
        canCreate: options.canCreate ?? true,
      };
    },
    async listReviews(query = {}) {
      await fail();
      return {
        items: [...reviews.values()]
          .filter(r => !query.state || query.state.includes(r.state))
          .filter(r => query.awaiting !== 'me' || r.state === 'in_review')
          .map(toSummary),
      };
    },
    async getReview(id) {
      await fail();
      const review = reviews.get(id);
      if (!review) throw new Error(`No review ${id}`);
      return review;
    },
    async createReview(modelRef, version) {
      await fail();
      const review = churnReview({
        id: `rev-${reviews.size + 1}`,
        model: modelRef,
        version,
        state: 'draft',
        revision: 1,
        submittedAt: undefined,
        actions: actionsFor('draft'),
      });
      reviews.set(review.id, review);
      return review;
    },
    async setItem(id, itemId, body) {
      return write(id, body.revision, review => ({
        items: review.items.map(i =>
          i.id === itemId
            ? {
                ...i,
                status: body.status,
                attestedStatus: body.status,
                evidence: body.evidence ?? i.evidence,
                note: body.note ?? i.note,
                setBy: 'user:development/guest',
                setAt: new Date().toISOString(),
              }
            : i,
        ),
      }));
    },
    async waiveItem(id, itemId, body) {
      return write(id, body.revision, review => ({
        items: review.items.map(i =>
          i.id === itemId
            ? {
                ...i,
                status: 'waived' as const,
                waiver: {
                  reason: body.reason,
                  expiresAt: body.expiresAt,
                  by: 'user:development/guest',
                  at: new Date().toISOString(),
                  expired: false,
                },
              }
            : i,
        ),
      }));
    },
    async submit(id, revision) {
      return write(id, revision, () => ({
        state: 'in_review',
        actions: actionsFor('in_review'),
      }));
    },
    async withdraw(id, revision) {
      return write(id, revision, () => ({ state: 'withdrawn', actions: [] }));
    },
    async decide(id, body) {
      const states = {
        approve: 'approved',
        request_changes: 'changes_requested',
        reject: 'rejected',
      } as const;
      return write(id, body.revision, review => ({
        state: states[body.decision],
        actions: [],
        decisions: [
          ...review.decisions,
          {
            decision: body.decision,
            by: 'user:default/dana',
            at: new Date().toISOString(),
            note: body.note,
          },
        ],
      }));
    },
    async getCompliance(filter = {}) {
      await fail();
      return {
        items: compliance.filter(
          c => !filter.model || filter.model.includes(c.model),
        ),
      };
    },
    async getModelCompliance(modelRef) {
      await fail();
      const found = compliance.find(
        c => c.model === modelRef.toLocaleLowerCase('en-US'),
      );
      if (!found) throw new Error(`No model ${modelRef}`);
      return found;
    },
    async getExpiring() {
      await fail();
      return {
        approvals: [...reviews.values()]
          .filter(r => r.state === 'approved' && r.expiresAt)
          .map(toSummary),
        waivers: [...reviews.values()].flatMap(r =>
          r.items
            .filter(i => i.waiver && !i.waiver.expired)
            .map(i => ({
              reviewId: r.id,
              model: r.model,
              itemId: i.id,
              title: i.title,
              reason: i.waiver!.reason,
              expiresAt: i.waiver!.expiresAt,
            })),
        ),
      };
    },
    async getAuditLog(modelRef, page = {}) {
      await fail();
      // As the backend pages: by seq, in either order, the cursor naming the last seq.
      const order = page.order ?? 'asc';
      const limit = page.limit ?? 100;
      const from = page.cursor ? Number(page.cursor.split(':')[1]) : undefined;
      const rest = audit
        .filter(e => e.model === modelRef.toLocaleLowerCase('en-US'))
        .sort((a, b) => (order === 'asc' ? a.seq - b.seq : b.seq - a.seq))
        .filter(
          e =>
            from === undefined ||
            (order === 'asc' ? e.seq > from : e.seq < from),
        );
      const items = rest.slice(0, limit);
      return {
        items,
        ...(rest.length > limit
          ? { nextCursor: `${order}:${items[items.length - 1].seq}` }
          : {}),
      };
    },
    async downloadAudit(modelRef, format) {
      await fail();
      const entries = audit
        .filter(e => e.model === modelRef.toLocaleLowerCase('en-US'))
        .map(({ id, ...entry }) => entry);
      return new Blob([
        format === 'csv'
          ? 'seq,occurredAt,actor,action,model,before,after,prevHash,hash\r\n'
          : JSON.stringify({ model: modelRef, exportedAt: '', entries }),
      ]);
    },
    async getDocumentation(modelRef) {
      await fail();
      return { ...churnDocumentation(), model: modelRef };
    },
    async downloadDocumentation(modelRef, format) {
      await fail();
      const name = modelRef.replace(/^.*\//, '');
      return {
        blob: new Blob(
          [format === 'md' ? '# Technical documentation' : '%PDF-1.7'],
          {
            type: format === 'md' ? 'text/markdown' : 'application/pdf',
          },
        ),
        fileName: `annex-iv-${name}-v8-2026-12-02.${format}`,
      };
    },
  };
}
