import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DEPLOYMENT_STATUSES,
  DeploymentEventInput,
  DeploymentStatus,
} from '@lab2live/plugin-ml-catalog-common';
import { randomUUID } from 'node:crypto';
import { deploymentReportExamples } from './deploymentReport.examples';
import { postToMlCatalog } from './postToMlCatalog';

const statuses = DEPLOYMENT_STATUSES as [
  DeploymentStatus,
  ...DeploymentStatus[],
];

/**
 * `lab2live:deployment:report`: reports a deployment of a model version to the Lab2Live
 * backend with the credentials of the person who runs the template, so the permission
 * policy decides as it would for them.
 *
 * @public
 */
export function createDeploymentReportAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: 'lab2live:deployment:report',
    description:
      'Reports a deployment of a model version to an environment to the Lab2Live backend.',
    examples: deploymentReportExamples,
    supportsDryRun: true,
    schema: {
      input: {
        model: z =>
          z
            .string()
            .min(1)
            .describe('The model, e.g. mlmodel:default/churn-predictor'),
        version: z => z.string().min(1).describe('The deployed version'),
        environment: z =>
          z.string().min(1).describe('The environment, e.g. staging'),
        status: z => z.enum(statuses).describe('The status of the deployment'),
        component: z =>
          z
            .string()
            .optional()
            .describe('The serving component, e.g. component:default/api'),
        endpointUrl: z =>
          z
            .string()
            .optional()
            .describe('Where the model answers (an http or https URL)'),
        eventId: z =>
          z
            .string()
            .optional()
            .describe(
              'Unique per event; a retried report with the same id is stored once. Default: a new id per run',
            ),
        timestamp: z =>
          z
            .string()
            .optional()
            .describe('When it happened (ISO 8601). Default: now'),
      },
      output: {
        eventId: z => z.string().describe('The id the event was stored under'),
        stored: z =>
          z
            .boolean()
            .describe('false when an event with this id was stored before'),
      },
    },
    async handler(ctx) {
      const event: DeploymentEventInput = {
        // Template forms pass empty strings for fields left blank.
        eventId: ctx.input.eventId || `scaffolder-${randomUUID()}`,
        model: ctx.input.model,
        version: ctx.input.version,
        environment: ctx.input.environment,
        status: ctx.input.status,
        timestamp: ctx.input.timestamp || new Date().toISOString(),
        ...(ctx.input.component ? { component: ctx.input.component } : {}),
        ...(ctx.input.endpointUrl
          ? { endpointUrl: ctx.input.endpointUrl }
          : {}),
      };
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would report ${event.model} v${event.version} ${event.status} in ${event.environment}`,
        );
        ctx.output('eventId', event.eventId);
        ctx.output('stored', false);
        return;
      }
      const response = await postToMlCatalog({
        discovery,
        auth,
        onBehalfOf: await ctx.getInitiatorCredentials(),
        path: '/deployments',
        body: event,
        failure: `Could not report the deployment of ${event.model}`,
      });
      const stored = response.status === 201;
      ctx.logger.info(
        stored
          ? `Reported ${event.model} v${event.version} ${event.status} in ${event.environment}`
          : `Already reported as ${event.eventId}: nothing changed`,
      );
      ctx.output('eventId', event.eventId);
      ctx.output('stored', stored);
    },
  });
}
