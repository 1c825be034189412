import type { Entity } from '@backstage/catalog-model';
import type { RecordedRiskAssessment } from '../governance/riskAssessment';
import { LAB2LIVE_API_VERSION, ML_MODEL_KIND } from './constants';

/**
 * The task an MLModel performs (`spec.type`).
 *
 * @public
 */
export type MLModelType =
  | 'classification'
  | 'regression'
  | 'ranking'
  | 'forecasting'
  | 'generative'
  | 'embedding'
  | 'recommendation'
  | 'other';

/**
 * All values of {@link MLModelType}, in schema order.
 *
 * @public
 */
export const ML_MODEL_TYPES: readonly MLModelType[] = [
  'classification',
  'regression',
  'ranking',
  'forecasting',
  'generative',
  'embedding',
  'recommendation',
  'other',
];

/**
 * What a model used a dataset for (`spec.datasets[].role`).
 *
 * @public
 */
export type DatasetRole =
  | 'training'
  | 'validation'
  | 'evaluation'
  | 'monitoring';

/**
 * All values of {@link DatasetRole}, in schema order.
 *
 * @public
 */
export const DATASET_ROLES: readonly DatasetRole[] = [
  'training',
  'validation',
  'evaluation',
  'monitoring',
];

/**
 * The EU AI Act risk tier of a model (`spec.governance.riskTier`).
 *
 * @public
 */
export type RiskTier = 'minimal' | 'limited' | 'high' | 'prohibited';

/**
 * All values of {@link RiskTier}, from lowest to highest risk.
 *
 * @public
 */
export const RISK_TIERS: readonly RiskTier[] = [
  'minimal',
  'limited',
  'high',
  'prohibited',
];

/**
 * A link from a model to a dataset (`spec.datasets[]`).
 *
 * @public
 */
export type MLModelDatasetLink = {
  /** Entity reference to a Dataset (or a Resource of type dataset); default kind Dataset. */
  ref: string;
  role: DatasetRole;
  /** The dataset version that was used. */
  version?: string;
};

/**
 * Which way a metric is better (`spec.metrics[].direction`): `higher` (AUC,
 * accuracy, recall) or `lower` (RMSE, log loss, false-positive rate, latency).
 *
 * @public
 */
export type MetricDirection = 'higher' | 'lower';

/**
 * All values of {@link MetricDirection}, in schema order.
 *
 * @public
 */
export const METRIC_DIRECTIONS: readonly MetricDirection[] = [
  'higher',
  'lower',
];

/**
 * The direction of a metric that does not state one: higher is better.
 *
 * @public
 */
export const DEFAULT_METRIC_DIRECTION: MetricDirection = 'higher';

/**
 * A metric measured on one slice of the evaluation data
 * (`spec.metrics[].slices[]`), e.g. one market or one age band.
 *
 * @public
 */
export type MLModelMetricSlice = {
  /** The slice, unique within its metric, e.g. `market=DE`. */
  name: string;
  value: number;
};

/**
 * A headline evaluation result (`spec.metrics[]`).
 *
 * @public
 */
export type MLModelMetric = {
  name: string;
  value: number;
  /** Which way is better; {@link DEFAULT_METRIC_DIRECTION} when absent. */
  direction?: MetricDirection;
  /** Entity reference to the dataset it was measured on; default kind Dataset. */
  dataset?: string;
  /**
   * The bar that reviews or SLAs rely on, judged in the metric's direction: a
   * floor when higher is better, a ceiling when lower is better. Applies to
   * the value and to every slice.
   */
  threshold?: number;
  /** The same metric per group or condition. */
  slices?: MLModelMetricSlice[];
};

/**
 * Keys of a company's own (`x-...`), allowed in `spec`, `spec.intendedUse`
 * and `spec.factors`, and never checked.
 *
 * @public
 */
export type MLModelExtensionFields = {
  [key: `x-${string}`]: MLModelExtensionValue;
};

/**
 * The value of a company's own field: any JSON value.
 *
 * @public
 */
export type MLModelExtensionValue =
  | string
  | number
  | boolean
  | null
  | MLModelExtensionValue[]
  | { [key: string]: MLModelExtensionValue };

/**
 * Model card, Intended use (`spec.intendedUse`).
 *
 * @public
 */
export type MLModelIntendedUse = {
  primaryUses?: string;
  /** Who the model is meant for. */
  primaryUsers?: string;
  outOfScope?: string;
} & MLModelExtensionFields;

/**
 * Model card, Factors (`spec.factors`): what can change the model's
 * performance, and what its results are broken down by.
 *
 * @public
 */
export type MLModelFactors = {
  relevant?: string[];
  evaluation?: string[];
  notes?: string;
} & MLModelExtensionFields;

/**
 * Governance facts (`spec.governance`).
 *
 * @public
 */
export type MLModelGovernance = {
  riskTier?: RiskTier;
  personalData?: boolean;
  humanOversight?: string;
  /** The EU AI Act questionnaire's answers and result (`lab2live:risk:assess`). */
  riskAssessment?: RecordedRiskAssessment;
};

/**
 * An MLModel entity, as described by `MLModel.v1alpha1.schema.json`.
 *
 * @public
 */
export interface MLModelEntityV1alpha1 extends Entity {
  apiVersion: typeof LAB2LIVE_API_VERSION;
  kind: typeof ML_MODEL_KIND;
  spec: {
    type: MLModelType;
    /** Entity reference; default kind Group. */
    owner: string;
    /** Entity reference; default kind System. */
    system?: string;
    lifecycle: string;
    framework?: string;
    license?: string;
    /** Entity reference; default kind MLModel. */
    baseModel?: string;
    version?: string;
    datasets?: MLModelDatasetLink[];
    /** Entity references; default kind SLA. */
    slas?: string[];
    /** Entity references; default kind Component. */
    servedBy?: string[];
    intendedUse?: MLModelIntendedUse;
    factors?: MLModelFactors;
    limitations?: string;
    ethicalConsiderations?: string;
    caveatsAndRecommendations?: string;
    metrics?: MLModelMetric[];
    governance?: MLModelGovernance;
  } & MLModelExtensionFields;
}

/**
 * Tells whether an entity is an MLModel (`lab2live.io/v1alpha1`).
 *
 * @public
 */
export function isMLModelEntity(
  entity: Entity,
): entity is MLModelEntityV1alpha1 {
  return (
    entity.apiVersion === LAB2LIVE_API_VERSION && entity.kind === ML_MODEL_KIND
  );
}
