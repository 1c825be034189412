import { ALL_RELATIONS } from '@backstage/plugin-catalog-graph';
import { createMlCatalogGraphApi } from './catalogGraphMlRelationsModule';

describe('createMlCatalogGraphApi', () => {
  it('knows and shows the Lab2Live relations besides the built-in ones', () => {
    const api = createMlCatalogGraphApi();
    for (const type of [
      'trainedOn',
      'evaluationDataFor',
      'hasSla',
      'serves',
      'monitoredOn',
      'monitoringDataFor',
      'slaConsumedBy',
      'consumesSla',
    ]) {
      expect(api.knownRelations).toContain(type);
      expect(api.defaultRelations).toContain(type);
    }
    expect(api.knownRelations).toEqual(expect.arrayContaining(ALL_RELATIONS));
    expect(api.knownRelationPairs).toEqual(
      expect.arrayContaining([
        ['trainedOn', 'trainingDataFor'],
        ['servedBy', 'serves'],
        ['monitoredOn', 'monitoringDataFor'],
        ['slaConsumedBy', 'consumesSla'],
        ['ownerOf', 'ownedBy'],
      ]),
    );
  });
});
