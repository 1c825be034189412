import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ChecklistItemDefinition,
  ComplianceResponse,
  ExpiringResponse,
  getModelDatasets,
  isMLModelEntity,
  MLModelEntityV1alpha1,
  ModelCompliance,
  Review,
  ReviewDecisionKind,
  ReviewItemStatus,
  ReviewListResponse,
  ReviewState,
  ReviewSummary,
  reviewApprovePermission,
  reviewCreatePermission,
  RiskTier,
  riskProfileOf,
  waiverCreatePermission,
} from '@lab2live/plugin-ml-catalog-common';
import type {
  GovernanceCheck,
  GovernanceCheckResult,
} from '@lab2live/plugin-ml-catalog-node';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../access/AccessService';
import { AuditLog } from '../audit/AuditLog';
import {
  GovernanceStore,
  OpenReviewExistsError,
  ReviewChange,
  StaleRevisionError,
} from '../database/GovernanceStore';
import { entitiesByRef } from '../service/entitiesByRef';
import {
  decodeCursor,
  encodeCursor,
  FEW_NAMED_MODELS,
  pageLimit,
} from '../service/paging';
import { normaliseRef, specRef, StatusService } from '../service/StatusService';
import { relatedRefsOf, slaRefsOf } from './checks';
import { itemsFor } from './checklist';
import { ComplianceFacts, evaluateCompliance, StageRules } from './compliance';
import { ComplianceSnapshot } from './ComplianceSnapshot';
import {
  allowedActions,
  Caller,
  countingReview,
  currentApprovers,
  DecisionRecord,
  dutyConflict,
  expiryReason,
  ItemRecord,
  OPEN_STATES,
  ReviewRecord,
  toReview,
} from './workflow';
import { lowerCase } from '../service/lowerCase';

const DAY = 86_400_000;
/** Deployment statuses that serve traffic. */
const SERVING = ['healthy', 'degraded'];

/** How governance is configured. */
export interface GovernanceOptions {
  store: GovernanceStore;
  status: StatusService;
  catalog: CatalogService;
  auth: AuthService;
  access: AccessService;
  logger: LoggerService;
  checklist: ChecklistItemDefinition[];
  checks: GovernanceCheck[];
  stageRules: StageRules;
  /** How long an approval counts. */
  approvalValidityMs: number;
  approvalsRequired: Record<RiskTier, number>;
  /** "Expiring soon" for compliance warnings and the dashboard. */
  expiringWithinMs: number;
  /** The environment whose version is "promoted" (default: the last configured one). */
  productionEnvironment: string;
  /** Where changes are recorded: all-models compliance reads ask it what changed. */
  audit: AuditLog;
  /**
   * How old the all-models compliance snapshot may grow before a read makes it again,
   * for what the audit log does not record (catalog edits, SLA observations, time).
   */
  complianceMaxAgeMs: number;
  clock?: () => number;
}

/** Audit entries that do not mark a model's compliance as changed (see the snapshot). */
const UNTRACKED_ACTIONS = ['sla.observed'];

/** A 409 whose body carries the current review, so the caller can show what changed. */
export class ReviewConflictError extends ConflictError {
  constructor(message: string, readonly current?: Review) {
    super(message);
  }
}

const MODEL_FIELDS = [
  'kind',
  'apiVersion',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec',
  'relations',
];

/**
 * Governance reviews: the workflow of the design note with separation of duties,
 * approvals by risk tier, waivers, expiry, automated items from catalog data, and
 * compliance with the stage rules.
 */
export class GovernanceService {
  private readonly clock: () => number;
  private readonly checks: Map<string, GovernanceCheck>;
  private readonly snapshot: ComplianceSnapshot;

  constructor(private readonly options: GovernanceOptions) {
    this.clock = options.clock ?? Date.now;
    this.snapshot = new ComplianceSnapshot({
      readModels: async () => {
        const { items } = await options.catalog.getEntities(
          { filter: { kind: 'MLModel' }, fields: MODEL_FIELDS },
          { credentials: await options.auth.getOwnServiceCredentials() },
        );
        return items.filter(isMLModelEntity);
      },
      readModelsByRef: async refs => {
        const credentials = await options.auth.getOwnServiceCredentials();
        const found = await this.entitiesByRef(refs, credentials, MODEL_FIELDS);
        return [...found.values()].filter(isMLModelEntity);
      },
      compute: async entities =>
        this.complianceOf(
          entities,
          await options.auth.getOwnServiceCredentials(),
        ),
      lastChange: () => options.audit.lastId(),
      changesSince: after =>
        options.audit.modelsChangedSince(after, { except: UNTRACKED_ACTIONS }),
      maxAgeMs: options.complianceMaxAgeMs,
      clock: () => this.clock(),
      onError: error =>
        options.logger.warn(
          `Could not compute the compliance of all models ahead of time: ${error}`,
        ),
    });
    this.checks = new Map(options.checks.map(c => [c.id, c]));
  }

