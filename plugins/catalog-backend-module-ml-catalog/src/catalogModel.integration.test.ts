import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createCatalogModelLayer } from '@backstage/catalog-model/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { provideStaticCatalogModel } from '@backstage/plugin-catalog-node/alpha';
import catalogModuleMlCatalog from './index';

/** One actions registry for the test backend, to invoke the catalog's actions. */
function actionsProbe() {
  const registry = actionsRegistryServiceMock();
  const factory = createServiceFactory({
    service: actionsRegistryServiceRef,
    deps: {},
    factory: () => registry,
  });
  return { registry, factory };
}

/** Another plugin's kind, declared the way upstream's modules do (static defaults included). */
const otherKinds = provideStaticCatalogModel({
  layers: [
    createCatalogModelLayer({
      layerId: 'example.com/widget',
      builder: model =>
        model.addKind({
          group: 'example.com',
          names: { kind: 'Widget', singular: 'widget', plural: 'widgets' },
          description: 'A widget of another plugin.',
          versions: [
            {
              name: 'v1',
              schema: { jsonSchema: { type: 'object', properties: {} } },
            },
          ],
        }),
    }),
  ],
});

/** The catalog's description of its model, with these features next to the catalog. */
async function describeCatalogModel(features: any[], config: object = {}) {
  const probe = actionsProbe();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      ...features,
      probe.factory,
      mockServices.rootConfig.factory({
        data: { catalog: { processingInterval: false }, ...config },
      }),
    ],
  });
  try {
    const { output } = (await probe.registry.invoke({
      id: 'test:get-catalog-model-description',
      input: {},
      credentials: mockCredentials.user(),
    })) as { output: { description: string } };
    return output.description;
  } finally {
    await backend.stop();
  }
}

describe("the catalog's model with the Lab2Live kinds", () => {
  it('names MLModel, Dataset and SLA in get-catalog-model-description, next to another module with static defaults', async () => {
    const text = await describeCatalogModel([
      catalogModuleMlCatalog,
      otherKinds,
    ]);
    for (const kind of ['MLModel', 'Dataset', 'SLA', 'Widget', 'Component']) {
      expect(text).toContain(`### Entity Kind "${kind}"`);
    }
    expect(text).toContain('apiVersion: "lab2live.io/v1alpha1"');
    expect(text).toContain('### Relation "trainedOn": trained on');
    expect(text).toContain('* Reverse type: "trainingDataFor"');
    expect(text).toContain(
      '### Annotation "mlflow.org/registered-model-name": MLflow registered model',
    );
  });

  it('leaves the catalog model alone when lab2live.catalogModel.declareKinds is false', async () => {
    const text = await describeCatalogModel([catalogModuleMlCatalog], {
      lab2live: { catalogModel: { declareKinds: false } },
    });
    expect(text).toContain('### Entity Kind "Component"');
    expect(text).not.toContain('MLModel');
  });
});
