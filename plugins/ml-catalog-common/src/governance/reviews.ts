import type { RiskTier } from '../kinds/MLModelEntityV1alpha1';
import type { TransparencyDutyId } from './riskAssessment';

/**
 * How a checklist item is decided: from catalog data, or by a person with evidence.
 * @public
 */
export type ChecklistItemMode = 'automated' | 'attestation';

/**
 * When a checklist item applies, from the model's recorded EU AI Act assessment.
 * @public
 */
export type ChecklistItemCondition =
  /** An Art. 50 duty applies (from limited up when no assessment is recorded). */
  | { transparencyDuty: TransparencyDutyId }
  /**
   * A general-purpose AI model: `any` (Art. 53(1)(c), (d)), `no-open-source-exemption`
   * (Art. 53(1)(a), (b)), `systemic-risk` (Art. 55).
   */
  | {
      generalPurpose: 'any' | 'no-open-source-exemption' | 'systemic-risk';
    }
  /** The provider relies on the Art. 6(3) derogation. */
  | { derogation: true };

/**
 * One requirement a model meets before it may run at its stage.
 * @public
 */
export interface ChecklistItemDefinition {
  /** Stable, kebab-case. */
  id: string;
  title: string;
  description: string;
  /** Where it comes from: an EU AI Act article, an ML Test Score test, a model-card section or "internal". */
  source: string;
  /** The lowest risk tier it applies to; tiers are cumulative (`limited` includes `minimal`). */
  minimumTier: Exclude<RiskTier, 'prohibited'>;
  /**
   * Instead of the tier: applies when the model's EU AI Act assessment says so, whatever
   * its tier (an Art. 50 duty, a general-purpose AI model, an Art. 6(3) derogation).
   */
  appliesWhen?: ChecklistItemCondition;
  mode: ChecklistItemMode;
  /** For automated items: the check that decides it (see the backend's checks). */
  check?: string;
}

/**
 * The status of a checklist item in a review.
 * @public
 */
export type ReviewItemStatus =
  | 'pass'
  | 'fail'
  | 'not_applicable'
  | 'waived'
  | 'pending';

/**
 * A waiver of one item: accepted as not met until it expires.
 * @public
 */
export interface ReviewItemWaiver {
  reason: string;
  expiresAt: string;
  by: string;
  at: string;
  /** An expired waiver no longer counts: the item fails again. */
  expired: boolean;
}

/**
 * A checklist item in a review, with its status and who set it.
 * @public
 */
export interface ReviewItem extends ChecklistItemDefinition {
  /** What counts: an expired waiver counts as `fail`; automated items as last evaluated. */
  status: ReviewItemStatus;
  /** What a person set (attested items); automated items leave it undefined. */
  attestedStatus?: ReviewItemStatus;
  evidence: string[];
  note?: string;
  setBy?: string;
  setAt?: string;
  /** Automated items: why they pass or fail, from the catalog data. */
  detail?: string;
  waiver?: ReviewItemWaiver;
}

/**
 * The states of a review.
 * @public
 */
export type ReviewState =
  | 'draft'
  | 'in_review'
  | 'approved'
  | 'changes_requested'
  | 'rejected'
  | 'expired'
  | 'withdrawn';

/**
 * Every {@link ReviewState}.
 * @public
 */
export const REVIEW_STATES: readonly ReviewState[] = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'rejected',
  'expired',
  'withdrawn',
];

/**
 * A reviewer's decision.
 * @public
 */
export type ReviewDecisionKind = 'approve' | 'request_changes' | 'reject';

/**
 * A decision recorded on a review.
 * @public
 */
export interface ReviewDecision {
  decision: ReviewDecisionKind;
  by: string;
  at: string;
  note?: string;
}

/**
 * What the caller may do with a review now; the portal offers only these.
 * @public
 */
