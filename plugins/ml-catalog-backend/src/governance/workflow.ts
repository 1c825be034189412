import type {
  ChecklistItemDefinition,
  Review,
  ReviewAction,
  ReviewDecision,
  ReviewDecisionKind,
  ReviewItem,
  ReviewItemStatus,
  ReviewState,
  RiskTier,
} from '@lab2live/plugin-ml-catalog-common';
import type { GovernanceCheckResult } from '@lab2live/plugin-ml-catalog-node';

/** A stored review, times in epoch ms. */
export interface ReviewRecord {
  id: string;
  model: string;
  version: string;
  state: ReviewState;
  riskTier: RiskTier;
  revision: number;
  approvalsRequired: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  submittedAt?: number;
  decidedAt?: number;
  expiresAt?: number;
  reason?: string;
  /** The datasets the model linked, with the versions used, when the review opened. */
  datasets?: Array<{ ref: string; version?: string }>;
  /** The group that owned the model when the review opened (lower-case ref). */
  ownerAtOpening?: string;
  /** Everyone who opened, submitted or set an item of the review: they never decide it. */
  authors: string[];
}

/** A stored checklist item of a review. */
export interface ItemRecord {
  itemId: string;
  position: number;
  definition: ChecklistItemDefinition;
  /** What a person set, or the last stored automated result. */
  status: ReviewItemStatus;
  evidence: string[];
  note?: string;
  setBy?: string;
  setAt?: number;
  detail?: string;
  waiver?: { reason: string; expiresAt: number; by: string; at: number };
}

/** A stored decision. */
export interface DecisionRecord {
  decision: ReviewDecisionKind;
  actor: string;
  note?: string;
  decidedAt: number;
}

/** Reviews that can still change. */
export const OPEN_STATES: readonly ReviewState[] = [
  'draft',
  'in_review',
  'changes_requested',
];

const iso = (ms?: number) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

/**
 * An item as it counts now: an automated item from its fresh result, a live waiver
 * makes it `waived`, an expired one makes it `fail` again.
 */
export function effectiveItem(
  item: ItemRecord,
  now: number,
  automated?: GovernanceCheckResult,
): ReviewItem {
  const isAutomated = item.definition.mode === 'automated';
  let status: ReviewItemStatus = item.status;
  let detail = item.detail;
  if (isAutomated && automated) {
    status = automated.passed ? 'pass' : 'fail';
    detail = automated.detail;
  }
  const waiverExpired = item.waiver ? item.waiver.expiresAt <= now : false;
  if (item.waiver) {
    status = waiverExpired ? 'fail' : 'waived';
  }
  return {
    ...item.definition,
    status,
    ...(isAutomated ? {} : { attestedStatus: item.status }),
    evidence: item.evidence,
    ...(item.note ? { note: item.note } : {}),
    ...(item.setBy ? { setBy: item.setBy, setAt: iso(item.setAt) } : {}),
    ...(detail ? { detail } : {}),
    ...(item.waiver
      ? {
          waiver: {
            reason: item.waiver.reason,
            expiresAt: iso(item.waiver.expiresAt)!,
            by: item.waiver.by,
            at: iso(item.waiver.at)!,
            expired: waiverExpired,
          },
        }
      : {}),
  };
}

/**
 * Why an approved review no longer counts, if it does not: its validity ended, the
 * model's risk tier changed, or production started serving another version after the
 * approval (a version that already ran there before, e.g. the one this review replaces,
 * does not count).
 */
export function expiryReason(
  review: ReviewRecord,
  now: number,
  model?: {
    riskTier?: RiskTier;
    serving?: { version: string; since: number };
    datasets?: Array<{ ref: string; version?: string }>;
  },
): string | undefined {
  if (review.state !== 'approved') return undefined;
  if (review.expiresAt !== undefined && review.expiresAt <= now) {
    return `The approval ended on ${iso(review.expiresAt)!.slice(0, 10)}`;
  }
  if (model?.riskTier && model.riskTier !== review.riskTier) {
    return `The risk tier changed from ${review.riskTier} to ${model.riskTier}`;
  }
  const serving = model?.serving;
  if (
    serving &&
    serving.version !== review.version &&
    serving.since > (review.decidedAt ?? review.updatedAt)
  ) {
    return `Version ${serving.version} was promoted to production; version ${review.version} was approved`;
  }
  for (const before of review.datasets ?? []) {
    const current = model?.datasets?.find(d => d.ref === before.ref);
    if (
      before.version &&
      current?.version &&
      majorOf(before.version) !== majorOf(current.version)
    ) {
      return `Dataset ${before.ref} moved to a new major version (${before.version} to ${current.version})`;
    }
  }
  return undefined;
}

/** The major part of a version: `2.4.1` -> `2`, `2024-06` -> `2024`, `v3` -> `3`. */
export function majorOf(version: string): string {
  return version.replace(/^v/i, '').split(/[.\-_]/)[0];
}

/** Approvals since the review was last submitted, by distinct people. */
export function currentApprovers(
  review: ReviewRecord,
  decisions: DecisionRecord[],
): string[] {
  return [
    ...new Set(
      decisions
        .filter(
          d =>
            d.decision === 'approve' &&
            d.decidedAt >= (review.submittedAt ?? 0),
        )
        .map(d => d.actor),
    ),
  ];
}

