import { countingServer as server } from '../__testUtils__/countingServer';
import { READ_REUSE_MS } from './BackendRequests';
import { MlCatalogGovernanceClient } from './MlCatalogGovernanceApi';

function countingServer() {
  const { seen, deps } = server();
  return { seen, client: new MlCatalogGovernanceClient(deps) };
}

describe('MlCatalogGovernanceClient', () => {
  it('answers reads of the same model made at once with one request, and asks again afterwards', async () => {
    const { client, seen } = countingServer();
    const [header, card] = await Promise.all([
      client.getModelCompliance('mlmodel:default/churn-predictor'),
      client.getModelCompliance('mlmodel:default/churn-predictor'),
    ]);
    expect(header).toEqual({ reads: 1 });
    expect(card).toEqual({ reads: 1 });
    expect(seen).toEqual([
      'http://backend/api/ml-catalog/models/mlmodel/default/churn-predictor/summary',
    ]);

    // A card mounting a moment later gets the same answer.
    expect(
      await client.getModelCompliance('mlmodel:default/churn-predictor'),
    ).toEqual({ reads: 1 });
    // A later visit reads again: a fresh answer, not the earlier one.
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + READ_REUSE_MS);
    try {
      expect(
        await client.getModelCompliance('mlmodel:default/churn-predictor'),
      ).toEqual({ reads: 2 });
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('reads again after a write, however recent the last answer', async () => {
    const { client } = countingServer();
    expect(
      await client.getModelCompliance('mlmodel:default/churn-predictor'),
    ).toEqual({ reads: 1 });
    await client.submit('rev-1', 3);
    expect(
      await client.getModelCompliance('mlmodel:default/churn-predictor'),
    ).toEqual({ reads: 3 });
  });

  it('does not answer a read after a write with a read begun before it', async () => {
    const { client, seen } = countingServer();
    const before = client.getModelCompliance('mlmodel:default/churn-predictor');
    await client.submit('rev-1', 3);
    const after = client.getModelCompliance('mlmodel:default/churn-predictor');
    expect(await before).toEqual({ reads: 1 });
    // The write was the second request; the read after it is the third.
    expect(await after).toEqual({ reads: 3 });
    expect(seen).toHaveLength(3);
  });

  it('pages the audit log and downloads the whole chain from the export route', async () => {
    const { client, seen } = countingServer();
    await client.getAuditLog('mlmodel:default/churn-predictor');
    await client.getAuditLog('mlmodel:default/churn-predictor', {
      order: 'desc',
      limit: 50,
      cursor: 'eyJzZXEiOjUxfQ',
    });
    await client.downloadAudit('mlmodel:default/churn-predictor', 'csv');
    const model =
      'http://backend/api/ml-catalog/models/mlmodel/default/churn-predictor';
    expect(seen).toEqual([
      `${model}/audit`,
      `${model}/audit?limit=50&order=desc&cursor=eyJzZXEiOjUxfQ`,
      `${model}/audit/export?format=csv`,
    ]);
  });

  it('keeps reads of different models apart', async () => {
    const { client, seen } = countingServer();
    await Promise.all([
      client.getModelCompliance('mlmodel:default/a'),
      client.getModelCompliance('mlmodel:default/b'),
    ]);
    expect(seen).toHaveLength(2);
  });

  it('names a long list of models in a body, sorted, and keeps the filters in the query', async () => {
    const { client, seen } = countingServer();
    const models = Array.from(
      { length: 300 },
      (_, i) => `mlmodel:default/m${i}`,
    );
    await client.getCompliance({ model: models });
    await client.getCompliance({ owner: ['group:default/fraud'] });
    expect(seen).toEqual([
      `POST http://backend/api/ml-catalog/summary/by-refs ${JSON.stringify({
        models: [...models].sort(),
      })}`,
      'http://backend/api/ml-catalog/compliance?owner=group%3Adefault%2Ffraud',
    ]);
  });
});
