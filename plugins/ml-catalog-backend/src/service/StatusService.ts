import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { CurrentDeployment } from '@lab2live/plugin-ml-catalog-node';
import {
  checkDeploymentConfirmationInput,
  checkDeploymentEventInput,
  DEPLOYMENT_STATUSES,
  DeploymentConfirmationInput,
  DeploymentConfirmationResult,
  DeploymentEventInput,
  DeploymentReportResult,
  MAX_REPORT_ITEMS,
  DeploymentHistoryResponse,
  DeploymentStatus,
  EnvironmentDeployment,
  isMLModelEntity,
  isSlaEntity,
  ModelSlaStatus,
  ModelStatus,
  ModelStatusSummary,
  isAiModelResource,
  RELATION_HAS_SLA,
  RELATION_SLA_OF,
  SlaEntityV1alpha1,
  SlaObservationInput,
  SlaStatusResponse,
  StatusSummaryResponse,
} from '@lab2live/plugin-ml-catalog-common';
import {
  ConfirmationRecord,
  DeploymentEventRecord,
  DeploymentStateRecord,
  StatusStore,
  versionKey,
} from '../database/StatusStore';
import type { Reporter } from '../access/AccessService';
import { ReportTarget } from '../access/reporters';
import { decodeCursor, encodeCursor, pageLimit } from './paging';
import type { ObservationStore } from '../database/ObservationStore';
import type { AuditLog } from '../audit/AuditLog';
import type { SlaEvaluationOptions } from './slaEvaluation';
import { SlaObservations } from './SlaObservations';
import { lowerCase } from './lowerCase';

const DAY = 86_400_000;
/** Statuses of a deployment that has ended: nobody expects it to report again. */
const ENDED: readonly DeploymentStatus[] = ['failed', 'rolled_back', 'retired'];
/** Statuses of a deployment that serves traffic: its version is the model's age. */
const SERVING: readonly DeploymentStatus[] = ['healthy', 'degraded'];
const KNOWN_MODELS_TTL_MS = 60_000;

/** What the status service is configured with. */
export interface StatusServiceOptions {
  store: StatusStore;
  /** SLA observations and their roll-ups. */
  observations: ObservationStore;
  catalog: CatalogService;
  /** Reports are checked against the catalog with the plugin's own credentials. */
  auth: AuthService;
  logger: LoggerService;
  environments: string[];
  staleAfterMs: number;
  /** How far in the future a reported time may lie (clocks differ a little). */
  maxFutureSkewMs: number;
  sla: SlaEvaluationOptions;
  /** How long a status read's SLA roll-up sums are reused (default 0: never). */
  slaTotalsMaxAgeMs?: number;
  /** The audit log: observations recorded through other replicas drop their sums. */
  audit?: AuditLog;
  clock?: () => number;
}

/** A page of the status summary: at most `limit` models, sorted by ref, after `after`. */
export interface SummaryPage {
  limit: number;
  after?: string;
}

/** A model known to the catalog, with what decides who may report for it. */
type KnownModel = Omit<ReportTarget, 'environment'>;

/**
 * Deployments and SLA status: validates reports against the catalog and the configured
 * environments, and joins the stored state with the SLAs in the catalog.
 */
export class StatusService {
  private readonly clock: () => number;
  private readonly knownModels = new Map<
    string,
    { model: KnownModel; at: number }
  >();

  private readonly sla: SlaObservations;

  constructor(private readonly options: StatusServiceOptions) {
    this.clock = options.clock ?? Date.now;
    this.sla = new SlaObservations({
      store: options.observations,
      catalog: options.catalog,
      auth: options.auth,
      sla: options.sla,
      totalsMaxAgeMs: options.slaTotalsMaxAgeMs,
      recorded: options.audit && {
        lastChange: () => options.audit!.lastId(),
        changedSince: after =>
          options.audit!.modelsChangedSince(after, { only: ['sla.observed'] }),
      },
      clock: this.clock,
    });
  }

  get environments(): string[] {
    return this.options.environments;
  }

