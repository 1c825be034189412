import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { outputsOf } from '../__testUtils__/outputsOf';
import {
  errorBody,
  ReceivedRequest,
  startFakeMlCatalog,
} from '../__testUtils__/fakeMlCatalog';
import { createDeploymentReportAction } from './deploymentReport';
import { deploymentReportExamples } from './deploymentReport.examples';

/** Stores events by id; refuses one model (403) and does not know another (404). */
function storeEvents(events: Map<string, Record<string, unknown>>) {
  return ({ method, url, body }: ReceivedRequest) => {
    if (method !== 'POST' || url !== '/api/ml-catalog/deployments') {
      return {
        status: 404,
        body: errorBody('NotFoundError', `No route ${url}`, 404),
      };
    }
    if (body.model === 'mlmodel:default/forbidden-model') {
      return {
        status: 403,
        body: errorBody(
          'NotAllowedError',
          'Not allowed: lab2live.deployment.write',
          403,
        ),
      };
    }
    if (body.model === 'mlmodel:default/missing') {
      return {
        status: 404,
        body: errorBody(
          'NotFoundError',
          'No MLModel mlmodel:default/missing in the catalog',
          404,
        ),
      };
    }
    if (events.has(body.eventId))
      return { status: 200, body: { stored: false } };
    events.set(body.eventId, body);
    return { status: 201, body: { stored: true } };
  };
}

describe('lab2live:deployment:report', () => {
  const backend = {
    events: new Map<string, Record<string, unknown>>(),
    authorizations: [] as string[],
    stop: async () => {},
  };
  let action: ReturnType<typeof createDeploymentReportAction>;

  beforeAll(async () => {
    const fake = await startFakeMlCatalog(request => {
      backend.authorizations.push(request.authorization);
      return storeEvents(backend.events)(request);
    });
    backend.stop = async () => {
      await fake.stop();
    };
    const baseUrl = fake.baseUrl;
    action = createDeploymentReportAction({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => baseUrl,
      }),
      auth: mockServices.auth(),
    });
  });
  afterAll(() => backend.stop());

  async function run(input: Record<string, unknown>, isDryRun = false) {
    const ctx = {
      ...createMockActionContext({ input: input as any }),
      isDryRun,
    };
    await action.handler(ctx as any);
    return outputsOf(ctx);
  }

  it('reports the event on behalf of the person running the template', async () => {
    const outputs = await run({
      eventId: 'release-42',
      model: 'mlmodel:default/churn-predictor',
      version: '8',
      environment: 'staging',
      status: 'healthy',
      timestamp: '2026-11-24T10:00:00Z',
    });
    expect(outputs).toEqual({ eventId: 'release-42', stored: true });
    expect(backend.events.get('release-42')).toEqual({
      eventId: 'release-42',
      model: 'mlmodel:default/churn-predictor',
      version: '8',
      environment: 'staging',
      status: 'healthy',
      timestamp: '2026-11-24T10:00:00Z',
    });
    expect(backend.authorizations.at(-1)).toMatch(/^Bearer .+/);
  });

  it('says when a retried report was stored before', async () => {
    const input = {
      eventId: 'release-43',
      model: 'mlmodel:default/churn-predictor',
      version: '9',
      environment: 'dev',
      status: 'deploying',
    };
    expect((await run(input)).stored).toBe(true);
    expect((await run(input)).stored).toBe(false);
    expect(
      [...backend.events.keys()].filter(id => id === 'release-43'),
    ).toHaveLength(1);
  });

  it("fails with the backend's message when the report is refused", async () => {
    await expect(
      run({
        model: 'mlmodel:default/forbidden-model',
        version: '1',
        environment: 'production',
        status: 'healthy',
      }),
    ).rejects.toThrow(
      'Could not report the deployment of mlmodel:default/forbidden-model: Not allowed: lab2live.deployment.write',
    );
    await expect(
      run({
        model: 'mlmodel:default/missing',
        version: '1',
        environment: 'production',
        status: 'healthy',
      }),
    ).rejects.toThrow(/No MLModel mlmodel:default\/missing in the catalog/);
  });

  it('reports nothing in a dry run', async () => {
    const before = backend.events.size;
    const outputs = await run(
      {
        model: 'mlmodel:default/churn-predictor',
        version: '10',
        environment: 'production',
        status: 'healthy',
      },
      true,
    );
    expect(outputs.stored).toBe(false);
    expect(backend.events.size).toBe(before);
  });

  it.each(deploymentReportExamples.map(e => [e.description, e.example]))(
    'runs its example: %s',
    async (_description, example) => {
      const [step] = yaml.parse(example).steps;
      expect(step.action).toBe('lab2live:deployment:report');
      const outputs = await run(step.input);
      expect(outputs.stored).toBe(true);
      expect(backend.events.get(outputs.eventId as string)).toMatchObject(
        step.input,
      );
    },
  );
});
