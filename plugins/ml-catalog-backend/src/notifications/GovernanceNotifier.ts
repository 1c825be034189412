import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  NotificationRecipients,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import type { AuditLog } from '../audit/AuditLog';
import type { GovernanceStore } from '../database/GovernanceStore';
import { expiryReason, ReviewRecord } from '../governance/workflow';
import { specRef, StatusService } from '../service/StatusService';
import { modelTabPath } from './links';
import { NotificationLedger } from './NotificationLedger';

const DAY = 86_400_000;

/** What a notice needs of a model: its name, title and owner. */
const MODEL_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.owner',
];

/**
 * The topics of Lab2Live's notifications. People mute a topic in the notification
 * settings of the portal.
 *
 * @public
 */
export const LAB2LIVE_NOTIFICATION_TOPICS = {
  reviewSubmitted: 'lab2live-review-submitted',
  reviewDecision: 'lab2live-review-decision',
  approvalEnding: 'lab2live-approval-ending',
  sla: 'lab2live-sla',
  unapprovedProduction: 'lab2live-unapproved-production',
} as const;

/** How many days before an approval or a waiver ends its owners hear of it. */
export const ENDING_NOTICES_DAYS = [14, 3] as const;

/** The decision an audited action made, if it decided the review. */
const DECISIONS: Record<
  string,
  (state?: string) => 'approved' | 'changes_requested' | 'rejected' | undefined
> = {
  'review.approve': state => (state === 'approved' ? 'approved' : undefined),
  'review.request_changes': () => 'changes_requested',
  'review.reject': () => 'rejected',
};

/** How far back a run looks for review events it may not have notified yet. */
const AUDIT_LOOKBACK_MS = 2 * DAY;

/** One notification to send once, under its event key. */
interface Outgoing {
  kind: string;
  key: string;
  recipients: string[];
  exclude?: string[];
  title: string;
  description: string;
  link: string;
  severity: NotificationSeverity;
  topic: string;
}

/** What the notifier reads and sends with. */
export interface GovernanceNotifierOptions {
  ledger: NotificationLedger;
  audit: AuditLog;
  store: Pick<GovernanceStore, 'getReview' | 'listReviews' | 'listItems'>;
  status: Pick<StatusService, 'servingSince' | 'getSummary' | 'getModelStatus'>;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  logger: LoggerService;
  /** Who decides reviews (`lab2live.governance.reviewBoard`): groups or users. */
  reviewBoard: string[];
  productionEnvironment: string;
  clock?: () => number;
}

const displayName = (model: string, entity?: Entity) =>
  entity?.metadata.title ?? entity?.metadata.name ?? model;

const tier = (review: ReviewRecord) => review.riskTier.replace(/_/g, ' ');

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Lab2Live's notifications, through Backstage's notification service: a review
 * submitted (to the board), a decision (to the owning team), approvals and waivers
 * ending in 14 and in 3 days (to the owning team), an SLA objective breached or burning
 * its budget fast (to the owning team), a production deployment of a version without an
 * approval (to the owning team and the board). Each event is sent once: its key is
 * claimed in `notifications_sent` before sending, across replicas and runs, and it is
 * the notification's `scope`.
 */
export class GovernanceNotifier {
  private readonly clock: () => number;

  constructor(private readonly options: GovernanceNotifierOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Finds every current event and sends those not sent yet. */
  async run(): Promise<{ sent: number }> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const outgoing = [
      ...(await this.reviewEvents(credentials)),
      ...(await this.endingEvents(credentials)),
      ...(await this.modelConditions(credentials)),
    ];
    let sent = 0;
    const failed: string[] = [];
    for (const event of outgoing) {
      const result = await this.sendOnce(event);
      if (result === 'sent') sent += 1;
      if (typeof result === 'object') failed.push(result.error);
    }
    if (failed.length > 0) {
      // One line per run: without a notifications backend every event fails alike.
      this.options.logger.warn(
        `Could not send ${failed.length} notification(s), tried again next run (lab2live.notifications.enabled: false turns them off): ${failed[0]}`,
      );
    }
    return { sent };
  }

