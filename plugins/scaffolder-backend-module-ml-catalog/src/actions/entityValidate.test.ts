import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { outputsOf } from '../__testUtils__/outputsOf';
import { createEntityValidateAction } from './entityValidate';
import { entityValidateExamples } from './entityValidate.examples';

const model = (type: string) => `apiVersion: lab2live.io/v1alpha1
kind: MLModel
metadata:
  name: churn
spec:
  type: ${type}
  owner: group:data-science
  lifecycle: experimental
  datasets:
    - ref: dataset:customer-events
      role: training
`;

describe('lab2live:entity:validate', () => {
  const workspace = createMockDirectory();

  async function run(files: string[]) {
    const ctx = createMockActionContext({
      input: { files } as any,
      workspacePath: workspace.path,
    });
    await createEntityValidateAction({}).handler(ctx as any);
    return outputsOf(ctx);
  }

  it('passes valid files and lists their entities', async () => {
    workspace.setContent({ 'catalog-info.yaml': model('classification') });
    expect(await run(['catalog-info.yaml'])).toEqual({
      entities: ['MLModel:churn'],
    });
  });

  it('fails the task with the messages of lab2live-validate', async () => {
    workspace.setContent({ 'catalog-info.yaml': model('clasification') });
    await expect(run(['catalog-info.yaml'])).rejects.toThrow(
      'MLModel default/churn: spec.type must be one of classification, regression, ranking, forecasting, generative, embedding, recommendation, other (did you mean "classification"?)',
    );
  });

  it('refuses paths outside the workspace', async () => {
    workspace.setContent({ 'catalog-info.yaml': model('classification') });
    await expect(run(['../../etc/passwd'])).rejects.toThrow(
      /outside|not allowed/i,
    );
  });

  it('runs its example', async () => {
    workspace.setContent({ 'catalog-info.yaml': model('regression') });
    const [step] = yaml.parse(entityValidateExamples[0].example).steps;
    expect(await run(step.input.files)).toEqual({
      entities: ['MLModel:churn'],
    });
  });
});
