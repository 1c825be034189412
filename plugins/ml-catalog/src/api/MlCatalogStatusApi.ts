import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DeploymentHistoryResponse,
  ModelStatus,
  StatusSummaryResponse,
} from '@lab2live/plugin-ml-catalog-common';
import { modelPath } from './modelPath';

/**
 * Reads deployment and SLA status from the Lab2Live backend (`/api/ml-catalog`).
 *
 * @public
 */
export interface MlCatalogStatusApi {
  /** Every model with a deployment or an SLA, or only the given models, in one request. */
  getStatusSummary(models?: string[]): Promise<StatusSummaryResponse>;
  getModelStatus(modelRef: string): Promise<ModelStatus>;
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
 * so requests carry the signed-in user's token.
 *
 * @public
 */
export class MlCatalogStatusClient implements MlCatalogStatusApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getStatusSummary(models?: string[]): Promise<StatusSummaryResponse> {
    const query = new URLSearchParams();
    models?.forEach(model => query.append('model', model));
    const suffix = query.size ? `?${query}` : '';
    return this.get(`/status${suffix}`);
  }

  async getModelStatus(modelRef: string): Promise<ModelStatus> {
    return this.get(`${modelPath(modelRef)}/status`);
  }

  async getDeploymentHistory(
    modelRef: string,
    limit = 200,
  ): Promise<DeploymentHistoryResponse> {
    return this.get(`${modelPath(modelRef)}/deployments?limit=${limit}`);
  }

  async getAuditExportUrl(
    modelRef: string,
    format: 'csv' | 'json',
  ): Promise<string> {
    const base = await this.deps.discoveryApi.getBaseUrl('ml-catalog');
    return `${base}${modelPath(modelRef)}/audit/export?format=${format}`;
  }

  private async get<T>(path: string): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('ml-catalog');
    const response = await this.deps.fetchApi.fetch(`${base}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
