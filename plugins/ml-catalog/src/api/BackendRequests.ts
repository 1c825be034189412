import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * How long an answered read also answers the same read: long enough for the header and
 * the cards of one page, which mount moments apart, short enough that a later visit
 * asks the server again.
 */
export const READ_REUSE_MS = 5_000;

/**
 * Requests to the Lab2Live backend for the API clients: cards and the header of one page
 * ask the same, so an identical read under way, or answered within
 * {@link READ_REUSE_MS}, answers them all; a write ends the sharing, so nobody is
 * answered with a state older than their call.
 */
export class BackendRequests {
  /** Reads under way or recently answered, by method, path and body. */
  private readonly reads = new Map<
    string,
    { answer: Promise<unknown>; answeredAt?: number }
  >();
  /** Who re-reads after a write (cards showing what writes change). */
  private readonly writeListeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
      /** The clock, for tests. */
      now?: () => number;
    },
  ) {
    this.now = deps.now ?? (() => Date.now());
  }

  /**
   * A read: GET, or POST when the question is a body (lists of models that outgrow a
   * query string). An identical read under way, or answered less than
   * {@link READ_REUSE_MS} ago, answers this one too; a failed one answers nobody else.
   */
  async read<T>(path: string, body?: object): Promise<T> {
    const key = body ? `POST ${path} ${JSON.stringify(body)}` : `GET ${path}`;
    const known = this.reads.get(key);
    if (
      known &&
      (known.answeredAt === undefined ||
        this.now() - known.answeredAt < READ_REUSE_MS)
    ) {
      return (await known.answer) as T;
    }
    const entry: { answer: Promise<unknown>; answeredAt?: number } = {
      answer: this.fetch(path, body ? 'POST' : 'GET', body)
        .then(response => response.json())
        .then(
          answer => {
            entry.answeredAt = this.now();
            return answer;
          },
          error => {
            if (this.reads.get(key) === entry) this.reads.delete(key);
            throw error;
          },
        ),
    };
    this.reads.set(key, entry);
    return (await entry.answer) as T;
  }

  /** A write, never shared. */
  async write<T>(path: string, method: 'POST' | 'PUT', body: object) {
    try {
      const response = await this.fetch(path, method, body);
      return (await response.json()) as T;
    } finally {
      // Reads begun or answered before this write (or a refused one, 409: someone else
      // wrote) may hold the older state: later reads must not use them, and what shows
      // the state reads again.
      this.reads.clear();
      this.writeListeners.forEach(listener => listener());
    }
  }

  /** Calls `listener` after every write (also a refused one); returns the unsubscribe. */
  onWrite(listener: () => void): () => void {
    this.writeListeners.add(listener);
    return () => {
      this.writeListeners.delete(listener);
    };
  }

  /** The backend's address of a path, for links and downloads. */
  async url(path: string): Promise<string> {
    return `${await this.deps.discoveryApi.getBaseUrl('ml-catalog')}${path}`;
  }

  async fetch(path: string, method = 'GET', body?: object): Promise<Response> {
    const response = await this.deps.fetchApi.fetch(await this.url(path), {
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

/** The requests of each fetch and discovery API, by fetch API then discovery API. */
const shared = new WeakMap<FetchApi, WeakMap<DiscoveryApi, BackendRequests>>();

/**
 * The one {@link BackendRequests} of an app's fetch and discovery APIs: the status and
 * the governance clients share it, so the status and compliance that the cards of one
 * page ask of both clients come from one combined read, and a governance write ends
 * the sharing of both.
 */
export function sharedBackendRequests(deps: {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}): BackendRequests {
  let byDiscovery = shared.get(deps.fetchApi);
  if (!byDiscovery) {
    byDiscovery = new WeakMap();
    shared.set(deps.fetchApi, byDiscovery);
  }
  let requests = byDiscovery.get(deps.discoveryApi);
  if (!requests) {
    requests = new BackendRequests(deps);
    byDiscovery.set(deps.discoveryApi, requests);
  }
  return requests;
}

/** `?a=1&b=2`, or nothing when there are no parameters. */
export function querySuffix(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}
