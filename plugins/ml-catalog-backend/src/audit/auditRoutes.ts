import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type express from 'express';
import type { AuditLog } from './AuditLog';
import { sendAuditExport, toAuditEntry } from './export';
import { decodeCursor, encodeCursor, pageLimit } from '../service/paging';

type Order = 'asc' | 'desc';

/** The seq a cursor continues from; it must come from a page read in the same order. */
function cursorSeq(cursor: string, order: Order): number {
  const position = decodeCursor(cursor, 'cursor', ['order', 'seq']);
  if (position.order !== order) {
    throw new InputError(
      `cursor continues a page read with order=${position.order}; ask with the same order`,
    );
  }
  return Number(position.seq);
}

/**
 * A model's audit log: `GET .../audit` answers pages of its chain (`limit`, `cursor`,
 * `order`), `GET .../audit/export` streams the whole chain as a JSON or CSV download.
 * Both need the read permission (`authorizeRead`, lab2live.review.read) and a model the
 * caller may see in the catalog.
 */
export function addAuditRoutes(
  router: express.Router,
  deps: {
    audit: AuditLog;
    /** Resolves a model the caller may see in the catalog; 404 otherwise. */
    status: {
      resolveModelRef(
        modelRef: string,
        credentials: BackstageCredentials,
      ): Promise<string>;
    };
    /** The caller's credentials once lab2live.review.read allows them; 403 otherwise. */
    authorizeRead: (req: express.Request) => Promise<BackstageCredentials>;
    clock?: () => number;
  },
) {
  const { audit, status, authorizeRead } = deps;
  const clock = deps.clock ?? Date.now;

  /** The model the request names, once the caller may read its audit log. */
  async function readableModel(req: express.Request): Promise<string> {
    const credentials = await authorizeRead(req);
    return status.resolveModelRef(
      `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
      credentials,
    );
  }

  const exportChain = (
    res: express.Response,
    model: string,
    format: 'json' | 'csv',
  ) =>
    sendAuditExport(res, {
      model,
      format,
      pages: audit.readChain(model),
      exportedAt: new Date(clock()),
    });

  router.get('/models/:kind/:namespace/:name/audit', async (req, res) => {
    const model = await readableModel(req);
    if (req.query.format === 'csv') {
      // Links made before the export route existed keep downloading the whole log.
      await exportChain(res, model, 'csv');
      return;
    }
    const limit = pageLimit(
      req.query.limit === undefined ? undefined : Number(req.query.limit),
      'limit',
    );
    const order: Order = req.query.order === 'desc' ? 'desc' : 'asc';
    const from =
      typeof req.query.cursor === 'string'
        ? cursorSeq(req.query.cursor, order)
        : undefined;
    const rows = await audit.listAuditEvents(model, {
      limit: limit + 1,
      order,
      ...(order === 'asc' ? { afterSeq: from } : { beforeSeq: from }),
    });
    const page = rows.slice(0, limit);
    res.json({
      items: page.map(toAuditEntry),
      ...(rows.length > limit
        ? {
            nextCursor: encodeCursor({ order, seq: page[page.length - 1].seq }),
          }
        : {}),
    });
  });

  router.get(
    '/models/:kind/:namespace/:name/audit/export',
    async (req, res) => {
      const model = await readableModel(req);
      await exportChain(
        res,
        model,
        req.query.format === 'csv' ? 'csv' : 'json',
      );
    },
  );
}
