import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  isMLModelEntity,
  Review,
  ReviewSummary,
} from '@lab2live/plugin-ml-catalog-common';
import { withAuditOrigin } from '../audit/origin';
import { GovernanceService } from '../governance/GovernanceService';
import { normaliseRef, StatusService } from '../service/StatusService';
import { modelTabPath } from '../notifications/links';

/** What the actions call: the same services as the REST API. */
export interface MlCatalogActionsOptions {
  actionsRegistry: ActionsRegistryService;
  governance: GovernanceService;
  status: StatusService;
  catalog: CatalogService;
  /** The portal's address, for links an agent can hand to a person. */
  appBaseUrl: string;
}

const PLUGIN_ID = 'ml-catalog';
const MAX_MODELS = 200;
const ITEM_STATUSES = ['pass', 'fail', 'not_applicable', 'pending'] as const;

/** Items that keep a review from being approved: failing or still pending. */
function missingItems(review: Review) {
  return review.items
    .filter(i => i.status === 'fail' || i.status === 'pending')
    .map(i => ({
      itemId: i.id,
      title: i.title,
      status: i.status,
      mode: i.mode,
      ...(i.detail ? { detail: i.detail } : {}),
    }));
}

/** A review as an agent reads it: state, what the caller may do, items, what is missing. */
function reviewOutput(review: Review, link: string) {
  return {
    id: review.id,
    model: review.model,
    version: review.version,
    state: review.state,
    riskTier: review.riskTier,
    revision: review.revision,
    approvalsRequired: review.approvalsRequired,
    approvals: review.decisions.filter(d => d.decision === 'approve').length,
    ...(review.expiresAt ? { expiresAt: review.expiresAt } : {}),
    ...(review.reason ? { reason: review.reason } : {}),
    youMay: review.actions,
    items: review.items.map(i => ({
      itemId: i.id,
      title: i.title,
      status: i.status,
      mode: i.mode,
      evidence: i.evidence,
      ...(i.note ? { note: i.note } : {}),
      ...(i.detail ? { detail: i.detail } : {}),
      ...(i.waiver ? { waiverExpiresAt: i.waiver.expiresAt } : {}),
    })),
    missing: missingItems(review),
    link,
  };
}

function summaryOutput(review: ReviewSummary, link: string) {
  return {
    id: review.id,
    model: review.model,
    version: review.version,
    state: review.state,
    riskTier: review.riskTier,
    ...(review.submittedAt ? { submittedAt: review.submittedAt } : {}),
    ...(review.expiresAt ? { expiresAt: review.expiresAt } : {}),
    counts: review.counts,
    link,
  };
}

/**
 * Registers Lab2Live's actions with the actions registry (served over MCP by
 * `@backstage/plugin-mcp-actions-backend`). Reads and writes call the same service
 * methods as the REST API with the caller's credentials, so the same permissions,
 * separation of duties and 409s apply; writes are audited as done through an agent.
 */
