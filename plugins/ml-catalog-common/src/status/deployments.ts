/**
 * What a deployment of a model version to an environment reports.
 * @public
 */
export type DeploymentStatus =
  | 'pending'
  | 'deploying'
  | 'healthy'
  | 'degraded'
  | 'failed'
  | 'rolled_back'
  | 'retired';

/**
 * All values of {@link DeploymentStatus}, from starting to ended.
 * @public
 */
export const DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  'pending',
  'deploying',
  'healthy',
  'degraded',
  'failed',
  'rolled_back',
  'retired',
];

/**
 * The environments and their order when `lab2live.environments` is not set.
 * @public
 */
export const DEFAULT_ENVIRONMENTS: readonly string[] = [
  'dev',
  'staging',
  'production',
];

/**
 * A deployment event as a pipeline, a person or a provider reports it.
 * @public
 */
export interface DeploymentEventInput {
  /** Unique per event: a retried event with the same id is stored once. */
  eventId: string;
  /** The model, e.g. `mlmodel:default/churn-predictor`. */
  model: string;
  version: string;
  environment: string;
  status: DeploymentStatus;
  /** The serving component, e.g. `component:default/churn-scoring-api`. */
  component?: string;
  endpointUrl?: string;
  /** When it happened (ISO 8601); events older than the stored state only join the history. */
  timestamp: string;
}

/**
 * A stored deployment event.
 * @public
 */
export interface DeploymentEvent extends Omit<DeploymentEventInput, 'model'> {
  model: string;
  /** Who reported it: a user or a service principal. */
  reportedBy: string;
  receivedAt: string;
}

/**
 * The state of a model in one environment: the newest event, and whether it is stale.
 * @public
 */
export interface EnvironmentDeployment {
  environment: string;
  version: string;
  status: DeploymentStatus;
  /**
   * No event and no confirmation within `lab2live.deployments.staleAfter`: no one vouches
   * for the state any more, so it is unknown, not healthy.
   */
  stale: boolean;
  component?: string;
  endpointUrl?: string;
  /** The newest event's timestamp. */
  updatedAt: string;
  /**
   * When a source last confirmed this version still runs (a provider's poll or
   * `POST /deployments/confirmations`). Staleness counts from the later of this and
   * `updatedAt`.
   */
  confirmedAt?: string;
  /** When this version was first reported in this environment. */
  since: string;
}

/**
 * A source's word that an environment still runs a version, as pipelines post it to
 * `POST /deployments/confirmations` and status providers confirm it. It adds no
 * history row.
 * @public
 */
export interface DeploymentConfirmationInput {
  /** The model, e.g. `mlmodel:default/churn-predictor`. */
  model: string;
  environment: string;
  /** The version the source sees running; must be the environment's current version. */
  version: string;
  /** When the source saw it running (ISO 8601). */
  timestamp: string;
}

/**
 * What a batch of confirmations came to: how many were applied, and each refused one
 * by its place in the batch with the reason (no such deployment, another version runs,
 * a bad field).
 * @public
 */
export interface DeploymentConfirmationResult {
  confirmed: number;
  refused: Array<{ index: number; reason: string }>;
}

/**
 * What a batch of deployment events came to. `rejected` lists each event that was not
 * stored, by its place in the batch, with the reason; the others were stored.
 * @public
 */
export interface DeploymentReportResult {
  stored: number;
  duplicates: number;
  rejected?: Array<{ index: number; eventId?: string; reason: string }>;
}
