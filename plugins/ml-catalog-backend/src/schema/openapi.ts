import {
  deploymentConfirmationInputSchema,
  deploymentConfirmationsBodySchema,
  deploymentEventInputSchema,
} from '@lab2live/plugin-ml-catalog-common';
import {
  governancePaths,
  governanceResponses,
  governanceSchemas,
} from './governanceOpenapi';
import {
  documentationPaths,
  documentationSchemas,
} from '../documentation/documentationOpenapi';
import { pageParameters } from './paging';
import { modelRefsBody } from './modelRefs';

const errorResponse = { $ref: '#/components/responses/Error' } as const;
const modelParameters = [
  { $ref: '#/components/parameters/kind' },
  { $ref: '#/components/parameters/namespace' },
  { $ref: '#/components/parameters/name' },
] as const;

const statusSummarySchema = {
  type: 'object',
  required: ['environments', 'items'],
  properties: {
    environments: { type: 'array', items: { type: 'string' } },
    nextCursor: {
      type: 'string',
      description:
        'GET /status only: pass as cursor for the next page; absent on the last page.',
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['model', 'deployments'],
        properties: {
          model: { type: 'string' },
          deployments: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EnvironmentDeployment',
            },
          },
          slaStatus: {
            type: 'string',
            enum: ['met', 'at_risk', 'breached', 'no_data'],
          },
          slaAlert: {
            type: 'string',
            enum: ['fast_burn', 'slow_burn'],
            description:
              'A burn-rate alert of an SLA objective: fast_burn (over 14.4x in both the last hour and 5 minutes) or slow_burn (over 6x in both the last 6 hours and 30 minutes).',
          },
        },
      },
    },
  },
} as const;

const statusSummaryResponses = {
  '200': {
    description: 'The summary.',
    content: { 'application/json': { schema: statusSummarySchema } },
  },
  '400': errorResponse,
  '401': errorResponse,
} as const;

/**
 * A combined read of status and compliance: each part as its own route answers it, or
 * the error body that route would answer in `errors`.
 */
const statusAndComplianceSchema = (status: object) =>
  ({
    type: 'object',
    properties: {
      status,
      compliance: { type: 'object' },
      errors: {
        type: 'object',
        description:
          "The parts left out and why, each as its own route's error body (a 403 for compliance without lab2live.review.read, a 404 for the compliance of a model that has no governance).",
        properties: {
          status: { $ref: '#/components/schemas/Error' },
          compliance: { $ref: '#/components/schemas/Error' },
        },
      },
    },
  } as const);

const summaryResponses = {
  '200': {
    description:
      'status: what GET /status answers; compliance: what GET /compliance answers, for the same models.',
    content: {
      'application/json': {
        schema: statusAndComplianceSchema(statusSummarySchema),
      },
    },
  },
  '400': errorResponse,
  '401': errorResponse,
} as const;

