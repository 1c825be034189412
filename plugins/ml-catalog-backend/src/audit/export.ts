import {
  AUDIT_EXPORT_CSV_COLUMNS,
  AuditEntry,
  AuditExportEntry,
} from '@lab2live/plugin-ml-catalog-common';
import type express from 'express';
import type { ChainedAuditRecord } from './AuditLog';
import { csvLine } from './csv';

/** An entry as the API answers it. */
export function toAuditEntry(record: ChainedAuditRecord): AuditEntry {
  return { ...record, occurredAt: new Date(record.occurredAt).toISOString() };
}

/** An entry as an export holds it: the chain, without database ids. */
export function toExportEntry(record: ChainedAuditRecord): AuditExportEntry {
  return {
    seq: record.seq,
    occurredAt: new Date(record.occurredAt).toISOString(),
    actor: record.actor,
    action: record.action,
    ...(record.model !== undefined ? { model: record.model } : {}),
    ...(record.before !== undefined ? { before: record.before } : {}),
    ...(record.after !== undefined ? { after: record.after } : {}),
    prevHash: record.prevHash,
    hash: record.hash,
  };
}

const json = (value: unknown) =>
  value === undefined ? '' : JSON.stringify(value);

function csvRow(entry: AuditExportEntry): string {
  return csvLine([
    entry.seq,
    entry.occurredAt,
    entry.actor,
    entry.action,
    entry.model ?? '',
    json(entry.before),
    json(entry.after),
    entry.prevHash ?? '',
    entry.hash,
  ]);
}

/** Writes text, waiting while the client is slow to read; fails if it went away. */
function send(res: express.Response, text: string): Promise<void> {
  if (res.destroyed) return Promise.reject(new Error('the client went away'));
  if (res.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    function drained() {
      res.off('close', closed);
      resolve();
    }
    function closed() {
      res.off('drain', drained);
      reject(new Error('the client went away'));
    }
    res.once('drain', drained);
    res.once('close', closed);
  });
}

/**
 * Streams a model's whole chain as a download, page by page, so memory stays bounded
 * however long the log is. JSON: `{ model, exportedAt, entries }`; CSV: one row per
 * entry with the columns of `AUDIT_EXPORT_CSV_COLUMNS`. A failure after the first
 * bytes breaks the connection, so a cut-short export is never taken for a whole one.
 */
export async function sendAuditExport(
  res: express.Response,
  options: {
    model: string;
    format: 'json' | 'csv';
    pages: AsyncGenerator<ChainedAuditRecord[]>;
    exportedAt: Date;
  },
): Promise<void> {
  const { model, format, pages } = options;
  // The first page is read before answering: a failure there is still an error body.
  let next = await pages.next();
  const filename = `audit-${model.replace(/[^a-z0-9-]+/gi, '-')}.${format}`;
  res
    .status(200)
    .type(format === 'csv' ? 'text/csv' : 'application/json')
    .attachment(filename);
  try {
    await send(
      res,
      format === 'csv'
        ? csvLine(AUDIT_EXPORT_CSV_COLUMNS)
        : `{"model":${JSON.stringify(model)},"exportedAt":${JSON.stringify(
            options.exportedAt.toISOString(),
          )},"entries":[`,
    );
    let first = true;
    while (!next.done) {
      const entries = next.value.map(toExportEntry);
      let text = '';
      for (const entry of entries) {
        if (format === 'csv') {
          text += csvRow(entry);
        } else {
          text += `${first ? '' : ','}\n${JSON.stringify(entry)}`;
          first = false;
        }
      }
      await send(res, text);
      next = await pages.next();
    }
    if (format === 'json') await send(res, '\n]}\n');
    res.end();
  } catch {
    await pages.return(undefined);
    res.destroy();
  }
}
