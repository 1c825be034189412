import { Entity } from '@backstage/catalog-model';
import { CatalogApi } from '@backstage/plugin-catalog-react';
import { lookUpEntities } from './useEntitiesByRefs';

const entity = (name: string): Entity => ({
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name },
});

/** A catalog holding two datasets that records what each request asked for. */
function catalog() {
  const asked: Array<{ entityRefs: string[]; fields?: string[] }> = [];
  const held: Record<string, Entity> = {
    'dataset:default/train': entity('train'),
    'dataset:default/eval': entity('eval'),
  };
  const api = {
    getEntitiesByRefs: async (request: {
      entityRefs: string[];
      fields?: string[];
    }) => {
      asked.push(request);
      return { items: request.entityRefs.map(ref => held[ref]) };
    },
  } as unknown as CatalogApi;
  return { api, asked };
}

describe('lookUpEntities', () => {
  it('answers the cards of one page from one catalog request, each with its own references', async () => {
    const { api, asked } = catalog();
    const [datasets, slas, services] = await Promise.all([
      lookUpEntities(api, ['dataset:default/train', 'dataset:default/eval']),
      lookUpEntities(api, ['sla:default/missing']),
      lookUpEntities(api, ['dataset:default/train']),
    ]);
    expect(asked).toEqual([
      {
        entityRefs: [
          'dataset:default/train',
          'dataset:default/eval',
          'sla:default/missing',
        ],
        fields: undefined,
      },
    ]);
    expect([...datasets.keys()]).toEqual([
      'dataset:default/train',
      'dataset:default/eval',
    ]);
    expect(datasets.get('dataset:default/eval')?.metadata.name).toBe('eval');
    // A reference the catalog does not hold stays, as missing.
    expect([...slas.entries()]).toEqual([['sla:default/missing', undefined]]);
    expect(services.get('dataset:default/train')?.metadata.name).toBe('train');
  });

  it('asks separately for other fields, and again after the window', async () => {
    const { api, asked } = catalog();
    await Promise.all([
      lookUpEntities(api, ['dataset:default/train'], ['metadata.name']),
      lookUpEntities(api, ['dataset:default/eval']),
    ]);
    await lookUpEntities(api, ['dataset:default/eval']);
    expect(asked).toEqual([
      { entityRefs: ['dataset:default/train'], fields: ['metadata.name'] },
      { entityRefs: ['dataset:default/eval'], fields: undefined },
      { entityRefs: ['dataset:default/eval'], fields: undefined },
    ]);
  });

  it('fails every lookup of a failed request', async () => {
    const api = {
      getEntitiesByRefs: async () => {
        throw new Error('catalog down');
      },
    } as unknown as CatalogApi;
    const results = await Promise.allSettled([
      lookUpEntities(api, ['dataset:default/train']),
      lookUpEntities(api, ['dataset:default/eval']),
    ]);
    expect(results.map(r => r.status)).toEqual(['rejected', 'rejected']);
  });
});
