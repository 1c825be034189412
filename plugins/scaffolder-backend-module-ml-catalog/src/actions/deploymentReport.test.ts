import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import yaml from 'yaml';
import { outputsOf } from '../__testUtils__/outputsOf';
import { createDeploymentReportAction } from './deploymentReport';
import { deploymentReportExamples } from './deploymentReport.examples';

/** A stand-in for the ml-catalog backend: stores events by id, refuses the unknown model. */
class FakeStatusBackend {
  readonly events = new Map<string, Record<string, unknown>>();
  readonly authorizations: string[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      this.authorizations.push(req.headers.authorization ?? '');
      const body = JSON.parse(await readBody(req));
      const reply = (status: number, payload: object) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== 'POST' || req.url !== '/api/ml-catalog/deployments') {
        reply(404, error('NotFoundError', `No route ${req.url}`));
      } else if (body.model === 'mlmodel:default/forbidden-model') {
        reply(
          403,
          error('NotAllowedError', 'Not allowed: lab2live.deployment.write'),
        );
      } else if (body.model === 'mlmodel:default/missing') {
        reply(
          404,
          error(
            'NotFoundError',
            'No MLModel mlmodel:default/missing in the catalog',
          ),
        );
      } else if (this.events.has(body.eventId)) {
        reply(200, { stored: false });
      } else {
        this.events.set(body.eventId, body);
        reply(201, { stored: true });
      }
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/ml-catalog`;
  }

  async stop() {
    await new Promise(resolve => this.server?.close(resolve));
  }
}

/** Backstage's error response body. */
function error(name: string, message: string) {
  const statusCode = name === 'NotAllowedError' ? 403 : 404;
  return {
    error: { name, message },
    request: { method: 'POST', url: '/api/ml-catalog/deployments' },
    response: { statusCode },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('lab2live:deployment:report', () => {
  const backend = new FakeStatusBackend();
  let action: ReturnType<typeof createDeploymentReportAction>;

  beforeAll(async () => {
    const baseUrl = await backend.start();
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
