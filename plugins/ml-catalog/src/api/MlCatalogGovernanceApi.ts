import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
} from '@lab2live/plugin-ml-catalog-common';
import { modelPath } from './modelPath';

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
 *
 * @public
 */
export class MlCatalogGovernanceClient implements MlCatalogGovernanceApi {
  /** GETs under way by path: cards and the header of one page ask the same at once. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

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
    return this.request<ReviewListResponse>(`/reviews${suffix(params)}`);
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

  getCompliance(filter: ComplianceFilter = {}) {
    const params = new URLSearchParams();
    for (const [key, values] of Object.entries(filter)) {
      (values as string[] | undefined)?.forEach(value =>
        params.append(key, value),
      );
    }
    return this.request<ComplianceResponse>(`/compliance${suffix(params)}`);
  }

  getModelCompliance(modelRef: string) {
    return this.request<ModelCompliance>(`${modelPath(modelRef)}/compliance`);
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
      `${modelPath(modelRef)}/audit${suffix(params)}`,
    );
  }

  async downloadAudit(modelRef: string, format: 'csv' | 'json') {
    const response = await this.fetch(
      `${modelPath(modelRef)}/audit/export?format=${format}`,
    );
    return response.blob();
  }

  private async request<T>(
    path: string,
    method: 'GET' | 'POST' | 'PUT' = 'GET',
    body?: object,
  ): Promise<T> {
    if (method !== 'GET') {
      try {
        const response = await this.fetch(path, method, body);
        return (await response.json()) as T;
      } finally {
        // Reads begun before this write (or a refused one, 409: someone else wrote)
        // may answer with the older state: later reads must not join them.
        this.inFlight.clear();
      }
    }
    // An identical read already under way answers this one too; once it has settled,
    // the next read asks the server again, so nobody sees an answer older than a call.
    let pending = this.inFlight.get(path);
    if (!pending) {
      pending = this.fetch(path)
        .then(response => response.json())
        .finally(() => this.inFlight.delete(path));
      this.inFlight.set(path, pending);
    }
    return (await pending) as T;
  }

  private async fetch(path: string, method = 'GET', body?: object) {
    const base = await this.deps.discoveryApi.getBaseUrl('ml-catalog');
    const response = await this.deps.fetchApi.fetch(`${base}${path}`, {
      method,
      ...(body
        ? {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }
        : {}),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function suffix(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}