export function registerMlCatalogActions(options: MlCatalogActionsOptions) {
  const { actionsRegistry: registry, governance, status, catalog } = options;
  const link = (model: string, tab?: 'governance' | 'deployments') =>
    `${options.appBaseUrl}${modelTabPath(model, tab)}`;
  /** A write's or read's answer: the review as an agent reads it. */
  const reviewResponse = (review: Review) => ({
    output: { review: reviewOutput(review, link(review.model, 'governance')) },
  });
  const asAgent = <T>(name: string, fn: () => Promise<T>) =>
    withAuditOrigin({ via: 'agent', action: `${PLUGIN_ID}:${name}` }, fn);

  // ------------------------------------------------------------------ reads

  registry.register({
    name: 'find-models',
    title: 'Find ML models',
    description: `Finds machine-learning models (MLModel entities) in the catalog with the model catalog's filters: owner (a team, e.g. "group:default/fraud"), lifecycle stage (e.g. "production"), EU AI Act risk tier (minimal, limited, high, prohibited), compliance status (compliant, at_risk, non_compliant) and free text matched against name, title, description and tags. Every filter is optional; several values of one filter mean any of them. Returns each model's reference, owner, stage, risk tier, compliance status with its reasons, the review that counts, and a link to its page. Only models the caller may see are returned. Use get-model-card for one model's deployments and SLA status.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          owner: z
            .array(z.string())
            .optional()
            .describe('Owner entity refs, e.g. ["group:default/fraud"]'),
          lifecycle: z
            .array(z.string())
            .optional()
            .describe('Lifecycle stages, e.g. ["production", "staging"]'),
          riskTier: z
            .array(z.enum(['minimal', 'limited', 'high', 'prohibited']))
            .optional(),
          compliance: z
            .array(z.enum(['compliant', 'at_risk', 'non_compliant']))
            .optional(),
          text: z
            .string()
            .optional()
            .describe(
              'Words that must all appear in name, title, description or tags',
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_MODELS)
            .optional()
            .describe(
              `At most this many models (default 50, at most ${MAX_MODELS})`,
            ),
        }),
      output: z =>
        z.object({
          models: z.array(
            z
              .object({
                model: z.string(),
                compliance: z.string(),
                reasons: z.array(z.string()),
                link: z.string(),
              })
              .passthrough(),
          ),
          total: z
            .number()
            .describe('How many models matched, before the limit'),
        }),
    },
    action: async ({ input, credentials }) => {
      const { items } = await governance.getCompliance(
        {
          owner: input.owner?.map(o => normaliseRef(o, 'group', 'owner')),
          stage: input.lifecycle,
          riskTier: input.riskTier,
        },
        credentials,
      );
      let matching = items.filter(
        m => !input.compliance || input.compliance.includes(m.status),
      );
      if (input.text?.trim()) {
        const texts = await modelTexts(catalog, credentials);
        const words = input.text.toLocaleLowerCase('en-US').split(/\s+/);
        matching = matching.filter(m => {
          const text = `${m.model} ${m.title ?? ''} ${
            texts.get(m.model) ?? ''
          }`;
          return words.every(w => text.includes(w));
        });
      }
      return {
        output: {
          total: matching.length,
          models: matching.slice(0, input.limit ?? 50).map(m => ({
            model: m.model,
            ...(m.title ? { title: m.title } : {}),
            ...(m.owner ? { owner: m.owner } : {}),
            ...(m.system ? { system: m.system } : {}),
            lifecycle: m.stage,
            ...(m.riskTier ? { riskTier: m.riskTier } : {}),
            compliance: m.status,
            reasons: m.reasons,
            ...(m.review ? { review: m.review } : {}),
            link: link(m.model),
          })),
        },
      };
    },
  });

  registry.register({
    name: 'get-model-card',
    title: "Get an ML model's card",
    description: `Returns one model's card: what it is (type, framework, intended use, limitations, datasets, owner, stage, risk tier), the version deployed in each environment with its health, the status of its SLA objectives (met, at risk, breached, with burn-rate alerts where known), and its compliance status with the reasons and the review that counts. Answers "is this model approved for production?" and "what runs in staging?". The model is an entity ref such as "mlmodel:default/churn-predictor" or just "churn-predictor".`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          model: z
            .string()
            .min(1)
            .describe('The model, e.g. "mlmodel:default/churn-predictor"'),
        }),
      output: z =>
        z.object({
          model: z.string(),
          card: z.object({}).passthrough(),
          deployments: z.array(z.object({}).passthrough()),
          sla: z.object({}).passthrough(),
          compliance: z.object({}).passthrough(),
          links: z.object({
            overview: z.string(),
            governance: z.string(),
            deployments: z.string(),
          }),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = normaliseRef(input.model, 'mlmodel', 'model');
      const entity = await status.getModelEntity(ref, credentials);
      const [modelStatus, compliance] = await Promise.all([
        status.getModelStatus(ref, credentials),
        isMLModelEntity(entity)
          ? governance.getModelCompliance(ref, credentials)
          : Promise.resolve(undefined),
      ]);
      return {
        output: {
          model: modelStatus.model,
          card: {
            kind: entity.kind,
            name: entity.metadata.name,
            ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
            ...(entity.metadata.description
              ? { description: entity.metadata.description }
              : {}),
            tags: entity.metadata.tags ?? [],
            ...(entity.spec as object),
          },
          deployments: modelStatus.deployments as unknown as Array<
            Record<string, unknown>
          >,
          sla: modelStatus.sla as unknown as Record<string, unknown>,
          compliance: (compliance ?? {
            status: 'not_governed',
            reasons: [`${entity.kind} entities have no Lab2Live governance`],
          }) as unknown as Record<string, unknown>,
          links: {
            overview: link(ref),
            governance: link(ref, 'governance'),
            deployments: link(ref, 'deployments'),
          },
        },
      };
    },
  });

  registry.register({
    name: 'get-review-checklist',
    title: "Get a review's checklist",
    description: `Returns the checklist of a governance review with the status of each item (pass, fail, pending, waived, not_applicable), its evidence, and "missing": the items that keep the review from being approved. Also says the review's state, its revision (needed by write actions) and what the caller may do now ("youMay": e.g. edit_items, submit, approve). Give either the review id, or a model to get its open review (else its newest one).`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          reviewId: z.string().optional(),
          model: z
            .string()
            .optional()
            .describe('A model ref; its open review, else its newest'),
        }),
      output: z => z.object({ review: z.object({}).passthrough() }),
    },
    action: async ({ input, credentials }) => {
      if (!input.reviewId === !input.model) {
        throw new InputError('Give exactly one of reviewId or model');
      }
      const id =
        input.reviewId ??
        (await reviewOfModel(governance, input.model!, credentials));
      const review = await governance.getReview(id, credentials);
      return reviewResponse(review);
    },
  });

  registry.register({
    name: 'list-reviews-awaiting-me',
    title: 'List reviews waiting for my decision',
    description: `Lists the governance reviews submitted for review that the caller may decide now: the caller is on the model risk board, holds the approve permission, is not an author or owner of the model (separation of duties) and has not approved yet. Empty for anyone else. Newest first.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          limit: z.number().int().min(1).max(100).optional(),
        }),
      output: z => z.object({ reviews: z.array(z.object({}).passthrough()) }),
    },
    action: async ({ input, credentials }) => {
      const { items } = await governance.listReviews(
        { awaitingMe: true, limit: input.limit },
        credentials,
      );
      return {
        output: {
          reviews: items.map(r =>
            summaryOutput(r, link(r.model, 'governance')),
          ),
        },
      };
    },
  });

  registry.register({
    name: 'list-expiring-approvals',
    title: 'List approvals and waivers ending soon',
    description: `Lists the approvals of models and the waivers of checklist items that end within the given number of days (default 30), soonest first, for models the caller may see. An ended approval makes a model in production non-compliant; an ended waiver makes its item fail.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          days: z.number().int().min(1).max(365).optional(),
        }),
      output: z =>
        z.object({
          approvals: z.array(z.object({}).passthrough()),
          waivers: z.array(z.object({}).passthrough()),
        }),
    },
    action: async ({ input, credentials }) => {
      const expiring = await governance.getExpiring(
        input.days ?? 30,
        credentials,
      );
      return {
        output: {
          approvals: expiring.approvals.map(r =>
            summaryOutput(r, link(r.model, 'governance')),
          ),
          waivers: expiring.waivers.map(w => ({
            ...w,
            link: link(w.model, 'governance'),
          })),
        },
      };
    },
  });

  // ------------------------------------------------------------------ writes

  const reviewResult = (z: any) =>
    z.object({ review: z.object({}).passthrough() });

  registry.register({
    name: 'open-review',
    title: 'Open a governance review',
    description: `Opens a draft governance review of a model version, as its owning team does before promoting it. Only members of the team that owns the model may open one, and a model has at most one open review (an error names the open one). The checklist follows the model's risk tier; automated items are evaluated at once. Next steps: attach-review-evidence for attested items, then submit it in the portal. Recorded in the audit log as done through an agent, in the caller's name.`,
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          model: z
            .string()
            .min(1)
            .describe('e.g. "mlmodel:default/churn-predictor"'),
          version: z
            .string()
            .min(1)
            .max(200)
            .describe('The model version under review, e.g. "7"'),
        }),
      output: reviewResult,
    },
    action: async ({ input, credentials }) => {
      const review = await asAgent('open-review', () =>
        governance.createReview(input, credentials),
      );
      return reviewResponse(review);
    },
  });

  registry.register({
    name: 'attach-review-evidence',
    title: 'Attach evidence to a checklist item',
    description: `Adds evidence links (http or https URLs, e.g. an evaluation report) to an attested checklist item of a draft review, or of one whose changes were requested, and optionally sets the item's status (pass, fail, not_applicable, pending; default: unchanged). Only the model's owning team may. Give the review's revision from get-review-checklist; if the review changed since, the call fails and nothing is written. Automated items are decided from catalog data and cannot be set. Recorded in the audit log as done through an agent.`,
    attributes: { readOnly: false, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          reviewId: z.string().min(1),
          itemId: z.string().min(1),
          revision: z.number().int().min(0),
          evidence: z.array(z.string().url()).min(1).max(20),
          status: z.enum(ITEM_STATUSES).optional(),
          note: z.string().max(2000).optional(),
        }),
      output: reviewResult,
    },
    action: async ({ input, credentials }) => {
      const current = await governance.getReview(input.reviewId, credentials);
      const item = current.items.find(i => i.id === input.itemId);
      if (!item) {
        throw new NotFoundError(
          `Review ${input.reviewId} has no checklist item '${input.itemId}'`,
        );
      }
      const evidence = [
        ...item.evidence,
        ...input.evidence.filter(e => !item.evidence.includes(e)),
      ];
      const attested = item.attestedStatus ?? item.status;
      const review = await asAgent('attach-review-evidence', () =>
        governance.setItem(
          input.reviewId,
          input.itemId,
          {
            revision: input.revision,
            status:
              input.status ?? (attested === 'waived' ? 'pending' : attested),
            evidence,
            ...(input.note !== undefined ? { note: input.note } : {}),
          },
          credentials,
        ),
      );
      return reviewResponse(review);
    },
  });

  const decision = (
    name: 'request-review-changes' | 'approve-review',
    kind: 'request_changes' | 'approve',
    title: string,
    description: string,
  ) =>
    registry.register({
      name,
      title,
      description,
      attributes: { readOnly: false, idempotent: false, destructive: false },
      schema: {
        input: z =>
          z.object({
            reviewId: z.string().min(1),
            revision: z
              .number()
              .int()
              .min(0)
              .describe('The revision read with get-review-checklist'),
            note: z
              .string()
              .max(4000)
              .optional()
              .describe(
                kind === 'approve'
                  ? 'Optional note for the owners'
                  : 'Required: what the owners must change',
              ),
          }),
        output: reviewResult,
      },
      action: async ({ input, credentials }) => {
        const review = await asAgent(name, () =>
          governance.decide(
            input.reviewId,
            { revision: input.revision, decision: kind, note: input.note },
            credentials,
          ),
        );
        return reviewResponse(review);
      },
    });

  decision(
    'request-review-changes',
    'request_changes',
    'Request changes to a review',
    `Sends a review that is in review back to the model's owners with a note saying what to change. Only members of the model risk board who hold the approve permission may, and never on a review they wrote or of a model their team owns (separation of duties). Give the revision from get-review-checklist. Recorded in the audit log as done through an agent, in the caller's name.`,
  );
  decision(
    'approve-review',
    'approve',
    'Approve a review',
    `Approves a review that is in review, in the caller's name. Only members of the model risk board who hold the approve permission may, never on a review they wrote or of a model their team owns (separation of duties), and only when no checklist item fails or is pending. High-risk models need more than one distinct approver; the review is approved when enough have. Give the revision from get-review-checklist. Recorded in the audit log as done through an agent.`,
  );
}

