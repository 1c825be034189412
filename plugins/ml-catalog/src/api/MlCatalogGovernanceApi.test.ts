import { MlCatalogGovernanceClient } from './MlCatalogGovernanceApi';

/** A server that answers each compliance read with how many reads it has seen. */
function countingServer() {
  const seen: string[] = [];
  const fetchApi = {
    fetch: async (url: string) => {
      seen.push(url);
      await new Promise(resolve => setTimeout(resolve, 10));
      return new Response(JSON.stringify({ reads: seen.length }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    },
  };
  const discoveryApi = {
    getBaseUrl: async () => 'http://backend/api/ml-catalog',
  };
  return {
    seen,
    client: new MlCatalogGovernanceClient({
      fetchApi: fetchApi as any,
      discoveryApi,
    }),
  };
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
      'http://backend/api/ml-catalog/models/mlmodel/default/churn-predictor/compliance',
    ]);

    // After a change the page reads again: a fresh answer, not the earlier one.
    expect(
      await client.getModelCompliance('mlmodel:default/churn-predictor'),
    ).toEqual({ reads: 2 });
  });

  it('keeps reads of different models apart', async () => {
    const { client, seen } = countingServer();
    await Promise.all([
      client.getModelCompliance('mlmodel:default/a'),
      client.getModelCompliance('mlmodel:default/b'),
    ]);
    expect(seen).toHaveLength(2);
  });
});
