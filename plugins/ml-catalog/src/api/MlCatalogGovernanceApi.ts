import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import type {
  AuditLogPage,
  ChecklistItemDefinition,
  ComplianceResponse,
  ExpiringResponse,
  ModelCompliance,
  Review,
  ReviewDecisionKind,
  ReviewItemStatus,
  ReviewListResponse,
  ReviewState,
  TechnicalDocumentation,
} from '@lab2live/plugin-ml-catalog-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { modelPath } from './modelPath';
import {
  BackendRequests,
  querySuffix,
  sharedBackendRequests,
} from './BackendRequests';
import { partOf, readModelSummary, readSummary } from './summaryReads';

/**
 * Filters of the all-models compliance read.
 *
 * @public
 */
export interface ComplianceFilter {
  owner?: string[];
  system?: string[];
  stage?: string[];
  riskTier?: string[];
  model?: string[];
}

/**
 * Governance reviews and compliance from the Lab2Live backend (`/api/ml-catalog`).
 * Every write names the review revision it read; a stale write fails with a
 * `ResponseError` of status 409 whose body carries the current review.
 *
 * @public
 */
export interface MlCatalogGovernanceApi {
  getChecklist(): Promise<{ items: ChecklistItemDefinition[] }>;
  getModelReviews(modelRef: string): Promise<ReviewListResponse>;
  listReviews(query?: {
    state?: ReviewState[];
    awaiting?: 'me';
  }): Promise<ReviewListResponse>;
  getReview(id: string): Promise<Review>;
  createReview(modelRef: string, version: string): Promise<Review>;
  setItem(
    id: string,
    itemId: string,
    body: {
      revision: number;
      status: ReviewItemStatus;
      evidence?: string[];
      note?: string;
    },
  ): Promise<Review>;
  waiveItem(
    id: string,
    itemId: string,
    body: { revision: number; reason: string; expiresAt: string },
  ): Promise<Review>;
  submit(id: string, revision: number): Promise<Review>;
  withdraw(id: string, revision: number): Promise<Review>;
  decide(
    id: string,
    body: { revision: number; decision: ReviewDecisionKind; note?: string },
  ): Promise<Review>;
  getCompliance(filter?: ComplianceFilter): Promise<ComplianceResponse>;
  getModelCompliance(modelRef: string): Promise<ModelCompliance>;
  getExpiring(days: number): Promise<ExpiringResponse>;
  /**
   * A page of the model's audit log: oldest first, or newest first with
   * `order: 'desc'`; pass the page's `nextCursor` (and the same order) for the next.
   */
  getAuditLog(
    modelRef: string,
    page?: { cursor?: string; limit?: number; order?: 'asc' | 'desc' },
  ): Promise<AuditLogPage>;
  /**
   * The model's whole audit log with its hash chain as a file (`csv` or `json`, from
   * the export route), fetched with the user's token.
   */
  downloadAudit(modelRef: string, format: 'csv' | 'json'): Promise<Blob>;
  /**
   * Calls `listener` after every write made through this client (also one the server
   * refused because someone else wrote), so what shows the state (the audit log, the
   * compliance badge) reads it again. Returns the unsubscribe function.
   */
  onChange?(listener: () => void): () => void;
  /**
   * The model's technical documentation (Annex IV of Regulation (EU) 2024/1689):
   * its sections with their completeness and gaps.
   */
  getDocumentation(modelRef: string): Promise<TechnicalDocumentation>;
  /**
   * The technical documentation as a file (`pdf` or `md`), with the file name the
   * server gives it, fetched with the user's token.
   */
  downloadDocumentation(
    modelRef: string,
    format: 'pdf' | 'md',
  ): Promise<{ blob: Blob; fileName: string }>;
}

/**
 * The API reference of {@link MlCatalogGovernanceApi}.
 *
 * @public
 */
export const mlCatalogGovernanceApiRef = createApiRef<MlCatalogGovernanceApi>({
  id: 'plugin.ml-catalog.governance',
});

/**
 * The default {@link MlCatalogGovernanceApi}: the backend through Backstage's fetch API.
 * Compliance is read together with status, in one request that the status client of
 * the same fetch API shares.
 *
 * @public
 */