  async getChecklist(
    credentials: BackstageCredentials,
  ): Promise<{ items: ChecklistItemDefinition[] }> {
    await this.options.access.requireRead(credentials);
    return { items: this.options.checklist };
  }

  // ---------------------------------------------------------------- reads

  /** A model's reviews, newest first, a page at a time. */
  async listModelReviews(
    modelRef: string,
    page: { limit?: number; cursor?: string },
    credentials: BackstageCredentials,
  ): Promise<ReviewListResponse> {
    await this.options.access.requireRead(credentials);
    const entity = await this.options.status.getModelEntity(
      modelRef,
      credentials,
    );
    const model = refOf(entity);
    const { items, last } = await this.options.store.listReviewsPage({
      models: [model],
      limit: pageLimit(page.limit, 'limit'),
      after: readCursor(page.cursor),
    });
    const caller = await this.caller(credentials, entity);
    const open = await this.options.store.listReviews({
      models: [model],
      states: [...OPEN_STATES],
    });
    return {
      items: await this.summaries(items),
      canCreate:
        caller.ownsModel &&
        caller.mayCreate &&
        isMLModelEntity(entity) &&
        open.length === 0,
      ...(last ? { nextCursor: encodeCursor(last) } : {}),
    };
  }

  /**
   * Reviews in some states, or those waiting for the caller's decision, of models the
   * caller may see in the catalog; newest first, a page at a time.
   */
  async listReviews(
    query: {
      states?: ReviewState[];
      awaitingMe?: boolean;
      limit?: number;
      cursor?: string;
    },
    credentials: BackstageCredentials,
  ): Promise<ReviewListResponse> {
    await this.options.access.requireRead(credentials);
    const states = query.awaitingMe ? ['in_review' as const] : query.states;
    const limit = pageLimit(query.limit, 'limit');
    const page = await this.options.store.listReviewsPage({
      states,
      limit,
      after: readCursor(query.cursor),
    });
    const visible = await this.options.access.visibleModels(credentials);
    let records = page.items.filter(r => visible.has(r.model));
    if (query.awaitingMe) {
      const who = await this.options.access.identity(credentials);
      const [mayApprove] = await this.options.access.allowed(credentials, [
        reviewApprovePermission,
      ]);
      if (!mayApprove || !this.options.access.onBoard(who)) {
        return { items: [] };
      }
      const owners = await this.ownersOf(records.map(r => r.model));
      const decisions = await this.options.store.listDecisions(
        records.map(r => r.id),
      );
      records = records.filter(r => {
        const owner = owners.get(r.model);
        const caller: Caller = {
          ref: who.ref,
          ownership: who.ownership,
          owner,
          ownsModel: !!owner && who.ownership.includes(owner),
          mayCreate: false,
          mayApprove: true,
          mayWaive: false,
        };
        return (
          dutyConflict(r, caller) === undefined &&
          !currentApprovers(r, decisions.get(r.id) ?? []).includes(who.ref)
        );
      });
    }
    return {
      items: await this.summaries(records),
      ...(page.last ? { nextCursor: encodeCursor(page.last) } : {}),
    };
  }

