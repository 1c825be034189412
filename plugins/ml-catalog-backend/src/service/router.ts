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
import { spec } from '../schema/openapi';
import { StatusService } from './StatusService';
import { GovernanceService } from '../governance/GovernanceService';
import { addGovernanceRoutes } from './governanceRoutes';
import { addAuditRoutes } from '../audit/auditRoutes';
import type { AuditLog } from '../audit/AuditLog';

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
  audit: AuditLog;
  governance?: GovernanceService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): Promise<express.Router> {
  const { status, httpAuth, permissions } = options;
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

  addAuditRoutes(router, {
    audit: options.audit,
    status,
    authorizeRead: req => authorize(req, reviewReadPermission),
  });

  if (options.governance) {
    addGovernanceRoutes(router, {
      governance: options.governance,
      httpAuth,
    });
  }

  return router;
}
