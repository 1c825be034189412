import { countingServer } from '../__testUtils__/countingServer';
import { MlCatalogStatusClient } from './MlCatalogStatusApi';

describe('MlCatalogStatusClient', () => {
  it('answers the deployments card and the SLA card of one model page with one request', async () => {
    const { seen, deps } = countingServer();
    const client = new MlCatalogStatusClient(deps);
    const [deployments, slas] = await Promise.all([
      client.getModelStatus('mlmodel:default/churn-predictor'),
      client.getModelStatus('mlmodel:default/churn-predictor'),
    ]);
    expect(deployments).toEqual({ reads: 1 });
    expect(slas).toEqual({ reads: 1 });
    expect(seen).toEqual([
      'http://backend/api/ml-catalog/models/mlmodel/default/churn-predictor/status',
    ]);
    // A later visit reads again.
    expect(
      await client.getModelStatus('mlmodel:default/churn-predictor'),
    ).toEqual({ reads: 2 });
  });

  it('names the models of a team page in a body, one request however long the list', async () => {
    const { seen, deps } = countingServer();
    const client = new MlCatalogStatusClient(deps);
    const models = Array.from(
      { length: 400 },
      (_, i) => `mlmodel:default/a-model-with-a-long-name-${i}`,
    );
    await Promise.all([
      client.getStatusSummary(models),
      client.getStatusSummary(models),
    ]);
    await client.getStatusSummary();
    expect(seen).toEqual([
      `POST http://backend/api/ml-catalog/status/by-refs ${JSON.stringify({
        models,
      })}`,
      'http://backend/api/ml-catalog/status',
    ]);
  });

  it("reads an SLA page's objectives for every covered model in one request", async () => {
    const { seen, deps } = countingServer();
    const client = new MlCatalogStatusClient(deps);
    await client.getSlaStatus('sla:default/churn-scoring');
    await client.getSlaStatus('sla:fraud/latency budget');
    expect(seen).toEqual([
      'http://backend/api/ml-catalog/slas/default/churn-scoring/status',
      'http://backend/api/ml-catalog/slas/fraud/latency%20budget/status',
    ]);
  });
});
