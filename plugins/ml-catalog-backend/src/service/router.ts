import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  deploymentWritePermission,
  reviewReadPermission,
} from '@lab2live/plugin-ml-catalog-common';
import express from 'express';
import { StatusStore } from '../database/StatusStore';
import { spec } from '../schema/openapi';
import { toCsv } from './csv';
import { StatusService } from './StatusService';
import { GovernanceService } from '../governance/GovernanceService';
import { addGovernanceRoutes } from './governanceRoutes';

const DEFAULT_HISTORY_LIMIT = 200;

/** Who a request comes from, as the audit log names them. */
export function principalName(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type;
}

/**
 * The REST API: every request is validated against the OpenAPI document, so a bad body
 * gets a 400 naming the field before any handler runs.
 */
export async function createRouter(options: {
  status: StatusService;
  store: StatusStore;
  governance?: GovernanceService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): Promise<express.Router> {
  const { status, store, httpAuth, permissions } = options;
  const router = createValidatedOpenApiRouter(spec, {
    middleware: [express.json({ limit: '1mb' })],
  }) as unknown as express.Router;

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
  const modelRef = (req: express.Request) =>
    `${req.params.kind}:${req.params.namespace}/${req.params.name}`;

  router.post('/deployments', async (req, res) => {
    const credentials = await authorize(req, deploymentWritePermission);
    const result = await status.reportDeployments(
      [req.body],
      principalName(credentials),
    );
    res.status(result.stored ? 201 : 200).json(result);
  });

  router.post('/observations', async (req, res) => {
    const credentials = await authorize(req, deploymentWritePermission);
    const result = await status.reportObservations(
      req.body.observations,
      principalName(credentials),
    );
    res.status(201).json(result);
  });

  router.get('/status', async (req, res) => {
    const credentials = await reader(req);
    const model = req.query.model;
    const only =
      model === undefined
        ? undefined
        : ([] as string[]).concat(model as string[]);
    res.json(await status.getSummary(credentials, only));
  });

  router.get('/models/:kind/:namespace/:name/status', async (req, res) => {
    const credentials = await reader(req);
    res.json(await status.getModelStatus(modelRef(req), credentials));
  });

  router.get('/models/:kind/:namespace/:name/deployments', async (req, res) => {
    const credentials = await reader(req);
    const limit = req.query.limit
      ? Number(req.query.limit)
      : DEFAULT_HISTORY_LIMIT;
    res.json(
      await status.getDeploymentHistory(modelRef(req), limit, credentials),
    );
  });

  router.get('/models/:kind/:namespace/:name/audit', async (req, res) => {
    const credentials = await authorize(req, reviewReadPermission);
    const model = await status.resolveModelRef(modelRef(req), credentials);
    const events = await store.listAuditEvents(model);
    const items = events.map(e => ({
      ...e,
      occurredAt: new Date(e.occurredAt).toISOString(),
    }));
    if (req.query.format === 'csv') {
      const filename = `audit-${model.replace(/[^a-z0-9-]+/gi, '-')}.csv`;
      res
        .type('text/csv')
        .attachment(filename)
        .send(
          toCsv(
            ['id', 'occurredAt', 'actor', 'action', 'model', 'before', 'after'],
            items.map(e => [
              e.id,
              e.occurredAt,
              e.actor,
              e.action,
              e.model ?? '',
              e.before === undefined ? '' : JSON.stringify(e.before),
              e.after === undefined ? '' : JSON.stringify(e.after),
            ]),
          ),
        );
      return;
    }
    res.json({ items });
  });

  if (options.governance) {
    addGovernanceRoutes(router, {
      governance: options.governance,
      httpAuth,
    });
  }

  return router;
}