  private async sendOnce(
    event: Outgoing,
  ): Promise<'sent' | 'skipped' | { error: string }> {
    const { ledger, notifications } = this.options;
    if (event.recipients.length === 0) return 'skipped';
    if (!(await ledger.claim(event.kind, event.key))) return 'skipped';
    const recipients: NotificationRecipients = {
      type: 'entity',
      entityRef: [...new Set(event.recipients)],
      ...(event.exclude?.length ? { excludeEntityRef: event.exclude } : {}),
    };
    try {
      await notifications.send({
        recipients,
        payload: {
          title: event.title,
          description: event.description,
          link: event.link,
          severity: event.severity,
          topic: event.topic,
          scope: event.key,
        },
      });
      return 'sent';
    } catch (error) {
      // Give the claim back: the next run tries again.
      await ledger.release(event.key);
      return { error: `${event.key}: ${error}` };
    }
  }

  // ------------------------------------------------------------ reviews

  /** Submissions and decisions, from the audit log. */
  private async reviewEvents(
    credentials: BackstageCredentials,
  ): Promise<Outgoing[]> {
    const entries = await this.options.audit.listRecent(
      [
        'review.submitted',
        'review.approve',
        'review.request_changes',
        'review.reject',
      ],
      this.clock() - AUDIT_LOOKBACK_MS,
    );
    const result: Outgoing[] = [];
    const reviews = new Map<string, ReviewRecord | undefined>();
    const entities = await this.entities(
      entries.flatMap(e => (e.model ? [e.model] : [])),
      credentials,
    );
    for (const entry of entries) {
      const after = (entry.after ?? {}) as {
        review?: string;
        state?: string;
        note?: string;
      };
      if (!after.review || !entry.model) continue;
      if (!reviews.has(after.review)) {
        reviews.set(
          after.review,
          (await this.options.store.getReview(after.review))?.review,
        );
      }
      const review = reviews.get(after.review);
      if (!review) continue;
      const entity = entities.get(review.model);
      const name = displayName(review.model, entity);
      const owner =
        (entity && specRef(entity, 'owner', 'group')) ?? review.ownerAtOpening;
      const link = modelTabPath(review.model, 'governance');
      const via = (entry.after as { via?: string }).via
        ? ' (through an agent)'
        : '';
      if (entry.action === 'review.submitted') {
        result.push({
          kind: 'review-submitted',
          key: `review-submitted:${review.id}:${entry.id}`,
          recipients: this.options.reviewBoard,
          exclude: [entry.actor],
          title: `Review waiting: ${name} version ${review.version}`,
          description: `${entry.actor} submitted ${name} version ${
            review.version
          } (${tier(
            review,
          )} risk) for review${via}. Open its Governance tab, check the checklist and its evidence, then approve or request changes.`,
          link,
          severity: review.riskTier === 'high' ? 'high' : 'normal',
          topic: LAB2LIVE_NOTIFICATION_TOPICS.reviewSubmitted,
        });
        continue;
      }
      // One approval of several is no decision yet: the review waits for more.
      const decision = DECISIONS[entry.action]?.(after.state);
      if (!decision || !owner) continue;
      const note = after.note ? ` Note: "${after.note}".` : '';
      const next = {
        approved: `It may go to production until ${
          review.expiresAt ? day(review.expiresAt) : 'its approval ends'
        }; nothing more to do now.`,
        changes_requested: `Open its Governance tab, make the changes the board asks for, and submit it again.`,
        rejected: `It may not go to production. Open its Governance tab to read why; a new version needs a new review.`,
      }[decision];
      result.push({
        kind: 'review-decision',
        key: `review-decision:${review.id}:${entry.id}`,
        recipients: [owner],
        exclude: [entry.actor],
        title: `${
          {
            approved: 'Approved',
            changes_requested: 'Changes requested',
            rejected: 'Rejected',
          }[decision]
        }: ${name} version ${review.version}`,
        description: `${entry.actor} ${decision.replace(
          /_/g,
          ' ',
        )} the review of ${name} version ${
          review.version
        }${via}.${note} ${next}`,
        link,
        severity: decision === 'approved' ? 'normal' : 'high',
        topic: LAB2LIVE_NOTIFICATION_TOPICS.reviewDecision,
      });
    }
    return result;
  }

