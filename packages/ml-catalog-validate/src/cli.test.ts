import path from 'node:path';
import { run } from './cli';

const fixture = (name: string) => path.join(__dirname, '__fixtures__', name);

async function runCli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(
    argv,
    text => {
      stdout += `${text}\n`;
    },
    text => {
      stderr += `${text}\n`;
    },
  );
  return { code, stdout, stderr };
}

describe('lab2live-validate', () => {
  it('passes a file of valid entities, built-in kinds included', async () => {
    const result = await runCli(fixture('good.yaml'));
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(
      '3 entities checked in 1 file(s): 0 invalid',
    );
  });

  it('names file, line, entity, field and expectation, and checks every document', async () => {
    const result = await runCli(fixture('good.yaml'), fixture('bad.yaml'));
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain(
      `${fixture(
        'bad.yaml',
      )}:10: MLModel default/churn: spec.datasets[1].role must be one of training, validation, evaluation, monitoring`,
    );
    expect(
      lines.some(
        l =>
          l.startsWith(
            `${fixture('bad.yaml')}:24: Component default/no-owner-service: `,
          ) && l.includes('owner'),
      ),
    ).toBe(true);
    expect(lines[lines.length - 1]).toBe(
      '6 entities checked in 2 file(s): 2 invalid',
    );
  });

  it('names the right apiVersion and suggests the enum value a typo was meant to be', async () => {
    const result = await runCli(fixture('typos.yaml'));
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toEqual([
      `${fixture(
        'typos.yaml',
      )}:2: MLModel default/copied-from-a-component: MLModel is a Lab2Live kind: write apiVersion lab2live.io/v1alpha1 (found apiVersion backstage.io/v1alpha1)`,
      `${fixture(
        'typos.yaml',
      )}:11: MLModel default/typed-in-a-hurry: spec.type must be one of classification, regression, ranking, forecasting, generative, embedding, recommendation, other (did you mean "classification"?)`,
      `${fixture(
        'typos.yaml',
      )}:11: MLModel default/typed-in-a-hurry: spec.datasets[0].role must be one of training, validation, evaluation, monitoring (did you mean "training"?)`,
      '2 entities checked in 1 file(s): 2 invalid',
    ]);
  });

  it('reports broken YAML and still checks the documents that parse', async () => {
    const result = await runCli('--format', 'json', fixture('broken.yaml'));
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.files[0].errors[0].message).toMatch(
      /^YAML error in document 2/,
    );
    expect(report.files[0].entities).toEqual([
      expect.objectContaining({
        kind: 'Dataset',
        name: 'fine-too',
        status: 'valid',
      }),
    ]);
  });

  it('prints machine-readable results with --format json', async () => {
    const result = await runCli('--format=json', fixture('bad.yaml'));
    const report = JSON.parse(result.stdout);
    const churn = report.files[0].entities.find((e: any) => e.name === 'churn');
    expect(churn).toEqual({
      document: 2,
      line: 10,
      kind: 'MLModel',
      name: 'churn',
      status: 'invalid',
      errors: [
        {
          path: 'spec.datasets[1].role',
          message:
            'MLModel default/churn: spec.datasets[1].role must be one of training, validation, evaluation, monitoring',
        },
      ],
    });
  });

  it('uses the lifecycle stages it is given', async () => {
    const result = await runCli(
      '--lifecycle-stages',
      'pilot,live',
      fixture('good.yaml'),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'MLModel default/churn-predictor: spec.lifecycle must be one of pilot, live',
    );
  });

  it('reports a missing file without hiding the others', async () => {
    const result = await runCli(fixture('nope.yaml'), fixture('good.yaml'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${fixture('nope.yaml')}: cannot read file`,
    );
    expect(result.stdout).toContain(
      '3 entities checked in 2 file(s): 0 invalid',
    );
  });

  it('names unknown kinds and apiVersions and refs of the wrong kind, instead of counting them valid', async () => {
    const file = fixture('kinds.yaml');
    const result = await runCli(file);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      `${file}:2: Componnet default/churn-scoring-api: kind "Componnet" is not a known kind (did you mean Component?); known kinds are MLModel, Dataset, SLA, API, Component, Domain, Group, Location, Resource, System, User, Template`,
      `${file}:11: Component default/retention-web: apiVersion "backstage.io/v2" is not known for kind Component: write backstage.io/v1alpha1 or backstage.io/v1beta1`,
      `${file}:20: MLModel default/sla-on-a-service: spec.slas[0] accepts SLA only, but "component:churn-scoring-api" is of kind Component`,
      `${file}:20: MLModel default/sla-on-a-service: spec.servedBy[0] accepts Component only, but "sla:churn-scoring" is of kind SLA`,
      `${file}:39: Pipeline default/nightly-training: kind "Pipeline" is not a known kind; known kinds are MLModel, Dataset, SLA, API, Component, Domain, Group, Location, Resource, System, User, Template`,
      '4 entities checked in 1 file(s): 4 invalid, 1 not checked (Template)',
    ]);
  });

  it('accepts kinds of other plugins unchecked with --allow-kind, and says so', async () => {
    const result = await runCli(
      '--allow-kind',
      'Pipeline',
      '--format',
      'json',
      fixture('kinds.yaml'),
    );
    const { entities } = JSON.parse(result.stdout).files[0];
    expect(
      entities.map((e: any) => `${e.kind} ${e.status} ${e.errors.length}`),
    ).toEqual([
      'Componnet invalid 1',
      'Component invalid 1',
      'MLModel invalid 2',
      'Template skipped 0',
      'Pipeline skipped 0',
    ]);
    expect(entities[0].errors[0].path).toBe('kind');
    expect(entities[1].errors[0].path).toBe('apiVersion');
    const text = await runCli('--allow-kind=Pipeline', fixture('kinds.yaml'));
    expect(text.stdout.trim().split('\n').pop()).toBe(
      '3 entities checked in 1 file(s): 3 invalid, 2 not checked (Pipeline, Template)',
    );
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await runCli()).code).toBe(2);
    const bad = await runCli('--format', 'xml', fixture('good.yaml'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be text or json, not "xml"');
  });

  it('prints its usage on standard output and succeeds when asked with --help', async () => {
    const help = await runCli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: lab2live-validate');
    expect(help.stderr).toBe('');
  });
});
