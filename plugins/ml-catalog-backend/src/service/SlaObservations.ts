import type { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isSlaEntity,
  ModelSlaStatus,
  ObjectiveEvaluation,
  RELATION_HAS_SLA,
  SLA_RATIO_INDICATORS,
  SlaBurnWindow,
  SlaEntityV1alpha1,
  SlaObjective,
  SlaObservationInput,
} from '@lab2live/plugin-ml-catalog-common';
import {
  ObservationRecord,
  ObservationStore,
  RollupTotals,
  seriesKey,
} from '../database/ObservationStore';
import {
  BURN_WINDOWS,
  criterionOf,
  evaluateModelAge,
  evaluateObjective,
  evaluationPeriods,
  meets,
  parseWindow,
  ratioObjective,
  SlaEvaluationOptions,
  windowPeriod,
  worstAlert,
  worstStatus,
} from './slaEvaluation';
import { RecordedObservations, SlaTotalsCache } from './SlaTotalsCache';

/** Indicators computed here, refused when pushed. */
const COMPUTED_INDICATORS = ['model_age_days'];
const INDICATOR_PATTERN =
  /^(latency_p50_ms|latency_p95_ms|latency_p99_ms|availability_pct|error_rate_pct|throughput_rps|data_freshness_hours|(quality|drift):[A-Za-z0-9_.-]+)$/;
/** How long the SLA objectives of a model are reused for incoming observations. */
const OBJECTIVES_TTL_MS = 60_000;

/**
 * SLA observations in and SLA status out: validates observations and turns them into
 * what the roll-ups count (good and valid events, the samples meeting each threshold of
 * the model's SLAs), and evaluates objectives from the roll-ups alone.
 */
export class SlaObservations {
  private readonly clock: () => number;
  private readonly objectives = new Map<
    string,
    { byIndicator: Map<string, SlaObjective[]>; at: number }
  >();

  constructor(
    private readonly options: {
      store: ObservationStore;
      catalog: CatalogService;
      auth: AuthService;
      sla: SlaEvaluationOptions;
      /** How long a status read's roll-up sums are reused (0: summed on every read). */
      totalsMaxAgeMs?: number;
      /** Where observations through any replica are recorded, to drop their sums. */
      recorded?: RecordedObservations;
      clock?: () => number;
    },
  ) {
    this.clock = options.clock ?? Date.now;
    this.totals = new SlaTotalsCache(
      options.totalsMaxAgeMs ?? 0,
      options.recorded,
    );
  }

  private readonly totals: SlaTotalsCache;

  /**
   * One validated observation of a model the reporter may report for; `path` names it in
   * errors (`observations[2]`).
   */
  async record(
    observation: SlaObservationInput,
    context: { path: string; model: string; observedAt: number; by: string },
  ): Promise<ObservationRecord> {
    const { path, model } = context;
    const { indicator } = observation;
    if (COMPUTED_INDICATORS.includes(indicator)) {
      throw new InputError(
        `${path}.indicator '${indicator}' is computed from deployment events and cannot be reported`,
      );
    }
    if (!INDICATOR_PATTERN.test(indicator)) {
      throw new InputError(
        `${path}.indicator must be a built-in indicator, quality:<metric> or drift:<metric>; got '${indicator}'`,
      );
    }
    const { value, events } = readValue(observation, path);
    const criteria = (await this.thresholdObjectives(model, indicator)).map(
      objective => ({
        criterion: criterionOf(objective),
        met: meets(objective, value),
      }),
    );
    return {
      observationId: observation.observationId,
      model,
      indicator,
      value,
      ...(observation.valid === undefined
        ? {}
        : { good: observation.good, valid: observation.valid }),
      ...(events ? { events } : {}),
      ...(criteria.length ? { criteria } : {}),
      observedAt: context.observedAt,
      reportedBy: context.by,
    };
  }

  /** Stores validated observations, all or none. */
  async store(records: ObservationRecord[]) {
    try {
      return await this.options.store.addObservations(records);
    } finally {
      this.totals.forget(records.map(r => r.model));
    }
  }

  /**
   * The threshold objectives on an indicator of the SLAs that cover a model, read with
   * the plugin's own credentials and reused for a minute: each counts its samples in a
   * roll-up of its own.
   */
  private async thresholdObjectives(
    model: string,
    indicator: string,
  ): Promise<SlaObjective[]> {
    const now = this.clock();
    let cached = this.objectives.get(model);
    if (!cached || now - cached.at >= OBJECTIVES_TTL_MS) {
      const credentials = await this.options.auth.getOwnServiceCredentials();
      const entity = await this.options.catalog.getEntityByRef(model, {
        credentials,
      });
      const slaRefs = (entity?.relations ?? [])
        .filter(r => r.type === RELATION_HAS_SLA)
        .map(r => r.targetRef);
      const { items } = slaRefs.length
        ? await this.options.catalog.getEntitiesByRefs(
            {
              entityRefs: slaRefs,
              fields: ['kind', 'apiVersion', 'metadata', 'spec'],
            },
            { credentials },
          )
        : { items: [] };
      const byIndicator = new Map<string, SlaObjective[]>();
      for (const sla of items) {
        if (!sla || !isSlaEntity(sla)) continue;
        for (const objective of sla.spec.objectives ?? []) {
          if (ratioObjective(objective)) continue;
          const list = byIndicator.get(objective.indicator) ?? [];
          if (!list.some(o => criterionOf(o) === criterionOf(objective))) {
            list.push(objective);
          }
          byIndicator.set(objective.indicator, list);
        }
      }
      cached = { byIndicator, at: now };
      this.objectives.set(model, cached);
    }
    return cached.byIndicator.get(indicator) ?? [];
  }

