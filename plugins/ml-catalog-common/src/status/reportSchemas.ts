import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DEPLOYMENT_STATUSES } from './deployments';

/**
 * How many items one report (a POST body, or one call of a status provider) may hold.
 * @public
 */
export const MAX_REPORT_ITEMS = 1000;

/**
 * The JSON Schema of a deployment event as reported (REST body and status providers
 * alike): the backend's OpenAPI document and its provider path both validate with it.
 * @public
 */
export const deploymentEventInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'eventId',
    'model',
    'version',
    'environment',
    'status',
    'timestamp',
  ],
  properties: {
    eventId: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'Unique per event; a retry with the same id is stored once.',
    },
    model: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'The model, e.g. mlmodel:default/churn-predictor.',
    },
    version: { type: 'string', minLength: 1, maxLength: 255 },
    environment: { type: 'string', minLength: 1, maxLength: 100 },
    status: { type: 'string', enum: [...DEPLOYMENT_STATUSES] },
    component: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'The serving component.',
    },
    endpointUrl: { type: 'string', format: 'uri', maxLength: 2048 },
    timestamp: { type: 'string', format: 'date-time', maxLength: 64 },
  },
} as const;

/**
 * The JSON Schema of a deployment confirmation ("still serving this version here").
 * @public
 */
export const deploymentConfirmationInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['model', 'environment', 'version', 'timestamp'],
  properties: {
    model: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'The model, e.g. mlmodel:default/churn-predictor.',
    },
    environment: { type: 'string', minLength: 1, maxLength: 100 },
    version: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description:
        'The version the source sees running; must be the current one.',
    },
    timestamp: {
      type: 'string',
      format: 'date-time',
      maxLength: 64,
      description: 'When the source saw it running.',
    },
  },
} as const;

/**
 * The body of `POST /deployments/confirmations`: 1 to {@link MAX_REPORT_ITEMS}
 * confirmations.
 * @public
 */
export const deploymentConfirmationsBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['confirmations'],
  properties: {
    confirmations: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_REPORT_ITEMS,
      items: deploymentConfirmationInputSchema,
    },
  },
} as const;

let ajv: Ajv | undefined;
const compiled = new Map<object, ValidateFunction>();

/**
 * What is wrong with a value against one of the report schemas, each problem naming
 * its field under `path` (e.g. `events[2].endpointUrl must match format "uri"`), or
 * undefined when it is valid.
 */
function problems(
  schema: object,
  value: unknown,
  path: string,
): string | undefined {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= addFormats(new Ajv({ allErrors: true, strict: true }), [
      'uri',
      'date-time',
    ]);
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return undefined;
  return (validate.errors ?? [])
    .map(error => {
      const field = `${path}${error.instancePath.replace(/\//g, '.')}`;
      let extra = '';
      if (error.keyword === 'additionalProperties') {
        extra = ` (${
          (error.params as { additionalProperty: string }).additionalProperty
        })`;
      } else if (error.keyword === 'enum') {
        extra = `: ${(
          error.params as { allowedValues: string[] }
        ).allowedValues.join(', ')}`;
      }
      return `${field} ${error.message}${extra}`;
    })
    .join('; ');
}

/**
 * Checks a deployment event against {@link deploymentEventInputSchema}; the problems
 * naming each field, or undefined when it is valid.
 * @public
 */
export function checkDeploymentEventInput(
  value: unknown,
  path = 'body',
): string | undefined {
  return problems(deploymentEventInputSchema, value, path);
}

/**
 * Checks a confirmation against {@link deploymentConfirmationInputSchema}.
 * @public
 */
export function checkDeploymentConfirmationInput(
  value: unknown,
  path = 'body',
): string | undefined {
  return problems(deploymentConfirmationInputSchema, value, path);
}

/**
 * Checks the body of `POST /deployments/confirmations` against
 * {@link deploymentConfirmationsBodySchema}.
 * @public
 */
export function checkDeploymentConfirmationsBody(
  value: unknown,
): string | undefined {
  return problems(deploymentConfirmationsBodySchema, value, 'body');
}