  /**
   * Validates and stores one deployment event (`POST /deployments`), once the reporter's
   * right to report it was checked; a bad field is a 400 naming it.
   */
  async reportDeployment(
    event: DeploymentEventInput,
    reporter: Reporter,
  ): Promise<DeploymentReportResult> {
    const record = await this.eventRecord(event, reporter, 'body');
    const result = await this.options.store.addDeploymentEvents([record]);
    if (result.rejected?.length) {
      throw new Error(`body: ${result.rejected[0].reason}`);
    }
    return result;
  }

  /**
   * Validates and stores a batch of deployment events (status providers), each on its
   * own: a bad event is refused and reported by its place in the batch with the
   * reason, the others are stored. Checked with the same schema and limits as the
   * REST API. A reporter refused for any event fails the whole call (NotAllowedError),
   * storing nothing.
   */
  async reportDeploymentBatch(
    events: DeploymentEventInput[],
    reporter: Reporter,
  ): Promise<DeploymentReportResult> {
    this.checkBatchSize(events, 'events');
    const records: DeploymentEventRecord[] = [];
    const places: number[] = [];
    const rejected: NonNullable<DeploymentReportResult['rejected']> = [];
    for (const [index, event] of events.entries()) {
      try {
        records.push(
          await this.eventRecord(event, reporter, `events[${index}]`),
        );
        places.push(index);
      } catch (error) {
        if (!isItemError(error)) throw error;
        rejected.push({
          index,
          ...(typeof event?.eventId === 'string'
            ? { eventId: event.eventId }
            : {}),
          reason: (error as Error).message,
        });
      }
    }
    const result = await this.options.store.addDeploymentEvents(records);
    for (const refused of result.rejected ?? []) {
      rejected.push({ ...refused, index: places[refused.index] });
    }
    rejected.sort((a, b) => a.index - b.index);
    return {
      stored: result.stored,
      duplicates: result.duplicates,
      ...(rejected.length ? { rejected } : {}),
    };
  }

  /**
   * Records that environments still run the versions they hold: each confirmation is
   * checked like an event (schema, model, reporting rights, environment, clock skew),
   * then applied only when its version is the current one. Refused ones come back by
   * place and reason and store nothing; a reporter refused for any item fails the
   * whole call.
   */
  async confirmDeployments(
    confirmations: DeploymentConfirmationInput[],
    reporter: Reporter,
  ): Promise<DeploymentConfirmationResult> {
    this.checkBatchSize(confirmations, 'confirmations');
    const records: ConfirmationRecord[] = [];
    const places: number[] = [];
    const refused: DeploymentConfirmationResult['refused'] = [];
    for (const [index, item] of confirmations.entries()) {
      const path = `confirmations[${index}]`;
      try {
        const problem = checkDeploymentConfirmationInput(item, path);
        if (problem) throw new InputError(problem);
        const target = await this.requireModel(item.model, `${path}.model`);
        await reporter.check({ ...target, environment: item.environment });
        this.checkEnvironment(item.environment, `${path}.environment`);
        records.push({
          model: target.model,
          environment: item.environment,
          version: item.version,
          confirmedAt: this.parseTimestamp(item.timestamp, `${path}.timestamp`),
        });
        places.push(index);
      } catch (error) {
        if (!isItemError(error)) throw error;
        refused.push({ index, reason: (error as Error).message });
      }
    }
    const results = records.length
      ? await this.options.store.confirmDeployments(records)
      : [];
    let confirmed = 0;
    results.forEach((result, i) => {
      if (result.confirmed) confirmed += 1;
      else {
        refused.push({
          index: places[i],
          reason: `confirmations[${places[i]}]: ${result.reason}`,
        });
      }
    });
    refused.sort((a, b) => a.index - b.index);
    return { confirmed, refused };
  }

