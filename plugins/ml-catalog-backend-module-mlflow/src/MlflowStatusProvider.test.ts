import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mlCatalogBackend from '@lab2live/plugin-ml-catalog-backend';
import type { DeploymentEventInput } from '@lab2live/plugin-ml-catalog-common';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import mlflowModule from './index';
import { MlflowClient } from './MlflowClient';
import { MlflowStatusProvider } from './MlflowStatusProvider';

const T = 1_732_000_000_000;

const version = (v: number, extra: object = {}) => ({
  name: 'churn',
  version: String(v),
  current_stage: 'None',
  status: 'READY',
  creation_timestamp: T + v,
  last_updated_timestamp: T + v * 1000,
  ...extra,
});

/**
 * A local server answering with the MLflow REST API's documented shapes: the churn
 * model has aliases and 5 versions over 3 pages; fraud is unknown (404); broken
 * answers 500; slow never answers.
 */
class FakeMlflow {
  readonly requests: Array<{
    path: string;
    query: URLSearchParams;
    auth?: string;
  }> = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname.replace('/api/2.0/mlflow/', '');
      this.requests.push({
        path,
        query: url.searchParams,
        auth: req.headers.authorization,
      });
      const send = (status: number, body: object) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const name =
        url.searchParams.get('name') ??
        /name='(.*)'/.exec(url.searchParams.get('filter') ?? '')?.[1];
      if (name === 'slow') return; // never answers
      if (name === 'broken') {
        send(500, {
          error_code: 'INTERNAL_ERROR',
          message: 'database is locked',
        });
        return;
      }
      if (name !== 'churn') {
        send(404, {
          error_code: 'RESOURCE_DOES_NOT_EXIST',
          message: `Registered Model with name=${name} not found`,
        });
        return;
      }
      if (path === 'registered-models/get') {
        send(200, {
          registered_model: {
            name: 'churn',
            aliases: [
              { alias: 'champion', version: '4' },
              { alias: 'challenger', version: '5' },
              { alias: 'shadow', version: '3' },
            ],
          },
        });
        return;
      }
      // model-versions/search: two versions per page.
      const page = Number(url.searchParams.get('page_token') ?? '0');
      const all = [
        version(1, { current_stage: 'Archived' }),
        version(2, { current_stage: 'Production' }),
        version(3),
        version(4),
        version(5, { status: 'PENDING_REGISTRATION' }),
      ];
      send(200, {
        model_versions: all.slice(page * 2, page * 2 + 2),
        ...(page * 2 + 2 < all.length
          ? { next_page_token: String(page + 1) }
          : {}),
      });
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(resolve => this.server?.close(resolve));
  }
}

const model = (name: string, registered?: string): Entity => ({
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name,
    namespace: 'default',
    ...(registered
      ? { annotations: { 'mlflow.org/registered-model-name': registered } }
      : {}),
  },
  spec: {
    type: 'classification',
    owner: 'group:data-science',
    lifecycle: 'production',
  },
});

