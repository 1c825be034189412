import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import {
  AUDIT_EXPORT_CSV_COLUMNS,
  auditChainPayload,
  AuditExportEntry,
} from '@lab2live/plugin-ml-catalog-common';

/** What verifying an audit export found. */
export interface AuditVerification {
  ok: boolean;
  model: string;
  entries: number;
  /** The first entry that was removed, edited or reordered, when `ok` is false. */
  problem?: string;
  /** The last entry of the export, to compare with the live log (a cut-off tail). */
  last?: { seq: number; hash: string };
}

/** An export that cannot be read as one. */
export class AuditExportError extends Error {}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** An entry's hash recomputed from its content. */
export function auditEntryHash(entry: AuditExportEntry): string {
  return sha256(
    auditChainPayload({
      model: entry.model ?? null,
      seq: entry.seq,
      occurredAt: entry.occurredAt,
      actor: entry.actor,
      action: entry.action,
      before: entry.before,
      after: entry.after,
      prevHash: entry.prevHash,
    }),
  );
}

/** RFC 4180 rows; quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (quoted) throw new AuditExportError('a quoted CSV cell is never closed');
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * The backend's CSV puts a `'` before a cell that a spreadsheet would run as a formula,
 * and before one that starts with `'`: taking one off gives the value back.
 */
const unguard = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);

function parseJsonCell(cell: string, where: string): unknown {
  if (cell === '') return undefined;
  try {
    return JSON.parse(cell);
  } catch {
    throw new AuditExportError(`${where} is not JSON`);
  }
}

function fromCsv(text: string): {
  model?: string;
  entries: AuditExportEntry[];
} {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const missing = AUDIT_EXPORT_CSV_COLUMNS.filter(
    column => !header?.includes(column),
  );
  if (!header || missing.length > 0) {
    throw new AuditExportError(
      `the CSV header lacks the column(s) ${missing.join(', ')}`,
    );
  }
  const at = Object.fromEntries(header.map((name, index) => [name, index]));
  const entries = rows
    .filter(row => row.some(cell => cell !== ''))
    .map((row, index) => {
      const cell = (name: string) => unguard(row[at[name]] ?? '');
      const where = (name: string) => `row ${index + 2}, column ${name},`;
      const entry: AuditExportEntry = {
        seq: Number(cell('seq')),
        occurredAt: cell('occurredAt'),
        actor: cell('actor'),
        action: cell('action'),
        prevHash: cell('prevHash') === '' ? null : cell('prevHash'),
        hash: cell('hash'),
      };
      if (cell('model') !== '') entry.model = cell('model');
      const before = parseJsonCell(cell('before'), where('before'));
      const after = parseJsonCell(cell('after'), where('after'));
      if (before !== undefined) entry.before = before;
      if (after !== undefined) entry.after = after;
      return entry;
    });
  return { model: entries[0]?.model, entries };
}

function fromJson(text: string): {
  model?: string;
  entries: AuditExportEntry[];
} {
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AuditExportError(`not JSON (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.entries)) {
    throw new AuditExportError('no "entries" list');
  }
  parsed.entries.forEach((entry: unknown, index: number) => {
    if (!entry || typeof entry !== 'object') {
      throw new AuditExportError(`entries[${index}] is not an object`);
    }
  });
  return {
    model: typeof parsed.model === 'string' ? parsed.model : undefined,
    entries: parsed.entries,
  };
}

/** Reads an export as JSON (`{ model, exportedAt, entries }`) or CSV. */
export function parseAuditExport(text: string): {
  model?: string;
  entries: AuditExportEntry[];
} {
  return /^\s*\{/.test(text.replace(/^\uFEFF/, ''))
    ? fromJson(text)
    : fromCsv(text);
}

/**
 * Walks the chain in file order and names the first entry that was removed, edited or
 * reordered: every seq follows the one before it, every hash matches its entry's content,
 * and every prevHash is the hash of the entry before it.
 */
export function verifyAuditChain(
  model: string | null,
  entries: AuditExportEntry[],
): string | undefined {
  let prev: AuditExportEntry | undefined;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const expected = prev ? prev.seq + 1 : 1;
    if (!Number.isInteger(entry.seq) || entry.seq < 1) {
      return `entry ${i + 1} of the file has no valid seq (${JSON.stringify(
        entry.seq,
      )})`;
    }
    if (entry.seq > expected) {
      if (entries.slice(i + 1).some(later => later.seq === expected)) {
        return `entries out of order at seq ${expected}: seq ${entry.seq} comes before it`;
      }
      return prev
        ? `entry seq ${expected} is missing (seq jumps from ${prev.seq} to ${entry.seq})`
        : `entry seq ${expected} is missing (the export starts at seq ${entry.seq})`;
    }
    if (entry.seq < expected) {
      return entries.slice(0, i).some(earlier => earlier.seq === entry.seq)
        ? `entry seq ${entry.seq} appears more than once`
        : `entries out of order at seq ${entry.seq}: it comes after seq ${
            prev!.seq
          }`;
    }
    if ((entry.model ?? null) !== model) {
      return `entry seq ${entry.seq}: belongs to ${
        entry.model ?? 'no model'
      }, not to ${model ?? 'no model'}`;
    }
    if (auditEntryHash(entry) !== entry.hash) {
      return `entry seq ${entry.seq}: edited (hash does not match its content)`;
    }
    if ((entry.prevHash ?? null) !== (prev ? prev.hash : null)) {
      // This entry is intact, so the one before it is not the one it was chained to.
      return prev
        ? `entry seq ${prev.seq}: edited (its hash is not the prevHash that entry seq ${entry.seq} recorded)`
        : `entry seq ${entry.seq}: edited (the first entry names a previous hash)`;
    }
    prev = entry;
  }
  return undefined;
}

/** Reads and verifies an export file. */
export async function verifyAuditFile(
  file: string,
): Promise<AuditVerification> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new AuditExportError(
      `cannot read ${file}: ${(error as Error).message}`,
    );
  }
  const parsed = parseAuditExport(text);
  const model = parsed.model ?? parsed.entries[0]?.model ?? null;
  const problem = verifyAuditChain(model, parsed.entries);
  const tail = parsed.entries[parsed.entries.length - 1];
  return {
    ok: problem === undefined,
    model: model ?? '(no model)',
    entries: parsed.entries.length,
    ...(problem ? { problem } : {}),
    ...(tail ? { last: { seq: tail.seq, hash: tail.hash } } : {}),
  };
}