  /** One event checked and normalised; throws an InputError or NotFoundError naming the field. */
  private async eventRecord(
    event: DeploymentEventInput,
    reporter: Reporter,
    path: string,
  ): Promise<DeploymentEventRecord> {
    const problem = checkDeploymentEventInput(event, path);
    if (problem) throw new InputError(problem);
    const target = await this.requireModel(event.model, `${path}.model`);
    // The right to report first: a stranger learns nothing from our checks of the body.
    await reporter.check({ ...target, environment: event.environment });
    this.checkEnvironment(event.environment, `${path}.environment`);
    if (!DEPLOYMENT_STATUSES.includes(event.status)) {
      throw new InputError(
        `${path}.status must be one of ${DEPLOYMENT_STATUSES.join(
          ', ',
        )}; got '${event.status}'`,
      );
    }
    return {
      eventId: event.eventId,
      model: target.model,
      environment: event.environment,
      version: event.version,
      status: event.status,
      component: event.component
        ? normaliseRef(event.component, 'component', `${path}.component`)
        : undefined,
      endpointUrl: event.endpointUrl,
      occurredAt: this.parseTimestamp(event.timestamp, `${path}.timestamp`),
      reportedBy: reporter.name,
    };
  }

  private checkEnvironment(environment: string, field: string): void {
    if (!this.options.environments.includes(environment)) {
      throw new InputError(
        `${field} must be one of ${this.options.environments.join(
          ', ',
        )}; got '${environment}'`,
      );
    }
  }

  /** The REST API's limit on items per report, for every caller. */
  private checkBatchSize(items: unknown[], field: string): void {
    if (items.length > MAX_REPORT_ITEMS) {
      throw new InputError(
        `${field} must NOT have more than ${MAX_REPORT_ITEMS} items; got ${items.length}`,
      );
    }
  }

  /** The stored state of a model per environment, as status providers see it. */
  async currentDeployments(modelRef: string): Promise<CurrentDeployment[]> {
    const model = normaliseRef(modelRef, 'mlmodel', 'model');
    const states = await this.options.store.listDeploymentStates([model]);
    return states.map(state => ({
      environment: state.environment,
      version: state.version,
      status: state.status,
      timestamp: new Date(state.occurredAt).toISOString(),
    }));
  }

  /** Validates and stores SLA observations, all or none, once the reporter may report each. */
  async reportObservations(
    observations: SlaObservationInput[],
    reporter: Reporter,
  ): Promise<{ stored: number; duplicates: number }> {
    const records = [];
    for (const [index, observation] of observations.entries()) {
      const path = `observations[${index}]`;
      const target = await this.requireModel(
        observation.model,
        `${path}.model`,
      );
      await reporter.check(target);
      records.push(
        await this.sla.record(observation, {
          path,
          model: target.model,
          observedAt: this.parseTimestamp(
            observation.timestamp,
            `${path}.timestamp`,
          ),
          by: reporter.name,
        }),
      );
    }
    return this.sla.store(records);
  }

