import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  CatalogProcessor,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { catalogModelExtensionPoint } from '@backstage/plugin-catalog-node/alpha';
import { catalogModuleMlCatalog } from './module';

describe('catalogModuleMlCatalog', () => {
  it('adds a processor that validates with the configured lifecycle stages', async () => {
    const processors: CatalogProcessor[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addProcessor: (
              ...added: Array<CatalogProcessor | CatalogProcessor[]>
            ) => processors.push(...added.flat()),
            addEntityProvider: () => {},
            addPlaceholderResolver: () => {},
            setOnProcessingErrorHandler: () => {},
          },
        ],
        [
          catalogModelExtensionPoint,
          {
            setFieldValidators: () => {},
            setEntityDataParser: () => {},
            addModelSource: () => {},
          },
        ],
      ],
      features: [
        catalogModuleMlCatalog,
        mockServices.rootConfig.factory({
          data: { lab2live: { lifecycle: { stages: ['pilot', 'live'] } } },
        }),
      ],
    });

    expect(processors.map(p => p.getProcessorName())).toEqual([
      'MlCatalogEntitiesProcessor',
    ]);
    const dataset = {
      apiVersion: 'lab2live.io/v1alpha1',
      kind: 'Dataset',
      metadata: { name: 'events' },
      spec: { type: 'table', owner: 'group:data-platform', lifecycle: 'pilot' },
    };
    await expect(processors[0].validateEntityKind!(dataset)).resolves.toBe(
      true,
    );
    await expect(
      processors[0].validateEntityKind!({
        ...dataset,
        spec: { ...dataset.spec, lifecycle: 'production' },
      }),
    ).rejects.toThrow(
      'Dataset default/events: spec.lifecycle must be one of pilot, live',
    );
  });
});
