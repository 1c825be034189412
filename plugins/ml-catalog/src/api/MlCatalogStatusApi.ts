import { parseEntityRef } from '@backstage/catalog-model';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import type {
  DeploymentHistoryResponse,
  ModelStatus,
  SlaStatusResponse,
  StatusSummaryResponse,
} from '@lab2live/plugin-ml-catalog-common';
import { modelPath } from './modelPath';
import { BackendRequests, sharedBackendRequests } from './BackendRequests';
import { partOf, readModelSummary, readSummary } from './summaryReads';

/**
 * Reads deployment and SLA status from the Lab2Live backend (`/api/ml-catalog`).
 *
 * @public
 */
export interface MlCatalogStatusApi {
  /** Every model with a deployment or an SLA, or only the given models, in one request. */
  getStatusSummary(models?: string[]): Promise<StatusSummaryResponse>;
  getModelStatus(modelRef: string): Promise<ModelStatus>;
  /**
   * How one SLA's objectives stand for each covered model the user may see, at once;
   * the default client brings those models' status and compliance along (`models`).
   */
  getSlaStatus(slaRef: string): Promise<SlaStatusResponse>;
  getDeploymentHistory(
    modelRef: string,
    limit?: number,
  ): Promise<DeploymentHistoryResponse>;
  /** The address of the model's audit log export with its hash chain (`format` csv or json). */
  getAuditExportUrl(modelRef: string, format: 'csv' | 'json'): Promise<string>;
}

/**
 * The API reference of {@link MlCatalogStatusApi}.
 *
 * @public
 */
export const mlCatalogStatusApiRef = createApiRef<MlCatalogStatusApi>({
  id: 'plugin.ml-catalog.status',
});

/**
 * The default {@link MlCatalogStatusApi}: the backend through Backstage's fetch API,
 * so requests carry the signed-in user's token. Status is read together with
 * compliance, in one request that the governance client of the same fetch API shares.
 *
 * @public
 */
export class MlCatalogStatusClient implements MlCatalogStatusApi {
  private readonly backend: BackendRequests;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = sharedBackendRequests(deps);
  }

  async getStatusSummary(models?: string[]): Promise<StatusSummaryResponse> {
    return partOf(await readSummary(this.backend, models), 'status');
  }

  async getModelStatus(modelRef: string): Promise<ModelStatus> {
    return partOf(await readModelSummary(this.backend, modelRef), 'status');
  }

  async getSlaStatus(slaRef: string): Promise<SlaStatusResponse> {
    const { namespace, name } = parseEntityRef(slaRef, { defaultKind: 'sla' });
    // The SLA's page lists the covered models too: one read for both of its cards.
    return this.backend.read(
      `/slas/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/status?include=models`,
    );
  }

  async getDeploymentHistory(
    modelRef: string,
    limit = 200,
  ): Promise<DeploymentHistoryResponse> {
    return this.backend.read(
      `${modelPath(modelRef)}/deployments?limit=${limit}`,
    );
  }

  async getAuditExportUrl(
    modelRef: string,
    format: 'csv' | 'json',
  ): Promise<string> {
    return this.backend.url(
      `${modelPath(modelRef)}/audit/export?format=${format}`,
    );
  }
}
