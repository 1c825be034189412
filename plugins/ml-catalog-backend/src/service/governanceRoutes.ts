import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  assessRisk,
  RISK_QUESTION_SECTIONS,
  RISK_QUESTIONNAIRE_VERSION,
  RISK_QUESTIONS,
  RISK_RULES,
} from '@lab2live/plugin-ml-catalog-common';
import type express from 'express';
import {
  GovernanceService,
  ReviewConflictError,
} from '../governance/GovernanceService';

const list = (value: unknown): string[] | undefined =>
  value === undefined ? undefined : ([] as string[]).concat(value as string[]);

/** The paging parameters of a list request (validated by the OpenAPI document). */
const page = (req: express.Request) => ({
  limit: req.query.limit === undefined ? undefined : Number(req.query.limit),
  cursor: req.query.cursor as string | undefined,
});

/**
 * The governance endpoints. A 409 carries the current review next to Backstage's error
 * body, so the portal can show what changed.
 */
export function addGovernanceRoutes(
  router: express.Router,
  options: { governance: GovernanceService; httpAuth: HttpAuthService },
) {
  const { governance, httpAuth } = options;
  const caller = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const modelRef = (req: express.Request) =>
    `${req.params.kind}:${req.params.namespace}/${req.params.name}`;

  /** Runs a handler; a review conflict becomes a 409 with the current review. */
  const handle =
    (
      fn: (req: express.Request, res: express.Response) => Promise<unknown>,
      status = 200,
    ) =>
    async (req: express.Request, res: express.Response) => {
      try {
        res.status(status).json(await fn(req, res));
      } catch (error) {
        if (error instanceof ReviewConflictError) {
          res.status(409).json({
            error: { name: 'ConflictError', message: error.message },
            request: { method: req.method, url: req.originalUrl },
            response: { statusCode: 409 },
            ...(error.current ? { current: error.current } : {}),
          });
          return;
        }
        throw error;
      }
    };

  router.get(
    '/governance/checklist',
    handle(async req => governance.getChecklist(await caller(req))),
  );
  router.get(
    '/governance/risk-questionnaire',
    handle(async req => {
      await caller(req);
      return {
        version: RISK_QUESTIONNAIRE_VERSION,
        sections: RISK_QUESTION_SECTIONS,
        questions: RISK_QUESTIONS,
        rules: RISK_RULES,
      };
    }),
  );
  router.post(
    '/governance/risk-assessment',
    handle(async req => {
      await caller(req);
      // Answers that do not fit throw an InputError (400) naming each question.
      return assessRisk(req.body.answers);
    }),
  );
  router.get(
    '/governance/expiring',
    handle(async req =>
      governance.getExpiring(
        req.query.days ? Number(req.query.days) : 30,
        await caller(req),
      ),
    ),
  );
  router.get(
    '/compliance',
    handle(async req =>
      governance.getCompliance(
        {
          owner: list(req.query.owner),
          system: list(req.query.system),
          stage: list(req.query.stage),
          riskTier: list(req.query.riskTier),
          model: list(req.query.model),
        },
        await caller(req),
      ),
    ),
  );
  router.post(
    '/compliance/by-refs',
    handle(async req =>
      governance.getCompliance({ model: req.body.models }, await caller(req)),
    ),
  );
  router.get(
    '/models/:kind/:namespace/:name/compliance',
    handle(async req =>
      governance.getModelCompliance(modelRef(req), await caller(req)),
    ),
  );
  router.get(
    '/models/:kind/:namespace/:name/reviews',
    handle(async req =>
      governance.listModelReviews(modelRef(req), page(req), await caller(req)),
    ),
  );
  router.get(
    '/reviews',
    handle(async req =>
      governance.listReviews(
        {
          states: list(req.query.state) as any,
          awaitingMe: req.query.awaiting === 'me',
          ...page(req),
        },
        await caller(req),
      ),
    ),
  );
  router.post(
    '/reviews',
    handle(
      async req => governance.createReview(req.body, await caller(req)),
      201,
    ),
  );
  router.get(
    '/reviews/:id',
    handle(async req => governance.getReview(req.params.id, await caller(req))),
  );
  router.put(
    '/reviews/:id/items/:itemId',
    handle(async req =>
      governance.setItem(
        req.params.id,
        req.params.itemId,
        req.body,
        await caller(req),
      ),
    ),
  );
  router.post(
    '/reviews/:id/items/:itemId/waiver',
    handle(async req =>
      governance.waiveItem(
        req.params.id,
        req.params.itemId,
        req.body,
        await caller(req),
      ),
    ),
  );
  router.post(
    '/reviews/:id/submit',
    handle(async req =>
      governance.submit(req.params.id, req.body.revision, await caller(req)),
    ),
  );
  router.post(
    '/reviews/:id/withdraw',
    handle(async req =>
      governance.withdraw(req.params.id, req.body.revision, await caller(req)),
    ),
  );
  router.post(
    '/reviews/:id/decisions',
    handle(async req =>
      governance.decide(req.params.id, req.body, await caller(req)),
    ),
  );
}
