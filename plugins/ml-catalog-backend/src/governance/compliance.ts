import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  ComplianceStatus,
  EnvironmentDeployment,
  ObjectiveStatus,
  Review,
} from '@lab2live/plugin-ml-catalog-common';

/** The rules a lifecycle stage can require or warn about. */
export const STAGE_RULES = [
  'approved-review',
  'owner',
  'training-dataset',
  'sla',
  'healthy-deployment',
  'sla-not-breached',
  'nothing-expiring',
  'open-review',
] as const;

export type StageRule = (typeof STAGE_RULES)[number];

/** Per stage: rules that make a model non-compliant, and rules that put it at risk. */
export type StageRules = Record<
  string,
  { required: StageRule[]; warnings: StageRule[] }
>;

/**
 * The default: production needs an approved, unexpired review with no failing item, an
 * owner, a training dataset and an SLA, and is at risk without a healthy production
 * deployment, with a breached SLA or with an approval or waiver about to end.
 */
export const DEFAULT_STAGE_RULES: StageRules = {
  production: {
    required: ['approved-review', 'owner', 'training-dataset', 'sla'],
    warnings: ['healthy-deployment', 'sla-not-breached', 'nothing-expiring'],
  },
  staging: {
    required: ['owner', 'training-dataset'],
    warnings: ['sla', 'open-review'],
  },
};

const FALLBACK = { required: ['owner'] as StageRule[], warnings: [] };

/** `lab2live.governance.stageRules`, checked: an unknown rule is a startup error. */
export function readStageRules(config: Config): StageRules {
  const block = config.getOptionalConfig('lab2live.governance.stageRules');
  if (!block) return DEFAULT_STAGE_RULES;
  const rules: StageRules = {};
  for (const stage of block.keys()) {
    const read = (key: 'required' | 'warnings') =>
      (block.getOptionalStringArray(`${stage}.${key}`) ?? []).map(rule => {
        if (!(STAGE_RULES as readonly string[]).includes(rule)) {
          throw new InputError(
            `lab2live.governance.stageRules.${stage}.${key}: unknown rule '${rule}'; known rules: ${STAGE_RULES.join(
              ', ',
            )}`,
          );
        }
        return rule as StageRule;
      });
    rules[stage] = { required: read('required'), warnings: read('warnings') };
  }
  return rules;
}

/** What the rules look at for one model. */
export interface ComplianceFacts {
  stage: string;
  owner?: string;
  hasTrainingDataset: boolean;
  hasSla: boolean;
  /**
   * The newest approved review as it counts now (state `expired` when it lapsed), with
   * the items that can fail it.
   */
  approved?: Pick<
    Review,
    'state' | 'version' | 'reason' | 'expiresAt' | 'items'
  >;
  /** The newest open review. */
  open?: Review;
  /** The newest review of any state, for the reason when nothing is approved. */
  latest?: Review;
  deployments: EnvironmentDeployment[];
  slaStatus?: ObjectiveStatus;
  now: number;
  expiringWithinMs: number;
}

const day = (iso: string) => iso.slice(0, 10);

/** Why a rule fails for a model, or undefined when it holds. */
function failure(rule: StageRule, facts: ComplianceFacts): string | undefined {
  switch (rule) {
    case 'owner':
      return facts.owner ? undefined : 'No owner (spec.owner)';
    case 'training-dataset':
      return facts.hasTrainingDataset
        ? undefined
        : 'No training dataset linked';
    case 'sla':
      return facts.hasSla ? undefined : 'No SLA covers the model';
    case 'approved-review': {
      const review = facts.approved;
      if (!review) {
        return facts.latest
          ? `No approved governance review (latest: version ${
              facts.latest.version
            }, ${facts.latest.state.replace(/_/g, ' ')})`
          : 'No approved governance review';
      }
      if (review.state === 'expired') {
        return `The approval of version ${review.version} no longer counts: ${review.reason}`;
      }
      const failing = review.items.filter(i => i.status === 'fail');
      if (failing.length > 0) {
        return `Checklist items fail: ${failing
          .map(i =>
            i.waiver?.expired ? `${i.title} (waiver expired)` : i.title,
          )
          .join('; ')}`;
      }
      return undefined;
    }
    case 'healthy-deployment': {
      const environment = facts.stage;
      const deployment = facts.deployments.find(
        d => d.environment === environment,
      );
      if (!deployment) return `Not deployed to ${environment}`;
      if (deployment.stale) {
        // Since the last word from a source: its newest event or confirmation.
        const lastWord =
          deployment.confirmedAt &&
          deployment.confirmedAt > deployment.updatedAt
            ? deployment.confirmedAt
            : deployment.updatedAt;
        return `The ${environment} deployment stopped reporting (stale since ${day(
          lastWord,
        )})`;
      }
      return deployment.status === 'healthy'
        ? undefined
        : `The ${environment} deployment of version ${
            deployment.version
          } is ${deployment.status.replace(/_/g, ' ')}`;
    }
    case 'sla-not-breached':
      return facts.slaStatus === 'breached'
        ? 'An SLA objective is breached'
        : undefined;
    case 'nothing-expiring': {
      const review = facts.approved;
      if (!review || review.state !== 'approved') return undefined;
      const soon = facts.now + facts.expiringWithinMs;
      const reasons: string[] = [];
      if (review.expiresAt && Date.parse(review.expiresAt) <= soon) {
        reasons.push(`the approval ends on ${day(review.expiresAt)}`);
      }
      for (const item of review.items) {
        if (
          item.waiver &&
          !item.waiver.expired &&
          Date.parse(item.waiver.expiresAt) <= soon
        ) {
          reasons.push(
            `the waiver of "${item.title}" ends on ${day(
              item.waiver.expiresAt,
            )}`,
          );
        }
      }
      return reasons.length ? `Soon: ${reasons.join('; ')}` : undefined;
    }
    case 'open-review':
      return facts.open || facts.approved?.state === 'approved'
        ? undefined
        : 'No governance review opened yet';
    default:
      return undefined;
  }
}

/** A model's compliance with its stage's rules, with every reason. */
export function evaluateCompliance(
  rules: StageRules,
  facts: ComplianceFacts,
): { status: ComplianceStatus; reasons: string[] } {
  const stageRules = rules[facts.stage] ?? FALLBACK;
  const required = stageRules.required
    .map(rule => failure(rule, facts))
    .filter((r): r is string => !!r);
  const warnings = stageRules.warnings
    .map(rule => failure(rule, facts))
    .filter((r): r is string => !!r);
  let status: ComplianceStatus = 'compliant';
  if (warnings.length > 0) status = 'at_risk';
  if (required.length > 0) status = 'non_compliant';
  return { status, reasons: [...required, ...warnings] };
}