  /** One model's deployments per environment and SLA status. */
  async getModelStatus(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<ModelStatus> {
    const model = await this.getModelEntity(modelRef, credentials);
    const ref = stringifyEntityRef(model);
    const slaRefs = (model.relations ?? [])
      .filter(r => r.type === RELATION_HAS_SLA)
      .map(r => r.targetRef);
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: slaRefs,
        fields: ['kind', 'apiVersion', 'metadata', 'spec'],
      },
      { credentials },
    );
    const slas = items.filter(
      (e): e is SlaEntityV1alpha1 => !!e && isSlaEntity(e),
    );
    const states = await this.options.store.listDeploymentStates([ref]);
    const slaByModel = await this.evaluateSlas(new Map([[ref, slas]]), states);
    return {
      model: ref,
      environments: this.options.environments,
      deployments: this.toDeployments(states),
      sla: slaByModel.get(ref) ?? { objectives: [] },
    };
  }

  /**
   * How one SLA's objectives stand for each model it covers among `visible`: the SLA's
   * page in one request instead of one per model.
   */
  async getSlaStatus(
    slaRef: string,
    credentials: BackstageCredentials,
    visible: Set<string>,
  ): Promise<SlaStatusResponse> {
    const ref = normaliseRef(slaRef, 'sla', 'sla');
    const sla = await this.options.catalog.getEntityByRef(ref, { credentials });
    if (!sla || !isSlaEntity(sla)) {
      throw new NotFoundError(`No SLA ${ref} in the catalog`);
    }
    const models = [
      ...new Set(
        (sla.relations ?? [])
          .filter(r => r.type === RELATION_SLA_OF)
          .map(r => r.targetRef)
          .filter(model => visible.has(model)),
      ),
    ].sort();
    const states = await this.options.store.listDeploymentStates(models);
    const status = await this.evaluateSlas(
      new Map(models.map(model => [model, [sla]])),
      states,
    );
    return {
      sla: ref,
      items: models.map(model => ({
        model,
        objectives: status.get(model)?.objectives ?? [],
      })),
    };
  }

  /** A model's deployment history, newest first, a page at a time. */
  async getDeploymentHistory(
    modelRef: string,
    page: { limit?: number; cursor?: string },
    credentials: BackstageCredentials,
  ): Promise<DeploymentHistoryResponse> {
    const model = await this.getModelEntity(modelRef, credentials);
    const limit = pageLimit(page.limit, 'limit');
    const after = page.cursor
      ? decodeCursor(page.cursor, 'cursor', ['at', 'id'])
      : undefined;
    const { items, last } = await this.options.store.listDeploymentEvents(
      stringifyEntityRef(model),
      { limit, before: after as { at: number; id: number } | undefined },
    );
    return {
      items,
      ...(last ? { nextCursor: encodeCursor(last) } : {}),
    };
  }

  /**
   * The status summary a caller may see: the models they can see in the catalog only,
   * whatever refs they ask for; with `page`, a page of it (`GET /status`).
   */
  async getVisibleSummary(
    credentials: BackstageCredentials,
    visible: Set<string> | Promise<Set<string>>,
    onlyModels?: string[],
    page?: SummaryPage,
  ): Promise<StatusSummaryResponse> {
    return this.getSummary(credentials, onlyModels, { visible, page });
  }

  /**
   * Every model with a deployment or an SLA (or only the given models, and of those only
   * the `visible` ones when given): current deployments and the worst SLA status, for
   * lists and cards in one request. With `page`, the models sorted by ref after
   * `page.after`, at most `page.limit` of them: only those are evaluated.
   */
  async getSummary(
    credentials: BackstageCredentials,
    onlyModels?: string[],
    options: {
      /** The models the caller may see, or their read under way (it runs beside ours). */
      visible?: Set<string> | Promise<Set<string>>;
      page?: SummaryPage;
    } = {},
  ): Promise<StatusSummaryResponse> {
    const wanted =
      onlyModels &&
      new Set(onlyModels.map(m => normaliseRef(m, 'mlmodel', 'model')));
    const { page } = options;
    const [allStates, slaResponse, visible] = await Promise.all([
      this.options.store.listDeploymentStates(wanted && [...wanted]),
      this.options.catalog.getEntities(
        {
          filter: { kind: 'SLA' },
          fields: ['kind', 'apiVersion', 'metadata', 'spec', 'relations'],
        },
        { credentials },
      ),
      options.visible,
    ]);
    const keep = (model: string) =>
      (!wanted || wanted.has(model)) && (!visible || visible.has(model));
    const states = allStates.filter(s => keep(s.model));
    const slasByModel = new Map<string, SlaEntityV1alpha1[]>();
    for (const sla of slaResponse.items) {
      if (!isSlaEntity(sla)) continue;
      for (const relation of sla.relations ?? []) {
        if (relation.type !== RELATION_SLA_OF) continue;
        if (!keep(relation.targetRef)) continue;
        const list = slasByModel.get(relation.targetRef) ?? [];
        list.push(sla);
        slasByModel.set(relation.targetRef, list);
      }
    }
    const statesByModel = groupBy(states, s => s.model);
    let models = [
      ...new Set([...statesByModel.keys(), ...slasByModel.keys()]),
    ].sort();
    let nextCursor: string | undefined;
    if (page) {
      const after = page.after;
      const rest =
        after === undefined ? models : models.filter(model => model > after);
      models = rest.slice(0, page.limit);
      if (rest.length > page.limit) {
        nextCursor = encodeCursor({ model: models[models.length - 1] });
      }
    }
    // Only the models of the answer are evaluated.
    const slaStatus = await this.evaluateSlas(
      page
        ? new Map(
            models
              .filter(model => slasByModel.has(model))
              .map(model => [model, slasByModel.get(model)!]),
          )
        : slasByModel,
      states,
    );
    const items: ModelStatusSummary[] = models.map(model => {
      const { status, alert } = slaStatus.get(model) ?? {};
      return {
        model,
        deployments: this.toDeployments(statesByModel.get(model) ?? []),
        ...(status ? { slaStatus: status } : {}),
        ...(alert ? { slaAlert: alert } : {}),
      };
    });
    return {
      environments: this.options.environments,
      items,
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  /** The current deployments of the given models, without SLA evaluation. */
  async getDeployments(
    models: string[],
  ): Promise<Map<string, EnvironmentDeployment[]>> {
    const states = await this.options.store.listDeploymentStates(models);
    const byModel = groupBy(states, s => s.model);
    return new Map(
      [...byModel.entries()].map(([model, list]) => [
        model,
        this.toDeployments(list),
      ]),
    );
  }

  /**
   * The version each model serves in an environment, and since when it counts as
   * promoted: the later of its reported time and the time the server first heard of
   * it, so a report dated in the past cannot place a promotion before an approval.
   */
  async servingSince(
    models: string[],
    environment: string,
  ): Promise<Map<string, { version: string; since: number }>> {
    const states = await this.options.store.listDeploymentStates(models);
    const result = new Map<string, { version: string; since: number }>();
    for (const state of states) {
      if (state.environment !== environment) continue;
      if (!SERVING.includes(state.status)) continue;
      result.set(state.model, {
        version: state.version,
        since: Math.max(state.since, state.versionReceivedAt ?? state.since),
      });
    }
    return result;
  }

  private toDeployments(
    states: DeploymentStateRecord[],
  ): EnvironmentDeployment[] {
    const now = this.clock();
    const order = this.options.environments;
    return states
      .filter(s => order.includes(s.environment))
      .sort(
        (a, b) => order.indexOf(a.environment) - order.indexOf(b.environment),
      )
      .map(s => ({
        environment: s.environment,
        version: s.version,
        status: s.status,
        // Stale: no one vouched for the state within staleAfter, by an event or a
        // confirmation. The event's own time may be old (a registry's version was
        // last updated weeks ago) while a source confirms it every few minutes.
        stale:
          !ENDED.includes(s.status) &&
          now - Math.max(s.occurredAt, s.confirmedAt ?? 0) >
            this.options.staleAfterMs,
        ...(s.component ? { component: s.component } : {}),
        ...(s.endpointUrl ? { endpointUrl: s.endpointUrl } : {}),
        updatedAt: new Date(s.occurredAt).toISOString(),
        ...(s.confirmedAt !== undefined
          ? { confirmedAt: new Date(s.confirmedAt).toISOString() }
          : {}),
        since: new Date(s.since).toISOString(),
      }));
  }

  /** Evaluates every objective of each model's SLAs from the roll-ups. */
  private async evaluateSlas(
    slasByModel: Map<string, SlaEntityV1alpha1[]>,
    states: DeploymentStateRecord[],
  ): Promise<Map<string, ModelSlaStatus>> {
    const models = [...slasByModel.keys()];
    // A long list of models reads every roll-up of the period instead of naming them.
    return this.sla.evaluate(
      slasByModel,
      this.modelAges(models, states, this.clock()),
      models,
    );
  }

  /** Days since the version serving in each model's most senior environment was first reported. */
  private async modelAges(
    models: string[],
    states: DeploymentStateRecord[],
    now: number,
  ): Promise<Map<string, number>> {
    const order = this.options.environments;
    const wanted = new Set(models);
    const serving = new Map<string, DeploymentStateRecord>();
    for (const state of states) {
      if (!wanted.has(state.model) || !SERVING.includes(state.status)) continue;
      const current = serving.get(state.model);
      if (
        !current ||
        order.indexOf(state.environment) > order.indexOf(current.environment)
      ) {
        serving.set(state.model, state);
      }
    }
    const first = await this.options.store.firstReported(
      [...serving.values()].map(s => ({ model: s.model, version: s.version })),
    );
    const ages = new Map<string, number>();
    for (const [model, state] of serving) {
      const at = first.get(versionKey(model, state.version)) ?? state.since;
      ages.set(model, Math.max(0, (now - at) / DAY));
    }
    return ages;
  }

  /** The full ref of a model in the catalog; 404 when it is not there. */
  async resolveModelRef(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    return stringifyEntityRef(await this.getModelEntity(modelRef, credentials));
  }

  /** A model in the catalog as the caller may see it; 404 otherwise. */
  async getModelEntity(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const ref = normaliseRef(modelRef, 'mlmodel', 'model');
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity || !isModel(entity)) {
      throw new NotFoundError(`No model ${ref} in the catalog`);
    }
    return entity;
  }

  /**
   * A model in the catalog, with its owner and system (who may report for it), read
   * again at most once a minute; 404 naming the field when it is not there.
   */
  private async requireModel(
    modelRef: string,
    field: string,
  ): Promise<KnownModel> {
    const ref = normaliseRef(modelRef, 'mlmodel', field);
    const seen = this.knownModels.get(ref);
    if (seen !== undefined && this.clock() - seen.at < KNOWN_MODELS_TTL_MS) {
      return seen.model;
    }
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity || !isModel(entity)) {
      throw new NotFoundError(`${field}: no model ${ref} in the catalog`);
    }
    const model: KnownModel = {
      model: ref,
      owner: specRef(entity, 'owner', 'group'),
      system: specRef(entity, 'system', 'system'),
    };
    this.knownModels.set(ref, { model, at: this.clock() });
    return model;
  }

  /**
   * An ISO 8601 time in epoch ms. A time further in the future than clocks may differ
   * is refused: it would hold an environment's state for good.
   */
  private parseTimestamp(value: string, field: string): number {
    const ms = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
      throw new InputError(
        `${field} must be an ISO 8601 date-time such as 2026-11-24T09:30:00Z; got '${value}'`,
      );
    }
    const latest = this.clock() + this.options.maxFutureSkewMs;
    if (ms > latest) {
      throw new InputError(
        `${field} lies in the future: '${value}' is after ${new Date(
          latest,
        ).toISOString()} (now plus lab2live.maxClockSkew)`,
      );
    }
    return ms;
  }
}

