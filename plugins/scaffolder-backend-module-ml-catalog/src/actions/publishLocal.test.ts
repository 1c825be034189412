import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import { outputsOf } from '../__testUtils__/outputsOf';
import path from 'node:path';
import { createPublishLocalAction } from './publishLocal';

describe('lab2live:publish:local', () => {
  const workspace = createMockDirectory();
  const publishRoot = createMockDirectory();

  function setup() {
    const catalog = catalogServiceMock.mock({
      addLocation: jest.fn(async () => ({
        location: { id: '1', type: 'file', target: 'x' },
        entities: [
          {
            apiVersion: 'lab2live.io/v1alpha1',
            kind: 'MLModel',
            metadata: { name: 'churn' },
            spec: {},
          },
        ],
      })) as any,
      getEntityByRef: jest.fn(async () => ({
        apiVersion: 'lab2live.io/v1alpha1',
        kind: 'MLModel',
        metadata: { name: 'churn' },
      })) as any,
    });
    const action = createPublishLocalAction({
      catalog,
      config: mockServices.rootConfig({
        data: {
          lab2live: {
            scaffolder: { localPublishDirectory: publishRoot.path },
          },
        },
      }),
    });
    return { action, catalog };
  }

  async function run(action: ReturnType<typeof setup>['action']) {
    const ctx = createMockActionContext({
      input: { name: 'churn', catalogInfoPath: 'catalog-info.yaml' } as any,
      workspacePath: workspace.path,
    });
    await action.handler(ctx as any);
    return outputsOf(ctx);
  }

  beforeEach(() => {
    publishRoot.clear();
    workspace.setContent({
      'catalog-info.yaml':
        'apiVersion: lab2live.io/v1alpha1\nkind: MLModel\nmetadata:\n  name: churn\n',
      'docs/index.md': '# Churn',
    });
  });

  it('copies the workspace and registers its catalog file', async () => {
    const { action, catalog } = setup();
    const outputs = await run(action);
    const target = path.join(publishRoot.path, 'churn');
    expect(fs.readFileSync(path.join(target, 'docs/index.md'), 'utf8')).toBe(
      '# Churn',
    );
    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'file', target: path.join(target, 'catalog-info.yaml') },
      expect.anything(),
    );
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'mlmodel:default/churn',
      expect.anything(),
    );
    expect(outputs).toEqual({
      repositoryPath: target,
      catalogInfoPath: path.join(target, 'catalog-info.yaml'),
      entityRefs: ['mlmodel:default/churn'],
    });
  });

  it('refuses to overwrite an existing repository', async () => {
    const { action } = setup();
    await run(action);
    await expect(run(action)).rejects.toThrow(/already exists/);
  });
});
