import {
  createExtensionPoint,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type {
  DeploymentConfirmationInput,
  DeploymentConfirmationResult,
  DeploymentEventInput,
  DeploymentReportResult,
  DeploymentStatus,
  SlaObservationInput,
} from '@lab2live/plugin-ml-catalog-common';

/**
 * The stored state of a model in one environment.
 *
 * @public
 */
export interface CurrentDeployment {
  environment: string;
  version: string;
  status: DeploymentStatus;
  /** When the event that set this state happened (ISO 8601). */
  timestamp: string;
}

/**
 * What the backend hands a status provider on each run. Reports go through the same
 * validation, idempotency and audit log as the REST API.
 *
 * @public
 */
export interface StatusProviderContext {
  /**
   * Stores deployment events; a known event id is ignored, so a provider may re-send.
   * Each event stands alone: one that fails the REST API's checks (schema, limits,
   * model, environment, clock skew) is listed in `rejected` with its place and the
   * reason, and the others are stored. At most 1000 events per call.
   */
  reportDeployments(
    events: DeploymentEventInput[],
  ): Promise<DeploymentReportResult>;
  /**
   * Confirms that environments still run the versions they hold, so they do not turn
   * stale; adds no history. Call it on every poll for every state the source still
   * sees. A confirmation of a version that is not the current one is refused (listed
   * in `refused`) and stores nothing: report the change as an event first.
   */
  confirmDeployments(
    confirmations: DeploymentConfirmationInput[],
  ): Promise<DeploymentConfirmationResult>;
  /**
   * What the backend holds now for a model in each environment that has reported, so a
   * provider can tell a change it observes (an alias moved back to an older version)
   * from one it already reported.
   */
  currentDeployments(model: string): Promise<CurrentDeployment[]>;
  /** Stores SLA observations. */
  reportObservations(observations: SlaObservationInput[]): Promise<{
    stored: number;
    duplicates: number;
  }>;
  logger: LoggerService;
}

/**
 * A source of deployment state or SLA observations that the backend polls on a
 * schedule, once per interval across all replicas (Backstage's scheduler).
 *
 * @public
 */
export interface MlCatalogStatusProvider {
  /** Stable and unique: it names the scheduled task and the reporter in the audit log. */
  getProviderName(): string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  refresh(context: StatusProviderContext): Promise<void>;
  /**
   * Called once when the backend starts, with a context the provider may keep to
   * report between scheduled runs (e.g. when a webhook says something changed).
   */
  connect?(context: StatusProviderContext): Promise<void>;
}

/**
 * Lets backend modules add status providers to the Lab2Live backend.
 *
 * @public
 */
export interface MlCatalogStatusProvidersExtensionPoint {
  addStatusProvider(...providers: MlCatalogStatusProvider[]): void;
}

/**
 * The extension point for {@link MlCatalogStatusProvider}s.
 *
 * @public
 */
export const mlCatalogStatusProvidersExtensionPoint =
  createExtensionPoint<MlCatalogStatusProvidersExtensionPoint>({
    id: 'ml-catalog.status-providers',
  });
