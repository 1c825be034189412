/**
 * The apiVersion of every Lab2Live entity kind.
 *
 * @public
 */
export const LAB2LIVE_API_VERSION = 'lab2live.io/v1alpha1' as const;

/**
 * The kind name of machine-learning model entities.
 *
 * @public
 */
export const ML_MODEL_KIND = 'MLModel' as const;

/**
 * The kind name of dataset entities.
 *
 * @public
 */
export const DATASET_KIND = 'Dataset' as const;

/**
 * The kind name of service level agreement entities.
 *
 * @public
 */
export const SLA_KIND = 'SLA' as const;

/**
 * A Lab2Live entity kind name.
 *
 * @public
 */
export type Lab2LiveKind =
  | typeof ML_MODEL_KIND
  | typeof DATASET_KIND
  | typeof SLA_KIND;

/**
 * All Lab2Live entity kind names.
 *
 * @public
 */
export const LAB2LIVE_KINDS: readonly Lab2LiveKind[] = [
  ML_MODEL_KIND,
  DATASET_KIND,
  SLA_KIND,
];

/**
 * The lifecycle stages allowed when `lab2live.lifecycle.stages` is not
 * configured, in order.
 *
 * @public
 */
export const DEFAULT_LIFECYCLE_STAGES: readonly string[] = [
  'experimental',
  'development',
  'staging',
  'production',
  'deprecated',
  'retired',
];