  /**
   * Evaluates every objective of each model's SLAs from the roll-ups, in one query for
   * all models, windows and burn-rate windows.
   */
  async evaluate(
    slasByModel: Map<string, SlaEntityV1alpha1[]>,
    /** The models' ages, or their read under way (it runs beside the roll-ups' read). */
    modelAges: Map<string, number> | Promise<Map<string, number>>,
    models?: string[],
  ): Promise<Map<string, ModelSlaStatus>> {
    const now = this.clock();
    const windows = [...slasByModel.values()]
      .flat()
      .map(sla => parseWindow(sla.spec.window))
      .filter((ms): ms is number => ms !== undefined);
    const periods = evaluationPeriods(now, windows);
    const [totals, ages] = await Promise.all([
      windows.length
        ? this.totals.read(
            models ?? [...slasByModel.keys()],
            now,
            [...new Set(windows)].sort((a, b) => a - b).join(','),
            wanted =>
              this.options.store.readTotals(
                // A long list of models reads every roll-up of the period instead.
                wanted.length <= 500 ? wanted : undefined,
                periods,
                { ratioIndicators: SLA_RATIO_INDICATORS },
              ),
          )
        : new Map<string, Map<string, RollupTotals>>(),
      modelAges,
    ]);

    const result = new Map<string, ModelSlaStatus>();
    for (const [model, slas] of slasByModel) {
      const objectives: ObjectiveEvaluation[] = [];
      for (const sla of slas) {
        const slaRef = stringifyEntityRef(sla);
        const windowMs = parseWindow(sla.spec.window);
        for (const [index, objective] of (
          sla.spec.objectives ?? []
        ).entries()) {
          if (objective.indicator === 'model_age_days') {
            objectives.push(
              evaluateModelAge({
                sla: slaRef,
                window: sla.spec.window,
                objective,
                ageDays: ages.get(model),
              }),
            );
            continue;
          }
          const key = seriesKey(
            model,
            objective.indicator,
            ratioObjective(objective) ? '' : criterionOf(objective),
          );
          const burn: Partial<Record<SlaBurnWindow, any>> = {};
          for (const name of Object.keys(BURN_WINDOWS) as SlaBurnWindow[]) {
            burn[name] = totals.get(name)?.get(key);
          }
          objectives.push(
            evaluateObjective({
              sla: slaRef,
              window: sla.spec.window,
              objective,
              field: `spec.objectives[${index}]`,
              totals: {
                window:
                  windowMs === undefined
                    ? undefined
                    : totals.get(windowPeriod(windowMs))?.get(key),
                burn,
              },
              options: this.options.sla,
            }),
          );
        }
      }
      const status = worstStatus(objectives.map(o => o.status));
      const alert = worstAlert(objectives.map(o => o.alert));
      result.set(model, {
        ...(status ? { status } : {}),
        ...(alert ? { alert } : {}),
        objectives,
      });
    }
    return result;
  }
}

/**
 * An observation's value, and for ratio indicators what it counts as: the good and valid
 * events it reports, or (a single value in percent) one event of which `value / 100` was
 * good (availability) or bad (error rate).
 */
function readValue(
  observation: SlaObservationInput,
  path: string,
): { value: number; events?: { good: number; valid: number } } {
  const { indicator, value, good, valid } = observation;
  const ratio = SLA_RATIO_INDICATORS.includes(indicator);
  const counts = good !== undefined || valid !== undefined;
  if (counts && !ratio) {
    throw new InputError(
      `${path}: good and valid are counted for ratio indicators (${SLA_RATIO_INDICATORS.join(
        ', ',
      )}) only; report a value for ${indicator}`,
    );
  }
  if (counts && value !== undefined) {
    throw new InputError(
      `${path}: give either value or good and valid, not both`,
    );
  }
  if (counts) {
    if (good === undefined || valid === undefined) {
      throw new InputError(
        `${path}: good and valid go together; ${
          good === undefined ? 'good' : 'valid'
        } is missing`,
      );
    }
    if (!Number.isFinite(valid) || valid <= 0) {
      throw new InputError(
        `${path}.valid must be a number above 0 (the events that count); got ${valid}`,
      );
    }
    if (!Number.isFinite(good) || good < 0 || good > valid) {
      throw new InputError(
        `${path}.good must be a number from 0 to valid (${valid}); got ${good}`,
      );
    }
    const share = good / valid;
    return {
      value: 100 * (indicator === 'error_rate_pct' ? 1 - share : share),
      events: { good, valid },
    };
  }
  if (value === undefined || !Number.isFinite(value)) {
    throw new InputError(
      `${path}.value must be a finite number${
        ratio ? ', or give good and valid counts' : ''
      }`,
    );
  }
  if (!ratio) return { value };
  if (value < 0 || value > 100) {
    throw new InputError(
      `${path}.value of ${indicator} is a percentage from 0 to 100; got ${value}`,
    );
  }
  const share = value / 100;
  return {
    value,
    events: {
      good: indicator === 'error_rate_pct' ? 1 - share : share,
      valid: 1,
    },
  };
}
