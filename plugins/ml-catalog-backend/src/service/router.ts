import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  checkDeploymentConfirmationsBody,
  reviewReadPermission,
} from '@lab2live/plugin-ml-catalog-common';
import express from 'express';
import Router from 'express-promise-router';
import { spec } from '../schema/openapi';
import { StatusService, SummaryPage } from './StatusService';
import { WriteQueueFullError } from '../database/StatusStore';
import { GovernanceService } from '../governance/GovernanceService';
import { addGovernanceRoutes } from './governanceRoutes';
import { statusAndCompliance } from './statusAndCompliance';
import { addAuditRoutes } from '../audit/auditRoutes';
import type { AuditLog } from '../audit/AuditLog';
import type { AccessService } from '../access/AccessService';
import type { DocumentationService } from '../documentation/DocumentationService';
import { addDocumentationRoutes } from '../documentation/documentationRoutes';
import { decodeCursor, MAX_PAGE_SIZE, pageLimit } from './paging';

const DEFAULT_HISTORY_LIMIT = 200;

/**
 * The REST API: every request is validated against the OpenAPI document, so a bad body
 * gets a 400 naming the field before any handler runs.
 */
export async function createRouter(options: {
  status: StatusService;
  audit: AuditLog;
  governance: GovernanceService;
  /** The Annex IV technical documentation of a model. */
  documentation?: DocumentationService;
  access: AccessService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): Promise<express.Router> {
  const { status, governance, httpAuth, permissions, access } = options;
  const router = createValidatedOpenApiRouter(spec, {
    middleware: [express.json({ limit: '1mb' })],
  }) as unknown as express.Router;
  // The reporting routes come first, on a router of their own: they are the hot path
  // (every pipeline and provider posts here) and their bodies are checked by the status
  // service with the very schemas the OpenAPI document names, so the document's
  // validator would only check them twice and walk every other route first.
  const reports = Router();
  const json = express.json({ limit: '1mb' });

  async function authorize(
    req: express.Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  const reader = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  // Who may report for which model is decided per event (access/), not by a blanket
  // permission: the framework would let every service principal through.
  reports.post('/deployments', json, async (req, res) => {
    const credentials = await reader(req);
    const result = await status.reportDeployment(
      req.body,
      await access.reporter(credentials),
    );
    res.status(result.stored ? 201 : 200).json(result);
  });

  // The same reporting rights as events: a caller refused for any item gets 403 and
  // nothing is stored; an item that does not match the current version is listed in
  // `refused` and stores nothing.
  reports.post('/deployments/confirmations', json, async (req, res) => {
    const credentials = await reader(req);
    const problem = checkDeploymentConfirmationsBody(req.body);
    if (problem) throw new InputError(problem);
    res.json(
      await status.confirmDeployments(
        req.body.confirmations,
        await access.reporter(credentials),
      ),
    );
  });

  const modelRef = (req: express.Request) =>
    `${req.params.kind}:${req.params.namespace}/${req.params.name}`;

  router.post('/observations', async (req, res) => {
    const credentials = await reader(req);
    const result = await status.reportObservations(
      req.body.observations,
      await access.reporter(credentials),
    );
    res.status(201).json(result);
  });

  /**
   * The status of the models the caller may see (of the given ones only, if any; a page
   * of it with `page`). Which models they see is asked of the catalog beside the status
   * read, not before it.
   */
  const visibleSummary = (
    credentials: BackstageCredentials,
    only?: string[],
    visible?: Set<string>,
    page?: SummaryPage,
  ) => {
    const seen = visible ?? access.visibleModels(credentials, only);
    // A refusal reaches the caller through the summary's await; the catch only keeps it
    // from counting as unhandled should the summary fail first.
    if (seen instanceof Promise) seen.catch(() => {});
    return status.getVisibleSummary(credentials, seen, only, page);
  };
  /**
   * What `/status` and `/compliance` (or their by-refs forms) answer for the same
   * models, read by the same calls: a page that shows both asks once.
   */
  const summaryOf = (
    credentials: BackstageCredentials,
    models?: string[],
    visible?: Set<string>,
  ) =>
    statusAndCompliance({
      status: () => visibleSummary(credentials, models, visible),
      compliance: () =>
        governance.getCompliance(models ? { model: models } : {}, credentials),
    });

  // Paged like every list: a whole page by default (500 models), `nextCursor` when
  // more follow. The combined reads (/summary) answer every model at once.
  router.get('/status', async (req, res) => {
    const model = req.query.model;
    const credentials = await reader(req);
    const limit = pageLimit(
      req.query.limit === undefined ? undefined : Number(req.query.limit),
      'limit',
      MAX_PAGE_SIZE,
    );
    const after = req.query.cursor
      ? String(
          decodeCursor(String(req.query.cursor), 'cursor', ['model']).model,
        )
      : undefined;
    res.json(
      await visibleSummary(
        credentials,
        model === undefined
          ? undefined
          : ([] as string[]).concat(model as string[]),
        undefined,
        { limit, after },
      ),
    );
  });
  router.post('/status/by-refs', async (req, res) => {
    res.json(await visibleSummary(await reader(req), req.body.models));
  });
  router.get('/summary', async (req, res) => {
    res.json(await summaryOf(await reader(req)));
  });
  router.post('/summary/by-refs', async (req, res) => {
    res.json(await summaryOf(await reader(req), req.body.models));
  });

  router.get('/slas/:namespace/:name/status', async (req, res) => {
    const credentials = await reader(req);
    const visible = await access.visibleModels(credentials);
    const sla = await status.getSlaStatus(
      `sla:${req.params.namespace}/${req.params.name}`,
      credentials,
      visible,
    );
    // The SLA's page lists the covered models too: their status and compliance come
    // along, for the models the objectives are shown for.
    res.json(
      req.query.include === 'models'
        ? {
            ...sla,
            models: await summaryOf(
              credentials,
              sla.items.map(item => item.model),
              visible,
            ),
          }
        : sla,
    );
  });

  router.get('/models/:kind/:namespace/:name/status', async (req, res) => {
    const credentials = await reader(req);
    res.json(await status.getModelStatus(modelRef(req), credentials));
  });
  router.get('/models/:kind/:namespace/:name/summary', async (req, res) => {
    const credentials = await reader(req);
    const ref = modelRef(req);
    res.json(
      await statusAndCompliance({
        status: () => status.getModelStatus(ref, credentials),
        compliance: () => governance.getModelCompliance(ref, credentials),
      }),
    );
  });

  router.get('/models/:kind/:namespace/:name/deployments', async (req, res) => {
    const credentials = await reader(req);
    res.json(
      await status.getDeploymentHistory(
        modelRef(req),
        {
          limit: req.query.limit
            ? Number(req.query.limit)
            : DEFAULT_HISTORY_LIMIT,
          cursor: req.query.cursor as string | undefined,
        },
        credentials,
      ),
    );
  });

  addAuditRoutes(router, {
    audit: options.audit,
    status,
    authorizeRead: req => authorize(req, reviewReadPermission),
  });

  if (options.documentation) {
    addDocumentationRoutes(router, {
      documentation: options.documentation,
      httpAuth,
    });
  }

  addGovernanceRoutes(router, { governance, httpAuth });

  const api = Router();
  api.use(reports);
  api.use(router);
  // A full write queue answers 503 with Retry-After (the error body follows as usual).
  api.use(
    (
      error: unknown,
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error instanceof WriteQueueFullError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      next(error);
    },
  );

  return api;
}
