import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import type { Knex } from 'knex';
import { AuditLog } from '../audit/AuditLog';
import { addAuditRoutes } from '../audit/auditRoutes';

/** Models in the test catalog; the secret one only its team may see. */
export const AUDIT_APP_MODELS = [
  'mlmodel:default/churn-predictor',
  'mlmodel:default/fraud-detector',
  'mlmodel:default/secret-model',
];

/** Who the test caller is: `Authorization: Bearer <name>` (`denied` may not read). */
async function authorizeRead(
  req: express.Request,
): Promise<BackstageCredentials> {
  const name = req.header('authorization')?.replace(/^Bearer /, '');
  if (!name) throw new AuthenticationError('Missing credentials');
  if (name === 'denied') {
    throw new NotAllowedError('Not allowed: lab2live.review.read');
  }
  return mockCredentials.user(`user:default/${name}`);
}

/**
 * The audit routes over a real database, behind a read check and a catalog stub, with
 * Backstage's error handler: what the plugin mounts, without the rest of it.
 */
export function startAuditApp(knex: Knex, exportedAt = Date.now()) {
  const router = Router();
  addAuditRoutes(router, {
    audit: new AuditLog(knex),
    status: {
      async resolveModelRef(modelRef, credentials) {
        const ref = modelRef.toLocaleLowerCase('en-US');
        const user = (credentials.principal as { userEntityRef?: string })
          .userEntityRef;
        if (
          !AUDIT_APP_MODELS.includes(ref) ||
          (ref.endsWith('/secret-model') && user !== 'user:default/spy')
        ) {
          throw new NotFoundError(`No model ${ref} in the catalog`);
        }
        return ref;
      },
    },
    authorizeRead,
    clock: () => exportedAt,
  });
  const app = express();
  app.use(router);
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return app;
}