export type ReviewAction =
  | 'edit_items'
  | 'waive'
  | 'submit'
  | 'withdraw'
  | 'approve'
  | 'request_changes'
  | 'reject';

/**
 * A governance review of one model at one version.
 * @public
 */
export interface Review {
  id: string;
  model: string;
  version: string;
  state: ReviewState;
  riskTier: RiskTier;
  /** Increases with every write; a write names the revision it read (409 when stale). */
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  decidedAt?: string;
  /** When an approval stops counting. */
  expiresAt?: string;
  /** Why an approved review expired or why it must be reviewed again. */
  reason?: string;
  approvalsRequired: number;
  decisions: ReviewDecision[];
  items: ReviewItem[];
  /** For the caller. */
  actions: ReviewAction[];
}

/**
 * A review in a list: without its items.
 * @public
 */
export type ReviewSummary = Omit<Review, 'items' | 'actions'> & {
  /** Item counts by status. */
  counts: Record<ReviewItemStatus, number>;
};

/**
 * A model's standing against its lifecycle stage's rules.
 * @public
 */
export type ComplianceStatus = 'compliant' | 'at_risk' | 'non_compliant';

/**
 * Every {@link ComplianceStatus}, from best to worst.
 * @public
 */
export const COMPLIANCE_STATUSES: readonly ComplianceStatus[] = [
  'compliant',
  'at_risk',
  'non_compliant',
];

/**
 * The compliance of one model, with the reasons.
 * @public
 */
export interface ModelCompliance {
  model: string;
  title?: string;
  owner?: string;
  system?: string;
  stage: string;
  riskTier?: RiskTier;
  status: ComplianceStatus;
  reasons: string[];
  /** The review that counts: the newest approved, else the newest open one. */
  review?: {
    id: string;
    state: ReviewState;
    version: string;
    expiresAt?: string;
  };
}

/**
 * `GET /compliance`.
 * @public
 */
export interface ComplianceResponse {
  items: ModelCompliance[];
}

/**
 * `GET /governance/expiring`: approvals and waivers that end within the given days.
 * @public
 */
export interface ExpiringResponse {
  approvals: ReviewSummary[];
  waivers: Array<{
    reviewId: string;
    model: string;
    itemId: string;
    title: string;
    reason: string;
    expiresAt: string;
  }>;
}

/**
 * `GET /models/:kind/:namespace/:name/reviews` and `GET /reviews`.
 * @public
 */
export interface ReviewListResponse {
  items: ReviewSummary[];
  /** Whether the caller may open a new review of this model (model listing only). */
  canCreate?: boolean;
  /**
   * Pass as `cursor` for the next (older) page; absent on the last page. A page may
   * hold fewer items than asked for when some are of models the caller cannot see.
   */
  nextCursor?: string;
}

/**
 * One entry of a model's audit log (`GET /models/:kind/:namespace/:name/audit`).
 * @public
 */
export interface AuditEntry {
  id: number;
  /** The entry's place in its model's hash chain, from 1. */
  seq: number;
  occurredAt: string;
  actor: string;
  action: string;
  model?: string;
  before?: unknown;
  after?: unknown;
  /** The hash of the entry before it (`null` for the first): see `auditChainPayload`. */
  prevHash: string | null;
  /** SHA-256 (hex) of `auditChainPayload` of this entry. */
  hash: string;
}

/**
 * A page of a model's audit log; `nextCursor`, when present, asks for the next page.
 * @public
 */
export interface AuditLogPage {
  items: AuditEntry[];
  nextCursor?: string;
}

/**
 * One entry of an audit export: the chain as stored, without database ids.
 * @public
 */
export type AuditExportEntry = Omit<AuditEntry, 'id'>;

/**
 * The JSON export of a model's audit log
 * (`GET /models/:kind/:namespace/:name/audit/export`): its whole chain, oldest first.
 * @public
 */
export interface AuditExport {
  model: string;
  exportedAt: string;
  entries: AuditExportEntry[];
}
