import type { Entity } from '@backstage/catalog-model';
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
 * A headline evaluation result (`spec.metrics[]`).
 *
 * @public
 */
export type MLModelMetric = {
  name: string;
  value: number;
  /** Entity reference to the dataset it was measured on; default kind Dataset. */
  dataset?: string;
  /** The quality floor that reviews or SLAs rely on. */
  threshold?: number;
};

/**
 * Model-card essentials (`spec.intendedUse`).
 *
 * @public
 */
export type MLModelIntendedUse = {
  primaryUses?: string;
  outOfScope?: string;
};

/**
 * Governance facts (`spec.governance`).
 *
 * @public
 */
export type MLModelGovernance = {
  riskTier?: RiskTier;
  personalData?: boolean;
  humanOversight?: string;
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
    limitations?: string;
    metrics?: MLModelMetric[];
    governance?: MLModelGovernance;
  };
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
