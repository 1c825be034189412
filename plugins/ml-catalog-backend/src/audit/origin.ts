import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Through what a write arrived, when not through the REST API: an action of the
 * Backstage actions registry, which agents call over MCP.
 */
export interface AuditOrigin {
  via: 'agent';
  /** The action's id, e.g. `ml-catalog:approve-review`. */
  action: string;
}

const storage = new AsyncLocalStorage<AuditOrigin>();

/**
 * Runs `fn` (a call of the same service methods the REST API calls) so that every audit
 * entry it writes says it came through an agent's action.
 */
export function withAuditOrigin<T>(
  origin: AuditOrigin,
  fn: () => Promise<T>,
): Promise<T> {
  return storage.run(origin, fn);
}

/**
 * The `after` of an audit entry with the origin of the write in it (`via`, `action`),
 * when the write came through an action; unchanged otherwise.
 */
export function withOriginNote(after: unknown): unknown {
  const origin = storage.getStore();
  if (!origin) return after;
  let base: Record<string, unknown> = {};
  if (after && typeof after === 'object' && !Array.isArray(after)) {
    base = after as Record<string, unknown>;
  } else if (after !== undefined) {
    base = { value: after };
  }
  return { ...base, via: origin.via, viaAction: origin.action };
}
