/**
 * The audit log's hash chain, shared by the backend that writes it and the command that
 * verifies an export. Only the serialisation lives here, so this package stays free of
 * Node: each side hashes {@link auditChainPayload} with SHA-256 (hex).
 */

/**
 * JSON with object keys in a stable order (sorted by UTF-16 code units, as RFC 8785
 * does), no whitespace, and `undefined` properties left out: the same value always gives
 * the same text, whatever order its keys were written in.
 *
 * @public
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // Numbers and strings as JSON.stringify writes them (RFC 8785 does the same);
    // what JSON cannot hold (undefined, functions, NaN) becomes null.
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter(key => record[key] !== undefined)
    .sort()
    .map(key => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/**
 * What an audit entry's hash covers: everything about it that must never change.
 *
 * @public
 */
export interface AuditChainFields {
  /** The model the entry belongs to; `null` for entries about no single model. */
  model: string | null | undefined;
  /** The entry's place in its model's chain, from 1. */
  seq: number;
  /** ISO 8601, as the API and exports write it. */
  occurredAt: string;
  actor: string;
  action: string;
  /** Absent counts as `null`. */
  before?: unknown;
  /** Absent counts as `null`. */
  after?: unknown;
  /** The hash of the entry before it in the chain; `null` for the first. */
  prevHash: string | null | undefined;
}

/**
 * The text whose SHA-256 (lowercase hex) is an audit entry's `hash`: the canonical JSON
 * of its {@link AuditChainFields}, absent values as `null`.
 *
 * @public
 */
export function auditChainPayload(fields: AuditChainFields): string {
  return canonicalJson({
    action: fields.action,
    actor: fields.actor,
    after: fields.after ?? null,
    before: fields.before ?? null,
    model: fields.model ?? null,
    occurredAt: fields.occurredAt,
    prevHash: fields.prevHash ?? null,
    seq: fields.seq,
  });
}

/**
 * The columns of an audit export as CSV, in order.
 *
 * @public
 */
export const AUDIT_EXPORT_CSV_COLUMNS = [
  'seq',
  'occurredAt',
  'actor',
  'action',
  'model',
  'before',
  'after',
  'prevHash',
  'hash',
] as const;