  async getReview(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Review> {
    await this.options.access.requireRead(credentials);
    return this.view(id, credentials);
  }

  // ---------------------------------------------------------------- writes

  async createReview(
    input: { model: string; version: string },
    credentials: BackstageCredentials,
  ): Promise<Review> {
    const entity = await this.options.status.getModelEntity(
      normaliseRef(input.model, 'mlmodel', 'model'),
      credentials,
    );
    if (!isMLModelEntity(entity)) {
      throw new InputError(
        `model: ${refOf(
          entity,
        )} is described by another tool (read-only here); only MLModel entities have reviews`,
      );
    }
    const caller = await this.caller(credentials, entity);
    this.requireOwner(caller, entity, 'open a review');
    const model = refOf(entity);
    const openConflict = async () => {
      const open = (
        await this.options.store.listReviews({
          models: [model],
          states: [...OPEN_STATES],
        })
      )[0];
      return new ReviewConflictError(
        open
          ? `${model} already has an open review (version ${
              open.version
            }, ${open.state.replace(
              /_/g,
              ' ',
            )}); withdraw it or finish it first`
          : `${model} already has an open review; withdraw it or finish it first`,
        open && (await this.readableView(open.id, credentials)),
      );
    };
    if (
      (
        await this.options.store.listReviews({
          models: [model],
          states: [...OPEN_STATES],
        })
      ).length > 0
    ) {
      throw await openConflict();
    }
    const profile = riskProfileOf(entity.spec.governance);
    const riskTier = profile.tier;
    const automated = await this.evaluate(entity);
    const items: ItemRecord[] = itemsFor(this.options.checklist, profile).map(
      (definition, position) => {
        const result = definition.check
          ? automated.get(definition.check)
          : undefined;
        return {
          itemId: definition.id,
          position,
          definition,
          status: itemStatusOf(result),
          evidence: [],
          ...(result ? { detail: result.detail } : {}),
        };
      },
    );
    const id = randomUUID();
    try {
      await this.options.store.createReview(
        {
          id,
          model,
          version: input.version,
          state: 'draft',
          riskTier,
          approvalsRequired: this.options.approvalsRequired[riskTier] ?? 1,
          createdBy: caller.ref,
          datasets: datasetVersions(entity),
          ownerAtOpening: ownerRef(entity),
          authors: [caller.ref],
        },
        items,
        {
          actor: caller.ref,
          action: 'review.created',
          model,
          after: {
            review: id,
            version: input.version,
            riskTier,
            owner: ownerRef(entity),
          },
        },
      );
    } catch (error) {
      // Another open landed between the check above and this insert.
      if (error instanceof OpenReviewExistsError) throw await openConflict();
      throw error;
    }
    return this.view(id, credentials);
  }

  async setItem(
    id: string,
    itemId: string,
    body: {
      revision: number;
      status: ReviewItemStatus;
      evidence?: string[];
      note?: string;
    },
    credentials: BackstageCredentials,
  ): Promise<Review> {
    const { record, item, caller, entity, decisions } = await this.forWrite(
      id,
      credentials,
      itemId,
    );
    this.requireAction(record, decisions, caller, 'edit_items', entity);
    if (item!.definition.mode === 'automated') {
      throw new InputError(
        `itemId: '${itemId}' is decided from catalog data (${
          item!.definition.check
        }); change the entity, or ask a reviewer for a waiver`,
      );
    }
    if (body.status === 'waived') {
      throw new InputError(
        "status: 'waived' is set by a reviewer's waiver (POST .../waiver), not by hand",
      );
    }
    for (const [index, url] of (body.evidence ?? []).entries()) {
      if (!/^https?:\/\/\S+$/.test(url)) {
        throw new InputError(
          `evidence[${index}] must be an http or https URL; got '${url.slice(
            0,
            100,
          )}'`,
        );
      }
    }
    return this.write(record, body.revision, credentials, {
      review: { authors: withAuthor(record, caller.ref) },
      item: {
        itemId,
        status: body.status,
        ...(body.evidence ? { evidence: body.evidence } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
        setBy: caller.ref,
      },
      audit: {
        actor: caller.ref,
        action: 'review.item.set',
        model: record.model,
        before: {
          review: id,
          item: itemId,
          status: item!.status,
          evidence: item!.evidence,
          note: item!.note,
        },
        after: {
          review: id,
          item: itemId,
          status: body.status,
          evidence: body.evidence ?? item!.evidence,
          note: body.note ?? item!.note,
        },
      },
    });
  }

  async waiveItem(
    id: string,
    itemId: string,
    body: { revision: number; reason: string; expiresAt: string },
    credentials: BackstageCredentials,
  ): Promise<Review> {
    const { record, item, caller, entity, decisions } = await this.forWrite(
      id,
      credentials,
      itemId,
    );
    this.requireAction(record, decisions, caller, 'waive', entity);
    const expiresAt = Date.parse(body.expiresAt);
    if (Number.isNaN(expiresAt) || expiresAt <= this.clock()) {
      throw new InputError(
        `expiresAt must be a future date such as ${new Date(
          this.clock() + 30 * DAY,
        )
          .toISOString()
          .slice(0, 10)}; got '${body.expiresAt}'`,
      );
    }
    if (!body.reason.trim()) {
      throw new InputError('reason must say why the item may be waived');
    }
    return this.write(record, body.revision, credentials, {
      item: {
        itemId,
        waiver: { reason: body.reason, expiresAt, by: caller.ref },
      },
      audit: {
        actor: caller.ref,
        action: 'review.item.waived',
        model: record.model,
        before: { review: id, item: itemId, waiver: item!.waiver ?? null },
        after: {
          review: id,
          item: itemId,
          waiver: {
            reason: body.reason,
            expiresAt: new Date(expiresAt).toISOString(),
          },
        },
      },
    });
  }

  async submit(
    id: string,
    revision: number,
    credentials: BackstageCredentials,
  ) {
    const { record, caller, entity, decisions } = await this.forWrite(
      id,
      credentials,
    );
    this.requireAction(record, decisions, caller, 'submit', entity);
    return this.write(record, revision, credentials, {
      review: {
        state: 'in_review',
        submittedAt: this.clock(),
        authors: withAuthor(record, caller.ref),
      },
      audit: transition(record, caller.ref, 'review.submitted', 'in_review'),
    });
  }

  async withdraw(
    id: string,
    revision: number,
    credentials: BackstageCredentials,
  ) {
    const { record, caller, entity, decisions } = await this.forWrite(
      id,
      credentials,
    );
    this.requireAction(record, decisions, caller, 'withdraw', entity);
    return this.write(record, revision, credentials, {
      review: { state: 'withdrawn' },
      audit: transition(record, caller.ref, 'review.withdrawn', 'withdrawn'),
    });
  }

  async decide(
    id: string,
    body: { revision: number; decision: ReviewDecisionKind; note?: string },
    credentials: BackstageCredentials,
  ): Promise<Review> {
    const { record, caller, entity, items, decisions } = await this.forWrite(
      id,
      credentials,
    );
    if (body.decision === 'approve' && record.riskTier === 'prohibited') {
      throw new ReviewConflictError(
        'A model in the prohibited risk tier cannot be approved; its review can only be rejected',
        await this.readableView(id, credentials),
      );
    }
    this.requireAction(record, decisions, caller, body.decision, entity);
    if (body.decision !== 'approve' && !body.note?.trim()) {
      throw new InputError(
        `note must say what to change or why, when the decision is ${body.decision}`,
      );
    }
    const change: ReviewChange = {
      decision: { decision: body.decision, actor: caller.ref, note: body.note },
      audit: {
        actor: caller.ref,
        action: `review.${body.decision}`,
        model: record.model,
        before: { review: id, state: record.state },
        after: { review: id, decision: body.decision, note: body.note },
      },
    };
    if (body.decision === 'approve') {
      const automated = await this.evaluate(entity);
      const view = toReview({
        review: record,
        items,
        decisions,
        automated,
        now: this.clock(),
        actions: [],
      });
      const open = view.items.filter(
        i => i.status === 'fail' || i.status === 'pending',
      );
      if (open.length > 0) {
        throw new ReviewConflictError(
          `Cannot approve while ${
            open.length
          } item(s) fail or are pending: ${open
            .map(i => `${i.title} (${i.status})`)
            .join('; ')}. Request changes, or waive them first`,
          await this.readableView(id, credentials),
        );
      }
      const approvers = new Set([
        ...currentApprovers(record, decisions),
        caller.ref,
      ]);
      if (approvers.size >= record.approvalsRequired) {
        const now = this.clock();
        change.review = {
          state: 'approved',
          decidedAt: now,
          expiresAt: now + this.options.approvalValidityMs,
        };
        change.audit.after = {
          ...(change.audit.after as object),
          state: 'approved',
          approvers: [...approvers],
        };
      }
    } else {
      const state =
        body.decision === 'reject' ? 'rejected' : 'changes_requested';
      change.review = {
        state,
        ...(state === 'rejected' ? { decidedAt: this.clock() } : {}),
      };
      change.audit.after = { ...(change.audit.after as object), state };
    }
    return this.write(record, body.revision, credentials, change);
  }

  // ---------------------------------------------------------------- compliance

  async getCompliance(
    filter: {
      owner?: string[];
      system?: string[];
      stage?: string[];
      riskTier?: string[];
      model?: string[];
    },
    credentials: BackstageCredentials,
  ): Promise<ComplianceResponse> {
    await this.options.access.requireRead(credentials);
    const lower = (values?: string[]) => values?.map(lowerCase);
    const owners = lower(filter.owner);
    const systems = lower(filter.system);
    const models =
      filter.model &&
      new Set(filter.model.map(m => normaliseRef(m, 'mlmodel', 'model')));
    const matches = (entity: MLModelEntityV1alpha1) =>
      (!owners || owners.includes(ownerRef(entity) ?? '')) &&
      (!systems || systems.includes(systemRef(entity) ?? '')) &&
      (!filter.stage || filter.stage.includes(entity.spec.lifecycle)) &&
      (!filter.riskTier ||
        filter.riskTier.includes(entity.spec.governance?.riskTier ?? ''));
    if (models && models.size <= FEW_NAMED_MODELS) {
      // A page's few models: read as the caller sees them now, in the order named.
      const found = await this.entitiesByRef(
        [...models],
        credentials,
        MODEL_FIELDS,
      );
      const selected = [...models]
        .map(ref => found.get(ref))
        .filter((e): e is MLModelEntityV1alpha1 => !!e && isMLModelEntity(e))
        .filter(matches);
      return { items: await this.complianceOf(selected, credentials) };
    }
    const [rows, visible] = await Promise.all([
      this.snapshot.read(),
      this.options.access.visibleModelsIfLimited(credentials),
    ]);
    return {
      items: rows
        .filter(
          ({ entity, compliance: { model } }) =>
            (!visible || visible.has(model)) &&
            (!models || models.has(model)) &&
            matches(entity),
        )
        .map(row => row.compliance),
    };
  }

  /** Waits for background work (the next compliance snapshot); starts no more. */
  stop(): Promise<void> {
    return this.snapshot.stop();
  }

  async getModelCompliance(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<ModelCompliance> {
    await this.options.access.requireRead(credentials);
    const entity = await this.options.status.getModelEntity(
      modelRef,
      credentials,
    );
    if (!isMLModelEntity(entity)) {
      throw new NotFoundError(
        `${refOf(entity)} is not an MLModel; only MLModels have governance`,
      );
    }
    const [result] = await this.complianceOf([entity], credentials);
    return result;
  }

  /** Approvals and waivers that end within `days`. */
  async getExpiring(
    days: number,
    credentials: BackstageCredentials,
  ): Promise<ExpiringResponse> {
    await this.options.access.requireRead(credentials);
    const now = this.clock();
    const until = now + days * DAY;
    const visible = await this.options.access.visibleModels(credentials);
    const approved = await this.options.store.listReviews({
      states: ['approved'],
    });
    const approvals = approved.filter(
      r =>
        visible.has(r.model) &&
        r.expiresAt !== undefined &&
        r.expiresAt > now &&
        r.expiresAt <= until,
    );
    const open = (
      await this.options.store.listReviews({
        states: [...OPEN_STATES, 'approved'],
      })
    ).filter(r => visible.has(r.model));
    const openItems = await this.options.store.listItems(open.map(r => r.id));
    const waivers = open.flatMap(r =>
      (openItems.get(r.id) ?? [])
        .filter(
          i =>
            i.waiver && i.waiver.expiresAt > now && i.waiver.expiresAt <= until,
        )
        .map(i => ({
          reviewId: r.id,
          model: r.model,
          itemId: i.itemId,
          title: i.definition.title,
          reason: i.waiver!.reason,
          expiresAt: new Date(i.waiver!.expiresAt).toISOString(),
        })),
    );
    return {
      approvals: await this.summaries(approvals),
      waivers: waivers.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt)),
    };
  }

  // ---------------------------------------------------------------- schedule

  /**
   * Re-evaluates automated items of open and approved reviews from the catalog, and
   * expires approvals that ended or whose model moved on. Runs on the scheduler, once
   * per interval across replicas.
   */
  async refresh(): Promise<{ evaluated: number; expired: number }> {
    const actor = 'plugin:ml-catalog';
    const records = await this.options.store.listReviews({
      states: [...OPEN_STATES, 'approved'],
    });
    if (records.length === 0) return { evaluated: 0, expired: 0 };
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entities = await this.entitiesByRef(
      [...new Set(records.map(r => r.model))],
      credentials,
    );
    const serving = await this.servingVersions(records.map(r => r.model));
    const items = await this.options.store.listItems(records.map(r => r.id));
    const approvedModels = [
      ...new Set(records.filter(r => r.state === 'approved').map(r => r.model)),
    ];
    const breached = new Set(
      approvedModels.length
        ? (
            await this.options.status.getSummary(credentials, approvedModels)
          ).items
            .filter(i => i.slaStatus === 'breached')
            .map(i => i.model)
        : [],
    );
    let evaluated = 0;
    let expired = 0;
    for (const record of records) {
      const entity = entities.get(record.model);
      if (!entity || !isMLModelEntity(entity)) continue;
      const automated = await this.evaluate(entity);
      const changes = (items.get(record.id) ?? []).flatMap(item => {
        const result = item.definition.check
          ? automated.get(item.definition.check)
          : undefined;
        if (!result) return [];
        const status: ReviewItemStatus = result.passed ? 'pass' : 'fail';
        return status === item.status && result.detail === item.detail
          ? []
          : [
              {
                itemId: item.itemId,
                status,
                detail: result.detail,
                before: item.status,
              },
            ];
      });
      await this.options.store.recordAutomatedResults(
        record.id,
        record.model,
        changes,
        actor,
      );
      evaluated += changes.length;
      const reason = expiryReason(record, this.clock(), {
        riskTier: entity.spec.governance?.riskTier,
        serving: serving.get(record.model),
        datasets: datasetVersions(entity),
      });
      const lapsed =
        reason ??
        (record.state === 'approved' && breached.has(record.model)
          ? await this.slaBreachedAllWindow(record.model, credentials)
          : undefined);
      if (lapsed && (await this.options.store.expire(record, lapsed, actor))) {
        expired += 1;
      }
    }
    return { evaluated, expired };
  }

  /**
   * An SLA objective that missed every observation of its whole window: breached for
   * longer than the window, which asks for a new review.
   */
  private async slaBreachedAllWindow(
    model: string,
    credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    const status = await this.options.status.getModelStatus(model, credentials);
    const objective = status.sla.objectives.find(
      o =>
        o.status === 'breached' &&
        o.indicator !== 'model_age_days' &&
        o.samples > 0 &&
        o.missed === o.samples,
    );
    return objective
      ? `The SLA objective "${objective.name}" of ${objective.sla} was breached for its whole window (${objective.window})`
      : undefined;
  }

  // ---------------------------------------------------------------- internals

  /**
   * A review as the caller sees it; 404 when it does not exist or its model is not one
   * the caller may see in the catalog.
   */
  private async view(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Review> {
    const stored = await this.options.store.getReview(id);
    if (!stored) throw new NotFoundError(`No review ${id}`);
    const entity = await this.entityOrUndefined(
      stored.review.model,
      credentials,
    );
    if (!entity) throw new NotFoundError(`No review ${id}`);
    const automated = await this.evaluate(entity);
    const caller = await this.caller(credentials, entity);
    const serving = await this.servingVersions([stored.review.model]);
    const model = entity && isMLModelEntity(entity) ? entity : undefined;
    const expiredBecause = expiryReason(stored.review, this.clock(), {
      riskTier: model?.spec.governance?.riskTier,
      serving: serving.get(stored.review.model),
      datasets: model && datasetVersions(model),
    });
    return toReview({
      ...stored,
      automated,
      now: this.clock(),
      expiredBecause,
      actions: allowedActions(stored.review, stored.decisions, caller),
    });
  }

  /** The review for a 409's body, only when the caller may read it. */
  private async readableView(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Review | undefined> {
    try {
      await this.options.access.requireRead(credentials);
      return await this.view(id, credentials);
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'NotAllowedError' || name === 'NotFoundError') {
        return undefined;
      }
      throw error;
    }
  }

  private async summaries(records: ReviewRecord[]): Promise<ReviewSummary[]> {
    const ids = records.map(r => r.id);
    const [items, decisions] = await Promise.all([
      this.options.store.listItems(ids),
      this.options.store.listDecisions(ids),
    ]);
    const now = this.clock();
    return records.map(review => {
      const {
        items: reviewItems,
        actions,
        ...rest
      } = toReview({
        review,
        items: items.get(review.id) ?? [],
        decisions: decisions.get(review.id) ?? [],
        automated: new Map(),
        now,
        expiredBecause: expiryReason(review, now),
        actions: [],
      });
      void actions;
      const counts: Record<ReviewItemStatus, number> = {
        pass: 0,
        fail: 0,
        not_applicable: 0,
        waived: 0,
        pending: 0,
      };
      reviewItems.forEach(i => counts[i.status]++);
      return { ...rest, counts };
    });
  }

  private async complianceOf(
    entities: MLModelEntityV1alpha1[],
    credentials: BackstageCredentials,
  ): Promise<ModelCompliance[]> {
    const refs = entities.map(refOf);
    // Many models: one query for all reviews (and one for the items that can fail
    // them) beats hundreds of `IN` lists, and needs no answer of another read first,
    // so every read runs at once.
    const many = refs.length > 500;
    const [records, summary, itemsOfAll, serving] = await Promise.all([
      many
        ? this.options.store.listReviews().then(all => {
            const wanted = new Set(refs);
            return all.filter(r => wanted.has(r.model));
          })
        : this.options.store.listReviews({ models: refs }),
      this.options.status.getSummary(credentials, refs.length ? refs : []),
      many
        ? this.options.store.listItemsForCompliance(undefined, true)
        : undefined,
      this.servingVersions(refs),
    ]);
    const byModel = new Map<string, ReviewRecord[]>();
    for (const r of records) {
      const list = byModel.get(r.model);
      if (list) list.push(r);
      else byModel.set(r.model, [r]);
    }
    // Items only of the reviews that count: the newest approved (or lapsed) one.
    const counting = new Map<string, ReviewRecord>();
    for (const [model, list] of byModel) {
      const approved = list.find(
        r => r.state === 'approved' || r.state === 'expired',
      );
      if (approved) counting.set(model, approved);
    }
    const items =
      itemsOfAll ??
      (await this.options.store.listItemsForCompliance(
        [...counting.values()].map(r => r.id),
      ));
    const status = new Map(summary.items.map(i => [i.model, i]));
    const now = this.clock();
    return entities.map((entity, index) => {
      const model = refs[index];
      const owner = ownerRef(entity);
      const system = systemRef(entity);
      const list = byModel.get(model) ?? [];
      const approvedRecord = counting.get(model);
      const deployments = status.get(model)?.deployments ?? [];
      const production = deployments.find(
        d =>
          d.environment === this.options.productionEnvironment &&
          SERVING.includes(d.status),
      );
      const approved = approvedRecord
        ? countingReview(
            approvedRecord,
            items.get(approvedRecord.id) ?? [],
            now,
            expiryReason(approvedRecord, now, {
              riskTier: entity.spec.governance?.riskTier,
              serving: production && serving.get(model),
              // Only a review that recorded dataset versions compares them.
              datasets: approvedRecord.datasets?.length
                ? datasetVersions(entity)
                : undefined,
            }),
          )
        : undefined;
      const openRecord = list.find(r => OPEN_STATES.includes(r.state));
      const latest = list[0];
      const facts: ComplianceFacts = {
        stage: entity.spec.lifecycle,
        owner: entity.spec.owner,
        hasTrainingDataset: getModelDatasets(entity, ['training']).length > 0,
        hasSla: slaRefsOf(entity).length > 0,
        approved,
        open: openRecord ? ({ state: openRecord.state } as Review) : undefined,
        latest: latest
          ? ({ version: latest.version, state: latest.state } as Review)
          : undefined,
        deployments,
        slaStatus: status.get(model)?.slaStatus,
        now,
        expiringWithinMs: this.options.expiringWithinMs,
      };
      const result = evaluateCompliance(this.options.stageRules, facts);
      const shown = approved?.state === 'approved' ? approved : undefined;
      const reviewRecord = shown
        ? approvedRecord
        : openRecord ?? approvedRecord;
      return {
        model,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        ...(owner ? { owner } : {}),
        ...(system ? { system } : {}),
        stage: entity.spec.lifecycle,
        ...(entity.spec.governance?.riskTier
          ? { riskTier: entity.spec.governance.riskTier }
          : {}),
        status: result.status,
        reasons: result.reasons,
        ...(reviewRecord
          ? {
              review: {
                id: reviewRecord.id,
                state:
                  reviewRecord === approvedRecord && approved
                    ? approved.state
                    : reviewRecord.state,
                version: reviewRecord.version,
                ...(reviewRecord.expiresAt
                  ? {
                      expiresAt: new Date(reviewRecord.expiresAt).toISOString(),
                    }
                  : {}),
              },
            }
          : {}),
      };
    });
  }

  /** The version each model serves in production, and since when it counts as promoted. */
  private servingVersions(
    models: string[],
  ): Promise<Map<string, { version: string; since: number }>> {
    return this.options.status.servingSince(
      models,
      this.options.productionEnvironment,
    );
  }

  /** Runs every automated check on a model with its related entities. */
  private async evaluate(
    entity: Entity,
  ): Promise<Map<string, GovernanceCheckResult>> {
    const results = new Map<string, GovernanceCheckResult>();
    if (!isMLModelEntity(entity)) return results;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const related = await this.entitiesByRef(
      relatedRefsOf(entity),
      credentials,
    );
    for (const check of this.checks.values()) {
      try {
        results.set(check.id, await check.evaluate({ entity, related }));
      } catch (error) {
        results.set(check.id, {
          passed: false,
          detail: `The check failed to run: ${error}`,
        });
        this.options.logger.warn(
          `Governance check ${check.id} failed on ${refOf(entity)}: ${error}`,
        );
      }
    }
    return results;
  }

  private entitiesByRef(
    refs: string[],
    credentials: BackstageCredentials,
    fields?: string[],
  ): Promise<Map<string, Entity>> {
    return entitiesByRef(this.options.catalog, refs, credentials, fields);
  }

  private async entityOrUndefined(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    try {
      return await this.options.status.getModelEntity(ref, credentials);
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') return undefined;
      throw error;
    }
  }

  private async ownersOf(models: string[]): Promise<Map<string, string>> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entities = await this.entitiesByRef(
      [...new Set(models)],
      credentials,
    );
    const result = new Map<string, string>();
    for (const [ref, entity] of entities) {
      const owner = ownerRef(entity);
      if (owner) result.set(ref, owner);
    }
    return result;
  }

  /** Who is asking about a model (and a review of it), and what they may do. */
  private async caller(
    credentials: BackstageCredentials,
    entity?: Entity,
  ): Promise<Caller> {
    const { access } = this.options;
    const who = await access.identity(credentials);
    // Reviews are people's decisions: a service token reads, but never writes them.
    // (The permission framework allows service principals everything.)
    const [mayCreate, mayApprove, mayWaive] = who.isUser
      ? await access.allowed(credentials, [
          reviewCreatePermission,
          reviewApprovePermission,
          waiverCreatePermission,
        ])
      : [false, false, false];
    const owner = entity ? ownerRef(entity) : undefined;
    const onBoard = access.onBoard(who);
    return {
      ref: who.ref,
      ownership: who.ownership,
      owner,
      ownsModel: !!owner && who.ownership.includes(owner),
      mayCreate,
      mayApprove: mayApprove && onBoard,
      mayWaive: mayWaive && onBoard,
    };
  }

  private requireOwner(caller: Caller, entity: Entity, what: string) {
    if (!caller.mayCreate) {
      throw new NotAllowedError(`Not allowed: ${reviewCreatePermission.name}`);
    }
    if (!caller.ownsModel) {
      throw new NotAllowedError(
        `Only members of ${ownerRef(entity)}, which owns ${refOf(
          entity,
        )}, may ${what}`,
      );
    }
  }

  /** Refuses an action the caller may not take now, saying why. */
  private requireAction(
    record: ReviewRecord,
    decisions: DecisionRecord[],
    caller: Caller,
    action: ReturnType<typeof allowedActions>[number],
    entity: Entity,
  ) {
    if (allowedActions(record, decisions, caller).includes(action)) return;
    const decisionActions = ['approve', 'request_changes', 'reject'];
    if (decisionActions.includes(action) || action === 'waive') {
      const permission =
        action === 'waive' ? waiverCreatePermission : reviewApprovePermission;
      if (
        (action === 'waive' && !caller.mayWaive) ||
        (action !== 'waive' && !caller.mayApprove)
      ) {
        throw new NotAllowedError(
          `Not allowed: ${permission.name} (members of the review board, lab2live.governance.reviewBoard, who hold the permission)`,
        );
      }
      const conflict = dutyConflict(record, caller);
      if (conflict) {
        throw new NotAllowedError(
          `Separation of duties: ${conflict}, and may not ${action.replace(
            /_/g,
            ' ',
          )} its review`,
        );
      }
      if (
        action === 'approve' &&
        currentApprovers(record, decisions).includes(caller.ref)
      ) {
        throw new ReviewConflictError(
          `${caller.ref} approved this review already; it needs ${record.approvalsRequired} distinct approvers`,
        );
      }
    } else {
      this.requireOwner(
        caller,
        entity,
        `${action.replace(/_/g, ' ')} its review`,
      );
    }
    throw new ReviewConflictError(
      `The review is ${record.state.replace(/_/g, ' ')}: ${action.replace(
        /_/g,
        ' ',
      )} is not possible now`,
    );
  }

  private async forWrite(
    id: string,
    credentials: BackstageCredentials,
    itemId?: string,
  ) {
    const stored = await this.options.store.getReview(id);
    if (!stored) throw new NotFoundError(`No review ${id}`);
    const entity = await this.options.status.getModelEntity(
      stored.review.model,
      credentials,
    );
    const caller = await this.caller(credentials, entity);
    const item = itemId
      ? stored.items.find(i => i.itemId === itemId)
      : undefined;
    if (itemId && !item) {
      throw new NotFoundError(`Review ${id} has no checklist item '${itemId}'`);
    }
    return {
      record: stored.review,
      items: stored.items,
      decisions: stored.decisions as DecisionRecord[],
      item,
      caller,
      entity,
    };
  }

  private async write(
    record: ReviewRecord,
    revision: number,
    credentials: BackstageCredentials,
    change: ReviewChange,
  ): Promise<Review> {
    try {
      await this.options.store.update(record.id, revision, change);
    } catch (error) {
      if (error instanceof StaleRevisionError) {
        const current = await this.readableView(record.id, credentials);
        throw new ReviewConflictError(
          current
            ? `The review changed since you read it: you sent revision ${revision}, it is at revision ${
                current.revision
              } (${current.state.replace(/_/g, ' ')}). Reload it and try again`
            : `The review changed since you read it (revision ${revision}). Reload it and try again`,
          current,
        );
      }
      throw error;
    }
    return this.view(record.id, credentials);
  }
}

/** A new item's status: its automated result, or pending until someone sets it. */
function itemStatusOf(result?: GovernanceCheckResult): ReviewItemStatus {
  if (!result) return 'pending';
  return result.passed ? 'pass' : 'fail';
}

/** The datasets a model links and the versions it uses, for re-review triggers. */
function datasetVersions(
  entity: MLModelEntityV1alpha1,
): Array<{ ref: string; version?: string }> {
  return getModelDatasets(entity).map(d => ({
    ref: lowerCase(stringifyEntityRef(d.ref)),
    ...(d.version ? { version: d.version } : {}),
  }));
}

function transition(
  record: ReviewRecord,
  actor: string,
  action: string,
  state: ReviewState,
) {
  return {
    actor,
    action,
    model: record.model,
    before: { review: record.id, state: record.state },
    after: { review: record.id, state },
  };
}

function refOf(entity: Entity): string {
  return lowerCase(stringifyEntityRef(entity));
}

function ownerRef(entity: Entity) {
  return specRef(entity, 'owner', 'group');
}

function systemRef(entity: Entity) {
  return specRef(entity, 'system', 'system');
}

/** The review's authors with one more: they never decide the review. */
function withAuthor(record: ReviewRecord, author: string): string[] {
  return record.authors.includes(author)
    ? record.authors
    : [...record.authors, author];
}

/** A reviews cursor; 400 naming the field when it is not one this API gave out. */
function readCursor(
  cursor?: string,
): { createdAt: number; id: string } | undefined {
  if (!cursor) return undefined;
  const position = decodeCursor(cursor, 'cursor', ['createdAt', 'id']);
  return { createdAt: Number(position.createdAt), id: String(position.id) };
}
