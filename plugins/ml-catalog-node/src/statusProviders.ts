import {
  createExtensionPoint,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type {
  DeploymentEventInput,
  SlaObservationInput,
} from '@lab2live/plugin-ml-catalog-common';

/**
 * What the backend hands a status provider on each run. Reports go through the same
 * validation, idempotency and audit log as the REST API.
 *
 * @public
 */
export interface StatusProviderContext {
  /** Stores deployment events; a known event id is ignored, so a provider may re-send. */
  reportDeployments(events: DeploymentEventInput[]): Promise<{
    stored: number;
    duplicates: number;
  }>;
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
