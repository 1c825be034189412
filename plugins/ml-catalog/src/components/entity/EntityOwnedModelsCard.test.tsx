import { screen, waitFor } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { dataScienceGroup } from '../../__testUtils__/entities';
import { EntityOwnedModelsCard } from './EntityOwnedModelsCard';
import { failingCatalog, renderCard } from '../../__testUtils__/renderCard';
import { MlCatalogGovernanceClient, MlCatalogStatusClient } from '../../api';

describe('EntityOwnedModelsCard', () => {
  it("counts a team's models per stage and risk tier", async () => {
    await renderCard(<EntityOwnedModelsCard />, dataScienceGroup);
    expect(await screen.findByText('1 model')).toBeInTheDocument();
    expect(screen.getByText('production: 1')).toBeInTheDocument();
    expect(screen.getByText('limited: 1')).toBeInTheDocument();
    expect(screen.getByText('Customer churn predictor')).toBeInTheDocument();
  });

  it('shows the catalog error', async () => {
    await renderCard(<EntityOwnedModelsCard />, dataScienceGroup, {
      catalogApi: failingCatalog(),
    });
    expect(
      await screen.findByText('Error: catalog is down'),
    ).toBeInTheDocument();
  });

  it("reads the status and compliance of a team's models in one request, however many", async () => {
    const models: Entity[] = Array.from({ length: 60 }, (_, i) => ({
      apiVersion: 'lab2live.io/v1alpha1',
      kind: 'MLModel',
      metadata: { name: `model-${i}`, namespace: 'default' },
      spec: {
        type: 'classification',
        owner: 'group:default/data-science',
        lifecycle: 'production',
        governance: { riskTier: 'minimal' },
      },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/data-science' }],
    }));
    // A backend that knows the combined read only, and answers it for the models asked.
    const seen: string[] = [];
    const deps = {
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/ml-catalog' },
      fetchApi: {
        fetch: async (url: RequestInfo | URL, init?: RequestInit) => {
          seen.push(`${init?.method ?? 'GET'} ${url}`);
          const asked: string[] = JSON.parse(String(init?.body ?? '{}')).models;
          if (!String(url).endsWith('/summary/by-refs') || !asked) {
            return new Response(
              '{"error":{"name":"NotFoundError","message":"no"}}',
              {
                status: 404,
                headers: { 'Content-Type': 'application/json' },
              },
            );
          }
          const body = {
            status: {
              environments: ['production'],
              items: asked.map(model => ({
                model,
                deployments: [
                  {
                    environment: 'production',
                    version: '1',
                    status: 'healthy',
                    stale: false,
                    updatedAt: '2026-11-24T10:00:00.000Z',
                    since: '2026-11-24T09:00:00.000Z',
                  },
                ],
              })),
            },
            compliance: {
              items: asked.map(model => ({
                model,
                stage: 'production',
                status: 'compliant',
                reasons: [],
              })),
            },
          };
          return new Response(JSON.stringify(body), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          });
        },
      },
    };
    await renderCard(<EntityOwnedModelsCard />, dataScienceGroup, {
      catalogApi: catalogApiMock({ entities: [dataScienceGroup, ...models] }),
      statusApi: new MlCatalogStatusClient(deps),
      governanceApi: new MlCatalogGovernanceClient(deps),
    });
    expect(
      await screen.findByText('compliant: 60', undefined, { timeout: 5000 }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByText(/production v1/).length).toBeGreaterThan(0),
    );
    expect(seen).toEqual([
      'POST http://backend/api/ml-catalog/summary/by-refs',
    ]);
  });
});
