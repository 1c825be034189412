import type { EnvironmentDeployment, DeploymentEvent } from './deployments';
import type { ModelSlaStatus, ObjectiveEvaluation } from './sla';
import type {
  ComplianceResponse,
  ModelCompliance,
} from '../governance/reviews';

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
 * `GET /status` (a page of it) and the status part of `GET /summary` (every model).
 * @public
 */
export interface StatusSummaryResponse {
  environments: string[];
  items: ModelStatusSummary[];
  /** `GET /status`: pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
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
  /**
   * With `?include=models`: the status and compliance of the same models (those in
   * `items`), as `POST /summary/by-refs` answers for them, so the SLA's page asks once.
   */
  models?: SummaryResponse;
}

/**
 * Why one part of a combined read is missing: the error body (Backstage's format) that
 * the part's own route answers, such as 403 for compliance without
 * `lab2live.review.read`, or 404 for the compliance of an ai-model Resource.
 * @public
 */
export interface SummaryPartError {
  /** The error's name (`NotAllowedError`, `NotFoundError`...) and message. */
  error: { name: string; message: string };
  /** The status code the part's own route answers with. */
  response: { statusCode: number };
}

/**
 * A combined read: the status and the compliance of the same models, each part exactly
 * as its own route answers it. A part the caller may not have is absent and its error
 * is in `errors`; when neither part can be answered the whole read fails instead.
 * @public
 */
export interface StatusAndCompliance<TStatus, TCompliance> {
  /** What the status route answers. */
  status?: TStatus;
  /** What the compliance route answers. */
  compliance?: TCompliance;
  /** Why a part is left out, by part. */
  errors?: { status?: SummaryPartError; compliance?: SummaryPartError };
}

/**
 * `GET /models/:kind/:namespace/:name/summary`: what `.../status` and
 * `.../compliance` answer, in one response (a model's page).
 * @public
 */
export type ModelSummaryResponse = StatusAndCompliance<
  ModelStatus,
  ModelCompliance
>;

/**
 * `GET /summary` and `POST /summary/by-refs`: what `GET /status` and `GET /compliance`
 * (or their `by-refs` forms) answer, in one response (the model catalog, a team's or a
 * service's page).
 * @public
 */
export type SummaryResponse = StatusAndCompliance<
  StatusSummaryResponse,
  ComplianceResponse
>;
