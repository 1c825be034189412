import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * Requests to the Lab2Live backend for the API clients: cards and the header of one page
 * ask the same at once, so identical reads under way are shared; a write ends the
 * sharing, so nobody is answered with a state older than their call.
 */
export class BackendRequests {
  /** Reads under way by method, path and body. */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Who re-reads after a write (cards showing what writes change). */
  private readonly writeListeners = new Set<() => void>();

  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  /**
   * A read: GET, or POST when the question is a body (lists of models that outgrow a
   * query string). An identical read already under way answers this one too; once it
   * has settled, the next read asks the server again.
   */
  async read<T>(path: string, body?: object): Promise<T> {
    const key = body ? `POST ${path} ${JSON.stringify(body)}` : `GET ${path}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetch(path, body ? 'POST' : 'GET', body)
        .then(response => response.json())
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return (await pending) as T;
  }

  /** A write, never shared. */
  async write<T>(path: string, method: 'POST' | 'PUT', body: object) {
    try {
      const response = await this.fetch(path, method, body);
      return (await response.json()) as T;
    } finally {
      // Reads begun before this write (or a refused one, 409: someone else wrote) may
      // answer with the older state: later reads must not join them, and what shows
      // the state reads again.
      this.inFlight.clear();
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

/** `?a=1&b=2`, or nothing when there are no parameters. */
export function querySuffix(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}
