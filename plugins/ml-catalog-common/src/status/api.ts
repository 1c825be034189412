import type { EnvironmentDeployment, DeploymentEvent } from './deployments';
import type { ModelSlaStatus, ObjectiveEvaluation } from './sla';

/**
 * `GET /models/:kind/:namespace/:name/status`: a model's deployments per environment and
 * its SLA status.
 * @public
 */
export interface ModelStatus {
  model: string;
  /** The configured environments, in order. */
  environments: string[];
  deployments: EnvironmentDeployment[];
  sla: ModelSlaStatus;
}

/**
 * One row of `GET /status`: the status of every model at once, for lists and cards.
 * @public
 */
export interface ModelStatusSummary {
  model: string;
  deployments: EnvironmentDeployment[];
  slaStatus?: ModelSlaStatus['status'];
  /** A burn-rate alert of one of its SLA objectives (`fast_burn` before `slow_burn`). */
  slaAlert?: ModelSlaStatus['alert'];
}

/**
 * `GET /status`.
 * @public
 */
export interface StatusSummaryResponse {
  environments: string[];
  items: ModelStatusSummary[];
}

/**
 * `GET /models/:kind/:namespace/:name/deployments`: the history, newest first.
 * @public
 */
export interface DeploymentHistoryResponse {
  items: DeploymentEvent[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/**
 * `GET /slas/:namespace/:name/status`: how one SLA's objectives stand for each model it
 * covers that the caller may see, in one response (the SLA's page).
 * @public
 */
export interface SlaStatusResponse {
  sla: string;
  items: Array<{ model: string; objectives: ObjectiveEvaluation[] }>;
}
