import { REVIEW_STATES, RISK_TIERS } from '@lab2live/plugin-ml-catalog-common';
import { pageParameters } from './paging';
import { modelRefsBody } from './modelRefs';

const errorResponse = { $ref: '#/components/responses/Error' } as const;
const conflictResponse = {
  $ref: '#/components/responses/ReviewConflict',
} as const;
const reviewResponse = {
  description: 'The review as it is now, with the actions the caller may take.',
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Review' } },
  },
} as const;
const modelParameters = [
  { $ref: '#/components/parameters/kind' },
  { $ref: '#/components/parameters/namespace' },
  { $ref: '#/components/parameters/name' },
] as const;
const reviewId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9a-f-]{36}$' },
} as const;
const itemId = {
  name: 'itemId',
  in: 'path',
  required: true,
  schema: {
    type: 'string',
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    maxLength: 100,
  },
} as const;
const revision = {
  type: 'integer',
  minimum: 1,
  maximum: 1_000_000_000,
  description: 'The revision of the review the change is based on.',
} as const;
const multi = (name: string, maxLength = 255) =>
  ({
    name,
    in: 'query',
    required: false,
    style: 'form',
    explode: true,
    schema: {
      type: 'array',
      maxItems: 500,
      items: { type: 'string', minLength: 1, maxLength },
    },
  } as const);
const writes = {
  '200': reviewResponse,
  '400': errorResponse,
  '401': errorResponse,
  '403': errorResponse,
  '404': errorResponse,
  '409': conflictResponse,
} as const;
const body = (schema: object) =>
  ({
    required: true,
    content: { 'application/json': { schema } },
  } as const);

/** The governance part of the OpenAPI document: schemas, responses and paths. */
export const governanceSchemas = {
  Review: {
    type: 'object',
    required: [
      'id',
      'model',
      'version',
      'state',
      'revision',
      'items',
      'actions',
    ],
    properties: {
      id: { type: 'string' },
      model: { type: 'string' },
      version: { type: 'string' },
      state: { type: 'string', enum: [...REVIEW_STATES] },
      riskTier: { type: 'string' },
      revision: { type: 'integer' },
      items: { type: 'array', items: { type: 'object' } },
      decisions: { type: 'array', items: { type: 'object' } },
      actions: { type: 'array', items: { type: 'string' } },
    },
  },
} as const;

export const governanceResponses = {
  ReviewConflict: {
    description:
      'The review changed since the caller read it, or its state does not allow the change: a Backstage error body plus the current review.',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'object' },
            request: { type: 'object' },
            response: { type: 'object' },
            current: { $ref: '#/components/schemas/Review' },
          },
        },
      },
    },
  },
} as const;