/** The open review of a model, else its newest; 404 naming the model when it has none. */
async function reviewOfModel(
  governance: GovernanceService,
  model: string,
  credentials: BackstageCredentials,
): Promise<string> {
  const ref = normaliseRef(model, 'mlmodel', 'model');
  const { items } = await governance.listModelReviews(
    ref,
    { limit: 20 },
    credentials,
  );
  const open = items.find(r =>
    ['draft', 'in_review', 'changes_requested'].includes(r.state),
  );
  const review = open ?? items[0];
  if (!review) throw new NotFoundError(`${ref} has no reviews`);
  return review.id;
}

/** Description, tags and a few spec fields of every model the caller sees, for text search. */
async function modelTexts(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Map<string, string>> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'MLModel' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.description',
        'metadata.tags',
        'spec.type',
        'spec.framework',
      ],
    },
    { credentials },
  );
  return new Map(
    items.map(e => {
      const spec = (e.spec ?? {}) as Record<string, unknown>;
      const ref = `mlmodel:${e.metadata.namespace ?? 'default'}/${
        e.metadata.name
      }`.toLocaleLowerCase('en-US');
      return [
        ref,
        [
          e.metadata.name,
          e.metadata.description,
          ...(e.metadata.tags ?? []),
          spec.type,
          spec.framework,
        ]
          .filter(Boolean)
          .join(' ')
          .toLocaleLowerCase('en-US'),
      ];
    }),
  );
}