describe('the MLflow status provider', () => {
  const mlflow = new FakeMlflow();
  let baseUrl: string;
  beforeAll(async () => {
    baseUrl = await mlflow.start();
  });
  afterAll(() => mlflow.stop());

  async function refresh(entities: Entity[], timeoutMs = 2000) {
    const reported: DeploymentEventInput[] = [];
    const logger = mockServices.logger.mock();
    const provider = new MlflowStatusProvider({
      client: new MlflowClient({ baseUrl, token: 'mlflow-secret', timeoutMs }),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
      aliases: { champion: 'production', challenger: 'staging' },
      stages: { Production: 'production', Staging: 'staging' },
    });
    await provider.refresh({
      logger,
      reportDeployments: async events => {
        reported.push(...events);
        return { stored: events.length, duplicates: 0 };
      },
      reportObservations: async () => ({ stored: 0, duplicates: 0 }),
    });
    const warnings = (logger.warn as jest.Mock).mock.calls.map(c => c[0]);
    return { reported, warnings };
  }

  it('reports aliased versions per environment across every page, with the token', async () => {
    const { reported, warnings } = await refresh([
      model('churn-predictor', 'churn'),
      model('unlinked'),
    ]);
    expect(warnings).toEqual([]);
    expect(reported).toEqual([
      {
        eventId: 'mlflow:churn:production:4:healthy',
        model: 'mlmodel:default/churn-predictor',
        version: '4',
        environment: 'production',
        status: 'healthy',
        timestamp: new Date(T + 4000).toISOString(),
      },
      {
        eventId: 'mlflow:churn:staging:5:pending',
        model: 'mlmodel:default/churn-predictor',
        version: '5',
        environment: 'staging',
        status: 'pending',
        timestamp: new Date(T + 5000).toISOString(),
      },
    ]);
    const pages = mlflow.requests.filter(
      r => r.path === 'model-versions/search',
    );
    expect(pages.map(p => p.query.get('page_token'))).toEqual([null, '1', '2']);
    expect(pages[0].query.get('filter')).toBe("name='churn'");
    expect(mlflow.requests.every(r => r.auth === 'Bearer mlflow-secret')).toBe(
      true,
    );
  });

  it('keeps reporting the other models when one is unknown, failing or slow', async () => {
    const { reported, warnings } = await refresh(
      [
        model('fraud', 'fraud-v2'),
        model('broken', 'broken'),
        model('slow', 'slow'),
        model('churn-predictor', 'churn'),
      ],
      300,
    );
    expect(reported.map(e => e.eventId)).toEqual([
      'mlflow:churn:production:4:healthy',
      'mlflow:churn:staging:5:pending',
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /'fraud-v2' of mlmodel:default\/fraud not read \[RESOURCE_DOES_NOT_EXIST\]: .*404.*Registered Model with name=fraud-v2 not found/,
      ),
      expect.stringMatching(
        /'broken' of mlmodel:default\/broken not read \[INTERNAL_ERROR\]: .*500.*database is locked/,
      ),
      expect.stringMatching(
        /'slow' of mlmodel:default\/slow not read \[TIMEOUT\]: MLflow did not answer .* within 300 ms/,
      ),
    ]);
  });

  it('falls back to legacy stages where no alias is mapped', async () => {
    const provider = new MlflowStatusProvider({
      client: new MlflowClient({ baseUrl, timeoutMs: 2000 }),
      catalog: catalogServiceMock({
        entities: [model('churn-predictor', 'churn')],
      }),
      auth: mockServices.auth(),
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
      aliases: {},
      stages: { Production: 'production' },
    });
    const reported: DeploymentEventInput[] = [];
    await provider.refresh({
      logger: mockServices.logger.mock(),
      reportDeployments: async events => {
        reported.push(...events);
        return { stored: events.length, duplicates: 0 };
      },
      reportObservations: async () => ({ stored: 0, duplicates: 0 }),
    });
    expect(reported.map(e => [e.environment, e.version])).toEqual([
      ['production', '2'],
    ]);
  });

  it('feeds the Lab2Live backend as a module', async () => {
    const { server } = await startTestBackend({
      features: [
        mlCatalogBackend,
        mlflowModule,
        catalogServiceMock.factory({
          entities: [model('churn-predictor', 'churn')],
        }),
        mockServices.rootConfig.factory({
          data: {
            lab2live: {
              mlflow: {
                baseUrl,
                schedule: {
                  frequency: { seconds: 1 },
                  timeout: { seconds: 10 },
                },
              },
            },
          },
        }),
      ],
    });
    let deployments: Array<{ environment: string; version: string }> = [];
    for (let i = 0; i < 50 && deployments.length < 2; i++) {
      await new Promise(resolve => setTimeout(resolve, 200));
      const res = await request(server)
        .get('/api/ml-catalog/models/mlmodel/default/churn-predictor/status')
        .set('Authorization', mockCredentials.user.header());
      deployments = res.body.deployments ?? [];
    }
    expect(deployments.map(d => [d.environment, d.version])).toEqual([
      ['staging', '5'],
      ['production', '4'],
    ]);
  });
});
