import type {
  ComplianceStatus,
  ReviewItemStatus,
  ReviewState,
} from '@lab2live/plugin-ml-catalog-common';
import { statusLabel, Tone, ToneChip } from './statusChips';

const REVIEW_TONES: Record<ReviewState, Tone> = {
  draft: 'off',
  in_review: 'busy',
  changes_requested: 'warn',
  approved: 'good',
  rejected: 'bad',
  expired: 'warn',
  withdrawn: 'off',
};

const ITEM_TONES: Record<ReviewItemStatus, Tone> = {
  pass: 'good',
  fail: 'bad',
  waived: 'warn',
  not_applicable: 'off',
  pending: 'off',
};

const COMPLIANCE_TONES: Record<ComplianceStatus, Tone> = {
  compliant: 'good',
  at_risk: 'warn',
  non_compliant: 'bad',
};

/** The state of a review: draft, in review, approved... */
export function ReviewStateChip(props: { state: ReviewState }) {
  return (
    <ToneChip
      label={statusLabel(props.state)}
      tone={REVIEW_TONES[props.state]}
    />
  );
}

/** The status of a checklist item. */
export function ItemStatusChip(props: { status: ReviewItemStatus }) {
  return (
    <ToneChip
      label={statusLabel(props.status)}
      tone={ITEM_TONES[props.status]}
    />
  );
}

/**
 * A model's compliance with its stage's rules; the reasons show on hover and on keyboard
 * focus, and screen readers read them as the chip's description.
 */
export function ComplianceChip(props: {
  status?: ComplianceStatus;
  reasons?: string[];
  size?: 'small' | 'medium';
}) {
  if (!props.status) {
    return <ToneChip label="unknown" tone="off" size={props.size} />;
  }
  const reasons = props.reasons ?? [];
  return (
    <ToneChip
      label={statusLabel(props.status)}
      tone={COMPLIANCE_TONES[props.status]}
      size={props.size}
      help={
        reasons.length ? reasons.join('; ') : 'Meets every rule of its stage'
      }
      ariaLabel={`Compliance: ${statusLabel(props.status)}`}
    />
  );
}