/**
 * The REST API of the Lab2Live backend (`/api/ml-catalog`), validated from this document
 * and served at `/api/ml-catalog/openapi.json`.
 */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'Lab2Live ml-catalog',
    version: '1',
    description:
      'Deployment status per environment, SLA status with error budgets, governance reviews and compliance, and the audit log of machine-learning models in the Backstage catalog.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [{ url: '/' }],
  components: {
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1, maxLength: 253 },
      },
    },
    schemas: {
      ...governanceSchemas,
      ...documentationSchemas,
      AuditExportEntry: {
        type: 'object',
        description:
          "One link of a model's audit chain. hash is the SHA-256 (hex) of the canonical JSON (keys sorted, no whitespace, absent values null) of action, actor, after, before, model, occurredAt, prevHash and seq.",
        required: ['seq', 'occurredAt', 'actor', 'action', 'prevHash', 'hash'],
        properties: {
          seq: {
            type: 'integer',
            minimum: 1,
            description: "The entry's place in its model's chain.",
          },
          occurredAt: { type: 'string', format: 'date-time' },
          actor: { type: 'string' },
          action: { type: 'string' },
          model: { type: 'string' },
          before: {},
          after: {},
          prevHash: {
            type: ['string', 'null'],
            description: 'The hash of the entry before it; null for the first.',
          },
          hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
      },
      AuditEntry: {
        allOf: [
          { $ref: '#/components/schemas/AuditExportEntry' },
          {
            type: 'object',
            required: ['id'],
            properties: { id: { type: 'integer' } },
          },
        ],
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
          },
          request: { type: 'object' },
          response: { type: 'object' },
        },
      },
      // The same schemas status providers' reports are checked against.
      DeploymentEventInput: deploymentEventInputSchema,
      DeploymentConfirmationInput: deploymentConfirmationInputSchema,
      ConfirmationResult: {
        type: 'object',
        required: ['confirmed', 'refused'],
        properties: {
          confirmed: {
            type: 'integer',
            description: 'How many confirmations were applied.',
          },
          refused: {
            type: 'array',
            description:
              'Each confirmation not applied, by its place in the body, and why (no such deployment, another version runs, a bad field); nothing was stored for it.',
            items: {
              type: 'object',
              required: ['index', 'reason'],
              properties: {
                index: { type: 'integer' },
                reason: { type: 'string' },
              },
            },
          },
        },
      },
      ObservationInput: {
        type: 'object',
        additionalProperties: false,
        description:
          'One observation: a value, or for the ratio indicators availability_pct and error_rate_pct either a value in percent (one event, value/100 of it good) or the good and valid events of the period (good / valid summed over the window).',
        required: ['model', 'indicator', 'timestamp'],
        properties: {
          observationId: { type: 'string', minLength: 1, maxLength: 255 },
          model: { type: 'string', minLength: 1, maxLength: 255 },
          indicator: { type: 'string', minLength: 1, maxLength: 100 },
          value: { type: 'number' },
          good: {
            type: 'number',
            minimum: 0,
            description:
              'Ratio indicators: the events of the period that went well (served without error).',
          },
          valid: {
            type: 'number',
            exclusiveMinimum: 0,
            description:
              'Ratio indicators: all events of the period that count; good is at most this.',
          },
          timestamp: { type: 'string', format: 'date-time', maxLength: 64 },
        },
      },
      ReportResult: {
        type: 'object',
        required: ['stored', 'duplicates'],
        properties: {
          stored: { type: 'integer' },
          duplicates: { type: 'integer' },
        },
      },
      EnvironmentDeployment: {
        type: 'object',
        required: [
          'environment',
          'version',
          'status',
          'stale',
          'updatedAt',
          'since',
        ],
        properties: {
          environment: { type: 'string' },
          version: { type: 'string' },
          status: { type: 'string' },
          stale: { type: 'boolean' },
          component: { type: 'string' },
          endpointUrl: { type: 'string' },
          updatedAt: { type: 'string', format: 'date-time' },
          since: { type: 'string', format: 'date-time' },
        },
      },
    },
    responses: {
      ...governanceResponses,
      Error: {
        description: 'A Backstage error body naming what was wrong.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Error' },
          },
        },
      },
    },
    securitySchemes: {
      JWT: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    },
  },
  security: [{ JWT: [] }],
  paths: {
    ...governancePaths,
    ...documentationPaths,
    '/deployments': {
      post: {
        operationId: 'ReportDeployment',
        description:
          'Report a deployment event. People need lab2live.deployment.write on the model and membership of its owning group; service tokens must be named for the model and environment in lab2live.reporters. Idempotent by eventId; an event older than the stored state only joins the history; a time more than lab2live.maxClockSkew ahead is refused.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/DeploymentEventInput' },
            },
          },
        },
        responses: {
          '201': {
            description: 'Stored.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ReportResult' },
              },
            },
          },
          '200': {
            description: 'A duplicate: already stored.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ReportResult' },
              },
            },
          },
          '400': errorResponse,
          '401': errorResponse,
          '403': errorResponse,
          '404': errorResponse,
          '503': {
            description:
              'The write queue is full (lab2live.deployments.maxQueuedEvents): retry after the seconds in Retry-After.',
            headers: {
              'Retry-After': { schema: { type: 'integer', minimum: 1 } },
            },
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Error' },
              },
            },
          },
        },
      },
    },
    '/deployments/confirmations': {
      post: {
        operationId: 'ConfirmDeployments',
        description:
          'Confirm that environments still run the versions they hold ("still serving v7 in production"). Cheap and idempotent: it only moves each deployment\'s last-confirmed time, adds no history, and keeps it from turning stale. Same reporting rights and clock-skew rule as deployment events. A confirmation of a version that is not the current one is refused in refused[] and stores nothing.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              // The schema the route checks bodies with, so the two cannot drift.
              schema: deploymentConfirmationsBodySchema,
            },
          },
        },
        responses: {
          '200': {
            description: 'Applied, except the ones listed in refused.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ConfirmationResult' },
              },
            },
          },
          '400': errorResponse,
          '401': errorResponse,
          '403': errorResponse,
        },
      },
    },
    '/observations': {
      post: {
        operationId: 'ReportObservations',
        description:
          'Report SLA observations (all or none), with the same reporting rights as deployments. model_age_days is computed from deployments and refused.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['observations'],
                properties: {
                  observations: {
                    type: 'array',
                    minItems: 1,
                    maxItems: 1000,
                    items: { $ref: '#/components/schemas/ObservationInput' },
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Stored.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ReportResult' },
              },
            },
          },
          '400': errorResponse,
          '401': errorResponse,
          '403': errorResponse,
          '404': errorResponse,
        },
      },
    },
    '/status': {
      get: {
        operationId: 'GetStatusSummary',
        description:
          'Every model the caller may see in the catalog that has a deployment or an SLA (or only the given ones): deployments per environment and the worst SLA status. Paged: models sorted by ref, 500 a page unless limit says fewer, nextCursor when more follow.',
        parameters: [
          {
            ...pageParameters[0],
            description: 'Models per page, at most 500 (the default).',
          },
          pageParameters[1],
          {
            name: 'model',
            in: 'query',
            required: false,
            style: 'form',
            explode: true,
            schema: {
              type: 'array',
              maxItems: 500,
              items: { type: 'string', minLength: 1, maxLength: 255 },
            },
          },
        ],
        responses: statusSummaryResponses,
      },
    },
    '/status/by-refs': {
      post: {
        operationId: 'GetStatusSummaryByRefs',
        description:
          'The status summary of the given models, named in the body: for lists too long for a query string (a team page, a service page).',
        requestBody: modelRefsBody,
        responses: statusSummaryResponses,
      },
    },
    '/summary': {
      get: {
        operationId: 'GetSummary',
        description:
          'What GET /status and GET /compliance answer, in one response: for a page that shows both (the model catalog).',
        responses: summaryResponses,
      },
    },
    '/summary/by-refs': {
      post: {
        operationId: 'GetSummaryByRefs',
        description:
          'What POST /status/by-refs and POST /compliance/by-refs answer for the models named in the body, in one response (a team page, a service page).',
        requestBody: modelRefsBody,
        responses: summaryResponses,
      },
    },
    '/slas/{namespace}/{name}/status': {
      get: {
        operationId: 'GetSlaStatus',
        description:
          "How one SLA's objectives stand for each model it covers that the caller may see, in one response; with include=models also those models' status and compliance (models: as POST /summary/by-refs answers for them).",
        parameters: [
          { $ref: '#/components/parameters/namespace' },
          { $ref: '#/components/parameters/name' },
          {
            name: 'include',
            in: 'query',
            required: false,
            description:
              "models: add the covered models' status and compliance, for the SLA's page.",
            schema: { type: 'string', enum: ['models'] },
          },
        ],
        responses: {
          '200': {
            description: 'The objectives per covered model.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['sla', 'items'],
                  properties: {
                    sla: { type: 'string' },
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['model', 'objectives'],
                        properties: {
                          model: { type: 'string' },
                          objectives: {
                            type: 'array',
                            items: { type: 'object' },
                          },
                        },
                      },
                    },
                    models: statusAndComplianceSchema(statusSummarySchema),
                  },
                },
              },
            },
          },
          '400': errorResponse,
          '401': errorResponse,
          '404': errorResponse,
        },
      },
    },
    '/models/{kind}/{namespace}/{name}/status': {
      get: {
        operationId: 'GetModelStatus',
        description:
          "A model's deployments per environment and every objective of its SLAs.",
        parameters: modelParameters,
        responses: {
          '200': {
            description: 'The status.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '401': errorResponse,
          '404': errorResponse,
        },
      },
    },
    '/models/{kind}/{namespace}/{name}/summary': {
      get: {
        operationId: 'GetModelSummary',
        description:
          "What the model's /status and /compliance answer, in one response (the model's page).",
        parameters: modelParameters,
        responses: {
          '200': {
            description:
              'status: the model status; compliance: its compliance, or why not in errors.',
            content: {
              'application/json': {
                schema: statusAndComplianceSchema({ type: 'object' }),
              },
            },
          },
          '401': errorResponse,
          '404': errorResponse,
        },
      },
    },
    '/models/{kind}/{namespace}/{name}/deployments': {
      get: {
        operationId: 'GetDeploymentHistory',
        description:
          "A model's deployment events, newest first, a page at a time (nextCursor).",
        parameters: [...modelParameters, ...pageParameters],
        responses: {
          '200': {
            description: 'The history.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '400': errorResponse,
          '401': errorResponse,
          '404': errorResponse,
        },
      },
    },
    '/models/{kind}/{namespace}/{name}/audit': {
      get: {
        operationId: 'GetAuditLog',
        description:
          "A page of a model's audit log: its hash chain, oldest first (or newest first with order=desc). Pass nextCursor as cursor for the next page. Needs lab2live.review.read and a model the caller may see in the catalog. format=csv answers the whole log as /audit/export?format=csv does.",
        parameters: [
          ...modelParameters,
          ...pageParameters,
          {
            name: 'order',
            in: 'query',
            required: false,
            description:
              'asc (default): oldest first; desc: newest first. A cursor continues in the order it was given in.',
            schema: { type: 'string', enum: ['asc', 'desc'] },
          },
          {
            name: 'format',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['json', 'csv'] },
          },
        ],
        responses: {
          '200': {
            description: 'A page of the audit log.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/AuditEntry' },
                    },
                    nextCursor: {
                      type: 'string',
                      description: 'Present when more entries follow.',
                    },
                  },
                },
              },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          '400': errorResponse,
          '401': errorResponse,
          '403': errorResponse,
          '404': errorResponse,
        },
      },
    },
    '/models/{kind}/{namespace}/{name}/audit/export': {
      get: {
        operationId: 'ExportAuditLog',
        description:
          "A model's whole audit log as a download, streamed oldest first: JSON { model, exportedAt, entries } or CSV (columns seq, occurredAt, actor, action, model, before, after, prevHash, hash). `lab2live-validate audit FILE` verifies its hash chain. Needs lab2live.review.read and a model the caller may see in the catalog.",
        parameters: [
          ...modelParameters,
          {
            name: 'format',
            in: 'query',
            required: false,
            description: 'json (default) or csv.',
            schema: { type: 'string', enum: ['json', 'csv'] },
          },
        ],
        responses: {
          '200': {
            description: 'The export, as an attachment.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['model', 'exportedAt', 'entries'],
                  properties: {
                    model: { type: 'string' },
                    exportedAt: { type: 'string', format: 'date-time' },
                    entries: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/AuditExportEntry' },
                    },
                  },
                },
              },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          '400': errorResponse,
          '401': errorResponse,
          '403': errorResponse,
          '404': errorResponse,
        },
      },
    },
  },
} as const;