export class MlCatalogGovernanceClient implements MlCatalogGovernanceApi {
  private readonly backend: BackendRequests;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = sharedBackendRequests(deps);
  }

  getChecklist() {
    return this.request<{ items: ChecklistItemDefinition[] }>(
      '/governance/checklist',
    );
  }

  getModelReviews(modelRef: string) {
    return this.request<ReviewListResponse>(`${modelPath(modelRef)}/reviews`);
  }

  listReviews(query: { state?: ReviewState[]; awaiting?: 'me' } = {}) {
    const params = new URLSearchParams();
    query.state?.forEach(state => params.append('state', state));
    if (query.awaiting) params.set('awaiting', query.awaiting);
    return this.request<ReviewListResponse>(`/reviews${querySuffix(params)}`);
  }

  getReview(id: string) {
    return this.request<Review>(`/reviews/${encodeURIComponent(id)}`);
  }

  createReview(modelRef: string, version: string) {
    return this.request<Review>('/reviews', 'POST', {
      model: modelRef,
      version,
    });
  }

  setItem(
    id: string,
    itemId: string,
    body: {
      revision: number;
      status: ReviewItemStatus;
      evidence?: string[];
      note?: string;
    },
  ) {
    return this.request<Review>(
      `/reviews/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}`,
      'PUT',
      body,
    );
  }

  waiveItem(
    id: string,
    itemId: string,
    body: { revision: number; reason: string; expiresAt: string },
  ) {
    return this.request<Review>(
      `/reviews/${encodeURIComponent(id)}/items/${encodeURIComponent(
        itemId,
      )}/waiver`,
      'POST',
      body,
    );
  }

  submit(id: string, revision: number) {
    return this.request<Review>(
      `/reviews/${encodeURIComponent(id)}/submit`,
      'POST',
      { revision },
    );
  }

  withdraw(id: string, revision: number) {
    return this.request<Review>(
      `/reviews/${encodeURIComponent(id)}/withdraw`,
      'POST',
      { revision },
    );
  }

  decide(
    id: string,
    body: { revision: number; decision: ReviewDecisionKind; note?: string },
  ) {
    return this.request<Review>(
      `/reviews/${encodeURIComponent(id)}/decisions`,
      'POST',
      body,
    );
  }

  async getCompliance(
    filter: ComplianceFilter = {},
  ): Promise<ComplianceResponse> {
    const { model, ...others } = filter;
    if (Object.values(others).every(values => !values?.length)) {
      // Every model, or a team's or a service's: with their status, in one read.
      return partOf(await readSummary(this.backend, model), 'compliance');
    }
    const params = new URLSearchParams();
    for (const [key, values] of Object.entries(filter)) {
      (values as string[] | undefined)?.forEach(value =>
        params.append(key, value),
      );
    }
    return this.request<ComplianceResponse>(
      `/compliance${querySuffix(params)}`,
    );
  }

  async getModelCompliance(modelRef: string): Promise<ModelCompliance> {
    return partOf(await readModelSummary(this.backend, modelRef), 'compliance');
  }

  getExpiring(days: number) {
    return this.request<ExpiringResponse>(`/governance/expiring?days=${days}`);
  }

  getAuditLog(
    modelRef: string,
    page: { cursor?: string; limit?: number; order?: 'asc' | 'desc' } = {},
  ) {
    const params = new URLSearchParams();
    if (page.limit !== undefined) params.set('limit', String(page.limit));
    if (page.order) params.set('order', page.order);
    if (page.cursor) params.set('cursor', page.cursor);
    return this.request<AuditLogPage>(
      `${modelPath(modelRef)}/audit${querySuffix(params)}`,
    );
  }

  async downloadAudit(modelRef: string, format: 'csv' | 'json') {
    const response = await this.backend.fetch(
      `${modelPath(modelRef)}/audit/export?format=${format}`,
    );
    return response.blob();
  }

  getDocumentation(modelRef: string) {
    return this.request<TechnicalDocumentation>(
      `${modelPath(modelRef)}/documentation`,
    );
  }

  async downloadDocumentation(modelRef: string, format: 'pdf' | 'md') {
    const response = await this.backend.fetch(
      `${modelPath(modelRef)}/documentation?format=${format}`,
    );
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const fileName =
      disposition.match(/filename="([^"]+)"/)?.[1] ??
      `${parseEntityRef(modelRef).name}-annex-iv.${format}`;
    return { blob: await response.blob(), fileName };
  }

  onChange(listener: () => void) {
    return this.backend.onWrite(listener);
  }

  private request<T>(
    path: string,
    method: 'GET' | 'POST' | 'PUT' = 'GET',
    body?: object,
  ): Promise<T> {
    return method === 'GET'
      ? this.backend.read<T>(path)
      : this.backend.write<T>(path, method, body ?? {});
  }
}