/** A spec field holding an entity reference, in full lower-case form. */
export function specRef(
  entity: Entity,
  field: 'owner' | 'system',
  defaultKind: string,
): string | undefined {
  const value = entity.spec?.[field];
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return lowerCase(
      stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind,
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return undefined;
  }
}

/** A problem with one item of a batch (a bad field, an unknown model), not with the call. */
function isItemError(error: unknown): boolean {
  return error instanceof InputError || error instanceof NotFoundError;
}

function isModel(entity: Entity): boolean {
  return isMLModelEntity(entity) || isAiModelResource(entity);
}

/** A full entity ref in lower case, of the characters kinds, namespaces and names allow. */
const FULL_REF = /^[a-z0-9]+:[a-z0-9_.-]+\/[a-z0-9_.-]+$/;

/** An entity ref in its full `kind:namespace/name` form, lower-cased like the catalog's. */

export function normaliseRef(
  ref: string,
  defaultKind: string,
  field: string,
): string {
  // Already a full lower-case ref (as stored and as the catalog gives them): as it is.
  if (FULL_REF.test(ref)) return ref;
  try {
    return lowerCase(
      stringifyEntityRef(
        parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
      ),
    );
  } catch (error) {
    throw new InputError(`${field} is not an entity reference: '${ref}'`);
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item)) ?? [];
    list.push(item);
    map.set(key(item), list);
  }
  return map;
}