export const governancePaths = {
  '/governance/checklist': {
    get: {
      operationId: 'GetChecklist',
      description: 'The configured checklist items.',
      responses: {
        '200': {
          description: 'The checklist.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '401': errorResponse,
      },
    },
  },
  '/governance/risk-questionnaire': {
    get: {
      operationId: 'GetRiskQuestionnaire',
      description:
        'The EU AI Act risk questionnaire: its version, its sections, every question with the provision it comes from and when it is asked, and the rules that turn answers into outcomes.',
      responses: {
        '200': {
          description: 'The questionnaire.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '401': errorResponse,
      },
    },
  },
  '/governance/risk-assessment': {
    post: {
      operationId: 'AssessRisk',
      description:
        'Assesses answers to the risk questionnaire: the tier with its reasons (each with its article), the Art. 50 duties, the general-purpose AI flags, the Art. 6(3) derogation and the questionnaire version. Stores nothing. A 400 names the question whose answer is wrong.',
      requestBody: body({
        type: 'object',
        required: ['answers'],
        additionalProperties: false,
        properties: {
          answers: {
            type: 'object',
            description: 'Answers by question id.',
          },
        },
      }),
      responses: {
        '200': {
          description: 'The assessment.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '400': errorResponse,
        '401': errorResponse,
      },
    },
  },
  '/governance/expiring': {
    get: {
      operationId: 'GetExpiring',
      description: 'Approvals and waivers that end within the given days.',
      parameters: [
        {
          name: 'days',
          in: 'query',
          required: false,
          schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' },
        },
      ],
      responses: {
        '200': {
          description: 'What ends soon.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
      },
    },
  },
  '/compliance': {
    get: {
      operationId: 'GetCompliance',
      description:
        'Every MLModel (or those matching the filters) with its compliance with its stage rules and the reasons, in one response.',
      parameters: [
        multi('owner'),
        multi('system'),
        multi('stage', 100),
        {
          name: 'riskTier',
          in: 'query',
          required: false,
          style: 'form',
          explode: true,
          schema: {
            type: 'array',
            maxItems: 4,
            items: { type: 'string', enum: [...RISK_TIERS] },
          },
        },
        multi('model'),
      ],
      responses: {
        '200': {
          description: 'Compliance per model.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
      },
    },
  },
  '/compliance/by-refs': {
    post: {
      operationId: 'GetComplianceByRefs',
      description:
        'The compliance of the given models, named in the body: for lists too long for a query string (a team page, a service page).',
      requestBody: modelRefsBody,
      responses: {
        '200': {
          description: 'Compliance per model.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
      },
    },
  },
  '/models/{kind}/{namespace}/{name}/compliance': {
    get: {
      operationId: 'GetModelCompliance',
      description:
        "A model's compliance with its stage rules, with the reasons.",
      parameters: modelParameters,
      responses: {
        '200': {
          description: 'The compliance.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
      },
    },
  },
  '/models/{kind}/{namespace}/{name}/reviews': {
    get: {
      operationId: 'GetModelReviews',
      description:
        "A model's reviews, newest first, a page at a time (nextCursor), and whether the caller may open one.",
      parameters: [...modelParameters, ...pageParameters],
      responses: {
        '200': {
          description: 'The reviews.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
      },
    },
  },
  '/reviews': {
    get: {
      operationId: 'ListReviews',
      description:
        "Reviews of models the caller may see, in the given states, or (awaiting=me) those waiting for the caller's decision; newest first, a page at a time (nextCursor).",
      parameters: [
        {
          name: 'state',
          in: 'query',
          required: false,
          style: 'form',
          explode: true,
          schema: {
            type: 'array',
            maxItems: 7,
            items: { type: 'string', enum: [...REVIEW_STATES] },
          },
        },
        {
          name: 'awaiting',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['me'] },
        },
        ...pageParameters,
      ],
      responses: {
        '200': {
          description: 'The reviews.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
      },
    },
    post: {
      operationId: 'CreateReview',
      description:
        "Open a review of a model at a version. Needs lab2live.review.create and membership of the model's owning group.",
      requestBody: body({
        type: 'object',
        additionalProperties: false,
        required: ['model', 'version'],
        properties: {
          model: { type: 'string', minLength: 1, maxLength: 255 },
          version: { type: 'string', minLength: 1, maxLength: 100 },
        },
      }),
      responses: {
        '201': reviewResponse,
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
        '409': conflictResponse,
      },
    },
  },
  '/reviews/{id}': {
    get: {
      operationId: 'GetReview',
      description:
        'A review with its checklist, decisions and the actions the caller may take.',
      parameters: [reviewId],
      responses: {
        '200': reviewResponse,
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
      },
    },
  },
  '/reviews/{id}/items/{itemId}': {
    put: {
      operationId: 'SetReviewItem',
      description:
        'Set an attested item: status, evidence links and a note (the model owners, in draft or after changes were requested).',
      parameters: [reviewId, itemId],
      requestBody: body({
        type: 'object',
        additionalProperties: false,
        required: ['revision', 'status'],
        properties: {
          revision,
          status: {
            type: 'string',
            enum: ['pass', 'fail', 'not_applicable', 'pending'],
          },
          evidence: {
            type: 'array',
            maxItems: 20,
            items: { type: 'string', minLength: 1, maxLength: 2048 },
          },
          note: { type: 'string', maxLength: 4000 },
        },
      }),
      responses: writes,
    },
  },
  '/reviews/{id}/items/{itemId}/waiver': {
    post: {
      operationId: 'WaiveReviewItem',
      description:
        'Waive an item until a date, with a reason. Needs lab2live.waiver.create; never on a model your group owns.',
      parameters: [reviewId, itemId],
      requestBody: body({
        type: 'object',
        additionalProperties: false,
        required: ['revision', 'reason', 'expiresAt'],
        properties: {
          revision,
          reason: { type: 'string', minLength: 1, maxLength: 4000 },
          expiresAt: { type: 'string', format: 'date', maxLength: 10 },
        },
      }),
      responses: writes,
    },
  },
  '/reviews/{id}/submit': {
    post: {
      operationId: 'SubmitReview',
      description:
        'Send a draft (or a review with requested changes) to the reviewers.',
      parameters: [reviewId],
      requestBody: body({
        type: 'object',
        additionalProperties: false,
        required: ['revision'],
        properties: { revision },
      }),
      responses: writes,
    },
  },
  '/reviews/{id}/withdraw': {
    post: {
      operationId: 'WithdrawReview',
      description: 'Withdraw an open review (the model owners).',
      parameters: [reviewId],
      requestBody: body({
        type: 'object',
        additionalProperties: false,
        required: ['revision'],
        properties: { revision },
      }),
      responses: writes,
    },
  },
  '/reviews/{id}/decisions': {
    post: {
      operationId: 'DecideReview',
      description:
        'Approve, request changes or reject. Needs lab2live.review.approve; never on a model your group owns; high risk needs two approvers; prohibited models can only be rejected.',
      parameters: [reviewId],
      requestBody: body({
        type: 'object',
        additionalProperties: false,
        required: ['revision', 'decision'],
        properties: {
          revision,
          decision: {
            type: 'string',
            enum: ['approve', 'request_changes', 'reject'],
          },
          note: { type: 'string', maxLength: 4000 },
        },
      }),
      responses: writes,
    },
  },
} as const;