  /** Approvals and waivers that end within 14 days, and again within 3. */
  private async endingEvents(
    credentials: BackstageCredentials,
  ): Promise<Outgoing[]> {
    const now = this.clock();
    const horizon = now + Math.max(...ENDING_NOTICES_DAYS) * DAY;
    const notice = (endsAt: number) =>
      [...ENDING_NOTICES_DAYS]
        .sort((a, b) => a - b)
        .find(days => endsAt <= now + days * DAY);
    const records = await this.options.store.listReviews({
      states: ['draft', 'in_review', 'changes_requested', 'approved'],
    });
    const items = await this.options.store.listItems(records.map(r => r.id));
    const entities = await this.entities(
      records.map(r => r.model),
      credentials,
    );
    const result: Outgoing[] = [];
    for (const review of records) {
      const entity = entities.get(review.model);
      const owner =
        (entity && specRef(entity, 'owner', 'group')) ?? review.ownerAtOpening;
      if (!owner) continue;
      const name = displayName(review.model, entity);
      const link = modelTabPath(review.model, 'governance');
      if (
        review.state === 'approved' &&
        review.expiresAt !== undefined &&
        review.expiresAt > now &&
        review.expiresAt <= horizon
      ) {
        const days = notice(review.expiresAt)!;
        result.push({
          kind: 'approval-ending',
          key: `approval-ending:${review.id}:${review.expiresAt}:${days}d`,
          recipients: [owner],
          title: `Approval ends in ${days} days: ${name} version ${review.version}`,
          description: `The approval of ${name} version ${
            review.version
          } ends on ${day(
            review.expiresAt,
          )}; after that the model is not compliant in production. Open its Governance tab and open a new review in time.`,
          link,
          severity: days <= 3 ? 'high' : 'normal',
          topic: LAB2LIVE_NOTIFICATION_TOPICS.approvalEnding,
        });
      }
      for (const item of items.get(review.id) ?? []) {
        const endsAt = item.waiver?.expiresAt;
        if (endsAt === undefined || endsAt <= now || endsAt > horizon) continue;
        const days = notice(endsAt)!;
        result.push({
          kind: 'waiver-ending',
          key: `waiver-ending:${review.id}:${item.itemId}:${endsAt}:${days}d`,
          recipients: [owner],
          title: `Waiver ends in ${days} days: ${item.definition.title} (${name})`,
          description: `The waiver of "${
            item.definition.title
          }" on ${name} version ${review.version} ends on ${day(
            endsAt,
          )}; then the item fails. Open its Governance tab and meet the item, or ask the board for a new waiver.`,
          link,
          severity: days <= 3 ? 'high' : 'normal',
          topic: LAB2LIVE_NOTIFICATION_TOPICS.approvalEnding,
        });
      }
    }
    return result;
  }

  // ------------------------------------------------------------ conditions