/** Who is asking, and what the permission framework lets them do. */
export interface Caller {
  ref: string;
  /** Lower-case refs of the caller and their groups. */
  ownership: string[];
  /** The model's owner now (lower-case ref). */
  owner?: string;
  /** Is the caller a member of the owning group (or the owner)? */
  ownsModel: boolean;
  mayCreate: boolean;
  /** The permission and a seat on the review board. */
  mayApprove: boolean;
  mayWaive: boolean;
}

/**
 * Separation of duties: why the caller may not decide or waive on this review, if they
 * may not. The decider is never the review's opener, its submitter, anyone who set one
 * of its items, nor a member of the group that owned the model when the review opened
 * or owns it now.
 */
export function dutyConflict(
  review: ReviewRecord,
  caller: Caller,
): string | undefined {
  if (caller.ownsModel) {
    return `${caller.ref} is in ${caller.owner}, which owns ${review.model}`;
  }
  if (review.createdBy === caller.ref) {
    return `${caller.ref} opened this review`;
  }
  if (review.authors.includes(caller.ref)) {
    return `${caller.ref} submitted or filled in this review`;
  }
  if (
    review.ownerAtOpening &&
    caller.ownership.includes(review.ownerAtOpening)
  ) {
    return `${caller.ref} is in ${review.ownerAtOpening}, which owned ${review.model} when the review opened`;
  }
  return undefined;
}

/** The actions a caller may take on a review in its state. */
export function allowedActions(
  review: ReviewRecord,
  decisions: DecisionRecord[],
  caller: Caller,
): ReviewAction[] {
  const actions: ReviewAction[] = [];
  const owner = caller.ownsModel && caller.mayCreate;
  const reviewer = dutyConflict(review, caller) === undefined;
  if (review.state === 'draft' || review.state === 'changes_requested') {
    if (owner) actions.push('edit_items', 'submit', 'withdraw');
    if (reviewer && caller.mayWaive) actions.push('waive');
  }
  if (review.state === 'in_review') {
    if (owner) actions.push('withdraw');
    if (reviewer && caller.mayWaive) actions.push('waive');
    if (reviewer && caller.mayApprove) {
      const approvedAlready = currentApprovers(review, decisions).includes(
        caller.ref,
      );
      if (review.riskTier !== 'prohibited' && !approvedAlready) {
        actions.push('approve');
      }
      actions.push('request_changes', 'reject');
    }
  }
  return actions;
}

/**
 * What a compliance result reads of the approved review that counts for a model: the
 * same state, reason, expiry and items {@link toReview} gives (no automated results,
 * as there), without building the rest for each of thousands of models.
 */
export function countingReview(
  review: ReviewRecord,
  items: ItemRecord[],
  now: number,
  expiredBecause: string | undefined,
): Pick<Review, 'state' | 'version' | 'reason' | 'expiresAt' | 'items'> {
  const reason = expiredBecause ?? review.reason;
  return {
    state: expiredBecause !== undefined ? 'expired' : review.state,
    version: review.version,
    ...(reason ? { reason } : {}),
    ...(review.expiresAt ? { expiresAt: iso(review.expiresAt) } : {}),
    items: [...items]
      .sort((a, b) => a.position - b.position)
      .map(item => effectiveItem(item, now)),
  };
}

/** The review as the API shows it to a caller. */
export function toReview(input: {
  review: ReviewRecord;
  items: ItemRecord[];
  decisions: DecisionRecord[];
  automated: Map<string, GovernanceCheckResult>;
  now: number;
  expiredBecause?: string;
  actions: ReviewAction[];
}): Review {
  const { review, now } = input;
  const expired = input.expiredBecause !== undefined;
  const decisions: ReviewDecision[] = input.decisions.map(d => ({
    decision: d.decision,
    by: d.actor,
    at: iso(d.decidedAt)!,
    ...(d.note ? { note: d.note } : {}),
  }));
  return {
    id: review.id,
    model: review.model,
    version: review.version,
    state: expired ? 'expired' : review.state,
    riskTier: review.riskTier,
    revision: review.revision,
    createdBy: review.createdBy,
    createdAt: iso(review.createdAt)!,
    updatedAt: iso(review.updatedAt)!,
    ...(review.submittedAt ? { submittedAt: iso(review.submittedAt) } : {}),
    ...(review.decidedAt ? { decidedAt: iso(review.decidedAt) } : {}),
    ...(review.expiresAt ? { expiresAt: iso(review.expiresAt) } : {}),
    ...(input.expiredBecause || review.reason
      ? { reason: input.expiredBecause ?? review.reason }
      : {}),
    approvalsRequired: review.approvalsRequired,
    decisions,
    items: input.items
      .sort((a, b) => a.position - b.position)
      .map(item =>
        effectiveItem(
          item,
          now,
          item.definition.check
            ? input.automated.get(item.definition.check)
            : undefined,
        ),
      ),
    actions: expired ? [] : input.actions,
  };
}
