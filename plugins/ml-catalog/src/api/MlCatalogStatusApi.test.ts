import { ResponseError } from '@backstage/errors';
import { countingServer } from '../__testUtils__/countingServer';
import { READ_REUSE_MS } from './BackendRequests';
import { MlCatalogGovernanceClient } from './MlCatalogGovernanceApi';
import { MlCatalogStatusClient } from './MlCatalogStatusApi';

const CHURN = 'mlmodel:default/churn-predictor';

/** Both clients as the app makes them: from the same fetch and discovery APIs. */
function clients() {
  const { seen, deps } = countingServer();
  return {
    seen,
    status: new MlCatalogStatusClient(deps),
    governance: new MlCatalogGovernanceClient(deps),
  };
}

/** A backend that gives one fixed answer to every request, and counts them. */
function answering(body: object) {
  const seen: string[] = [];
  const deps = {
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/ml-catalog' },
    fetchApi: {
      fetch: async (url: RequestInfo | URL) => {
        seen.push(String(url));
        return new Response(JSON.stringify(body), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      },
    },
  };
  return {
    seen,
    status: new MlCatalogStatusClient(deps),
    governance: new MlCatalogGovernanceClient(deps),
  };
}

describe('MlCatalogStatusClient', () => {
  it("answers a model page's header, deployments, SLA and compliance cards with one request", async () => {
    const { seen, status, governance } = clients();
    // The header and the cards mount together; one card a moment after the answer.
    const [header, deployments, slas, compliance] = await Promise.all([
      governance.getModelCompliance(CHURN),
      status.getModelStatus(CHURN),
      status.getModelStatus(CHURN),
      governance.getModelCompliance(CHURN),
    ]);
    expect(await status.getModelStatus(CHURN)).toEqual({ reads: 1 });
    expect([header, deployments, slas, compliance]).toEqual([
      { reads: 1 },
      { reads: 1 },
      { reads: 1 },
      { reads: 1 },
    ]);
    expect(seen).toEqual([
      'http://backend/api/ml-catalog/models/mlmodel/default/churn-predictor/summary',
    ]);
    // A later visit reads again.
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + READ_REUSE_MS);
    try {
      expect(await status.getModelStatus(CHURN)).toEqual({ reads: 2 });
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('answers nobody else with a failed read', async () => {
    let calls = 0;
    const client = new MlCatalogStatusClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/ml-catalog' },
      fetchApi: {
        fetch: async () => {
          calls++;
          return calls === 1
            ? new Response('{"error":{"name":"Error","message":"down"}}', {
                status: 503,
              })
            : new Response('{"status":{"reads":2}}', { status: 200 });
        },
      },
    });
    await expect(client.getModelStatus(CHURN)).rejects.toThrow();
    expect(await client.getModelStatus(CHURN)).toEqual({ reads: 2 });
  });

  it('gives each client the error of its own part, and the other part still answers', async () => {
    const refusal = {
      error: {
        name: 'NotAllowedError',
        message: 'Not allowed: lab2live.review.read',
      },
      response: { statusCode: 403 },
    };
    const { seen, status, governance } = answering({
      status: { model: CHURN, deployments: [] },
      errors: { compliance: refusal },
    });
    const [compliance, deployments] = await Promise.allSettled([
      governance.getModelCompliance(CHURN),
      status.getModelStatus(CHURN),
    ]);
    expect(deployments).toEqual({
      status: 'fulfilled',
      value: { model: CHURN, deployments: [] },
    });
    expect(compliance.status).toBe('rejected');
    const error = (compliance as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      statusCode: 403,
      message: 'Request failed with 403 Forbidden',
      body: refusal,
      cause: { name: 'NotAllowedError', message: refusal.error.message },
    });
    expect(seen).toHaveLength(1);
  });

  it("answers a team page's table and compliance counts with one request, however many models", async () => {
    const { seen, status, governance } = clients();
    const models = Array.from(
      { length: 400 },
      (_, i) => `mlmodel:default/a-model-with-a-long-name-${i}`,
    );
    // The counts and the table, which may list the models in another order.
    await Promise.all([
      governance.getCompliance({ model: models }),
      status.getStatusSummary([...models].reverse()),
      status.getStatusSummary(models),
    ]);
    expect(seen).toEqual([
      `POST http://backend/api/ml-catalog/summary/by-refs ${JSON.stringify({
        models: [...models].sort(),
      })}`,
    ]);
    // The model catalog: every model's status and compliance, one request too.
    await Promise.all([status.getStatusSummary(), governance.getCompliance()]);
    expect(seen.slice(1)).toEqual(['http://backend/api/ml-catalog/summary']);
  });

  it('reads status again after a governance write, and tells the listeners', async () => {
    const { seen, status, governance } = clients();
    const changes = jest.fn();
    const stop = governance.onChange(changes);
    expect(await status.getModelStatus(CHURN)).toEqual({ reads: 1 });
    await governance.submit('rev-1', 3);
    expect(changes).toHaveBeenCalled();
    expect(await status.getModelStatus(CHURN)).toEqual({ reads: 3 });
    expect(seen).toHaveLength(3);
    stop();
  });

  it("reads an SLA page's objectives and covered models in one request", async () => {
    const { seen, status } = clients();
    await Promise.all([
      status.getSlaStatus('sla:default/churn-scoring'),
      status.getSlaStatus('sla:default/churn-scoring'),
    ]);
    await status.getSlaStatus('sla:fraud/latency budget');
    expect(seen).toEqual([
      'http://backend/api/ml-catalog/slas/default/churn-scoring/status?include=models',
      'http://backend/api/ml-catalog/slas/fraud/latency%20budget/status?include=models',
    ]);
  });
});