  /**
   * Conditions of models now: an SLA breached or burning fast, and a production version
   * without an approval. A condition notifies once while it lasts; when it ends its key
   * is forgotten, so it notifies again should it come back.
   */
  private async modelConditions(
    credentials: BackstageCredentials,
  ): Promise<Outgoing[]> {
    const { status, store, ledger, reviewBoard, productionEnvironment } =
      this.options;
    const { items: models } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'MLModel' },
        fields: MODEL_FIELDS,
      },
      { credentials },
    );
    const byRef = new Map(models.map(e => [refOf(e), e]));
    const refs = [...byRef.keys()];
    const result: Outgoing[] = [];
    const sla: Outgoing[] = [];
    const unapproved: Outgoing[] = [];
    if (refs.length === 0) {
      await ledger.keepOnly('sla', []);
      await ledger.keepOnly('unapproved-production', []);
      return result;
    }

    const summary = await status.getSummary(credentials, refs);
    for (const item of summary.items) {
      const entity = byRef.get(item.model);
      const owner = entity && specRef(entity, 'owner', 'group');
      // `slaAlert` (burn rates) where the status API has it; breaches always.
      const fastBurn = (item as { slaAlert?: string }).slaAlert === 'fast_burn';
      const breached = item.slaStatus === 'breached';
      if (!owner || (!fastBurn && !breached)) continue;
      const modelStatus = await status.getModelStatus(item.model, credentials);
      const name = displayName(item.model, entity);
      const link = modelTabPath(item.model, 'deployments');
      const objectives = modelStatus.sla.objectives.filter(o =>
        breached
          ? o.status === 'breached'
          : (o as { alert?: string }).alert === 'fast_burn',
      );
      const which = objectives.length
        ? objectives.map(o => `"${o.name}" of ${o.sla}`).join(', ')
        : 'an objective';
      const condition = breached ? 'breached' : 'fast-burn';
      sla.push({
        kind: 'sla',
        key: `sla:${item.model}:${condition}:${objectives
          .map(o => `${o.sla}#${o.name}`)
          .sort()
          .join(',')}`,
        recipients: [owner],
        title: breached
          ? `SLA breached: ${name}`
          : `SLA budget burning fast: ${name}`,
        description: breached
          ? `${name} breaches ${which} over its window. Open its Deployments tab, find the cause and fix it, or roll back; a breach for a whole window ends its approval.`
          : `${name} spends the error budget of ${which} at more than 14 times the sustainable pace. Open its Deployments tab and act before the objective is breached.`,
        link,
        severity: breached ? 'critical' : 'high',
        topic: LAB2LIVE_NOTIFICATION_TOPICS.sla,
      });
    }

    const now = this.clock();
    const serving = await status.servingSince(refs, productionEnvironment);
    const approved = await store.listReviews({
      models: [...serving.keys()],
      states: ['approved'],
    });
    for (const [model, current] of serving) {
      const covered = approved.some(
        review =>
          review.model === model &&
          review.version === current.version &&
          !expiryReason(review, now, { serving: current }),
      );
      const entity = byRef.get(model);
      const owner = entity && specRef(entity, 'owner', 'group');
      if (covered || !entity) continue;
      const name = displayName(model, entity);
      unapproved.push({
        kind: 'unapproved-production',
        key: `unapproved-production:${model}:${current.version}`,
        recipients: [...(owner ? [owner] : []), ...reviewBoard],
        title: `In production without approval: ${name} version ${current.version}`,
        description: `Version ${
          current.version
        } of ${name} serves in ${productionEnvironment} since ${new Date(
          current.since,
        )
          .toISOString()
          .slice(
            0,
            16,
          )}Z without an approved review of that version. Owners: open its Governance tab and submit a review of it, or roll back to the approved version.`,
        link: modelTabPath(model, 'governance'),
        severity: 'critical',
        topic: LAB2LIVE_NOTIFICATION_TOPICS.unapprovedProduction,
      });
    }
    await ledger.keepOnly(
      'sla',
      sla.map(e => e.key),
    );
    await ledger.keepOnly(
      'unapproved-production',
      unapproved.map(e => e.key),
    );
    return [...result, ...sla, ...unapproved];
  }

  private async entities(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    const unique = [...new Set(refs)];
    const result = new Map<string, Entity>();
    if (unique.length === 0) return result;
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: MODEL_FIELDS,
      },
      { credentials },
    );
    items.forEach(e => {
      if (e) result.set(refOf(e), e);
    });
    return result;
  }
}

function refOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}
