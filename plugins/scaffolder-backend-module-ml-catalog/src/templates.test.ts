import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createLab2LiveValidator,
  RISK_QUESTIONNAIRE_VERSION,
  riskTemplateParameters,
  riskTemplateStepInput,
} from '@lab2live/plugin-ml-catalog-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleMlCatalog from '.';

const templatesDir = path.resolve(__dirname, '../../../examples/templates');

/** Every file of a template folder, as the dry-run endpoint takes them. */
function directoryContents(dir: string, prefix = '') {
  const files: Array<{ path: string; base64Content: string }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) {
      files.push(...directoryContents(full, relative));
    } else {
      files.push({
        path: relative,
        base64Content: fs.readFileSync(full).toString('base64'),
      });
    }
  }
  return files;
}

/** Runs a template through the scaffolder's dry run and returns the files it wrote. */
async function dryRun(
  template: string,
  values: Record<string, unknown>,
  options: { expectFailure?: boolean } = {},
) {
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleMlCatalog,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: { backend: { baseUrl: 'http://localhost:7007' } },
      }),
    ],
  });
  const dir = path.join(templatesDir, template);
  const response = await request(server)
    .post('/api/scaffolder/v2/dry-run')
    .set('authorization', mockCredentials.user.header())
    .send({
      template: yaml.parse(
        fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
      ),
      values,
      directoryContents: directoryContents(dir),
    });
  if (options.expectFailure) {
    return {
      files: new Map<string, string>(),
      body: { status: response.status, ...response.body },
    };
  }
  expect(response.status).toBe(200);
  const files = new Map<string, string>(
    response.body.directoryContents.map(
      (f: { path: string; base64Content: string }) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ],
    ),
  );
  return { files, body: response.body };
}

function validEntities(text: string) {
  const validator = createLab2LiveValidator();
  const entities = yaml.parseAllDocuments(text).map(d => d.toJSON());
  for (const entity of entities) {
    expect(validator.supports(entity)).toBe(true);
    expect(validator.validate(entity)).toEqual([]);
  }
  return entities;
}

describe('the example templates, in the scaffolder dry run', () => {
  it('New ML model writes a valid model, its SLA and a model card', async () => {
    const { files, body } = await dryRun('new-model', {
      name: 'card-fraud-scorer',
      title: 'Card fraud scorer',
      description: 'Scores card payments for fraud before authorisation.',
      owner: 'group:default/payments',
      system: 'system:default/checkout',
      type: 'classification',
      framework: 'lightgbm',
      trainingDatasets: ['dataset:default/fraud-labels'],
      evaluationDatasets: ['dataset:default/payment-transactions'],
      latencyP95Ms: 50,
      availabilityPct: 99.9,
      maxModelAgeDays: 90,
      primaryUses: 'Decide credit limits for card applicants.',
      outOfScope: 'Automatic declines.',
      annexIII: ['5b-creditworthiness'],
      detectsFinancialFraudOnly: false,
      profilesPeople: true,
      interactsWithPeople: true,
      generatesSyntheticContent: false,
      usesPersonalData: true,
    });
    const [model, sla] = validEntities(files.get('catalog-info.yaml')!);
    expect(model).toMatchObject({
      kind: 'MLModel',
      metadata: { name: 'card-fraud-scorer', title: 'Card fraud scorer' },
      spec: {
        owner: 'group:default/payments',
        system: 'system:default/checkout',
        lifecycle: 'experimental',
        datasets: [
          { ref: 'dataset:default/fraud-labels', role: 'training' },
          { ref: 'dataset:default/payment-transactions', role: 'evaluation' },
        ],
        slas: ['sla:card-fraud-scorer'],
        governance: {
          riskTier: 'high',
          personalData: true,
          riskAssessment: {
            questionnaireVersion: RISK_QUESTIONNAIRE_VERSION,
            tier: 'high',
            answers: expect.objectContaining({
              annexIII: ['5b-creditworthiness'],
              profilesPeople: true,
            }),
            transparencyDuties: [
              expect.objectContaining({
                id: 'interaction',
                article: 'Art. 50(1)',
              }),
            ],
          },
        },
      },
    });
    expect(sla).toMatchObject({
      kind: 'SLA',
      spec: {
        appliesTo: ['mlmodel:card-fraud-scorer'],
        objectives: expect.arrayContaining([
          expect.objectContaining({ indicator: 'latency_p95_ms', target: 50 }),
        ]),
      },
    });
    expect(files.get('docs/index.md')).toContain(
      '- Annex III, point 5(b): Evaluating the creditworthiness',
    );
    expect(files.get('docs/index.md')).toContain(
      'Transparency duties (EU AI Act Art. 50, on top of the tier):\ninteraction.',
    );
    expect(body.output.text[0].content).toContain(
      'Art. 50 duties: interaction.',
    );
    expect(files.has('mkdocs.yml')).toBe(true);
    expect(files.has('src/train.py')).toBe(true);
    expect(files.get('.github/workflows/validate.yml')).toContain(
      'ml-catalog-validate catalog-info.yaml',
    );
    const validate = body.steps.find(
      (s: { id: string }) => s.id === 'validate',
    );
    expect(validate).toBeDefined();
  });

  it('New ML model with only the required answers is valid too', async () => {
    const { files } = await dryRun('new-model', {
      name: 'ticket-router',
      owner: 'group:default/support-engineering',
      type: 'classification',
      framework: 'sklearn',
      trainingDatasets: ['dataset:default/support-tickets'],
      latencyP95Ms: 200,
      availabilityPct: 99.5,
      maxModelAgeDays: 90,
      primaryUses: 'Route tickets to a queue.',
    });
    const [model] = validEntities(files.get('catalog-info.yaml')!);
    expect(model.spec.governance).toMatchObject({
      riskTier: 'minimal',
      personalData: false,
      riskAssessment: { tier: 'minimal', answers: {} },
    });
    expect(model.spec.system).toBeUndefined();
  });

  it('New ML model marks a model prohibited from its Art. 5 answers', async () => {
    const { files, body } = await dryRun('new-model', {
      name: 'crowd-face-matcher',
      owner: 'group:default/platform',
      type: 'classification',
      framework: 'pytorch',
      trainingDatasets: ['dataset:default/faces'],
      latencyP95Ms: 200,
      availabilityPct: 99.5,
      maxModelAgeDays: 90,
      primaryUses: 'Match faces in station crowds against a police watchlist.',
      realTimeRemoteBiometricIdentification: true,
      realTimeBiometricObjective: 'none',
    });
    const [model] = validEntities(files.get('catalog-info.yaml')!);
    expect(model.spec.governance.riskTier).toBe('prohibited');
    expect(model.spec.governance.riskAssessment.reasons).toContainEqual(
      expect.objectContaining({ article: 'Art. 5(1)(h)' }),
    );
    expect(body.output.text[0].content).toContain('**prohibited**');
  });

  it('New ML model flags a general-purpose AI model with systemic risk', async () => {
    const { files } = await dryRun('new-model', {
      name: 'foundation-lm',
      owner: 'group:default/platform',
      type: 'generative',
      framework: 'pytorch',
      trainingDatasets: ['dataset:default/web-corpus'],
      latencyP95Ms: 800,
      availabilityPct: 99,
      maxModelAgeDays: 365,
      primaryUses: 'Base model for internal assistants.',
      generalPurposeModel: true,
      trainingComputeAbove1e25: true,
      generatesSyntheticContent: true,
    });
    const [model] = validEntities(files.get('catalog-info.yaml')!);
    expect(model.spec.governance.riskAssessment).toMatchObject({
      tier: 'limited',
      generalPurposeAI: { generalPurpose: true, systemicRisk: true },
    });
  });

  it('New ML model refuses a derogation without its documented assessment, naming the question', async () => {
    const { body } = await dryRun(
      'new-model',
      {
        name: 'cv-parser',
        owner: 'group:default/platform',
        type: 'other',
        framework: 'sklearn',
        trainingDatasets: ['dataset:default/cvs'],
        latencyP95Ms: 200,
        availabilityPct: 99.5,
        maxModelAgeDays: 90,
        primaryUses: 'Turn CVs into text.',
        annexIII: ['4a-recruitment'],
        derogationCondition: 'narrow-procedural-task',
      },
      { expectFailure: true },
    );
    expect(body.status).toBe(400);
    expect(body.error).toEqual({
      name: 'InputError',
      message: expect.stringContaining(
        "The risk questionnaire answers are not valid: 'derogationJustification' is required here",
      ),
    });
  });

  it('New ML model asks exactly the risk questionnaire and passes every answer on', () => {
    const template = yaml.parse(
      fs.readFileSync(
        path.join(templatesDir, 'new-model/template.yaml'),
        'utf8',
      ),
    );
    const pages = riskTemplateParameters();
    expect(template.spec.parameters.slice(-pages.length)).toEqual(pages);
    const step = template.spec.steps.find(
      (s: { id: string }) => s.id === 'risk',
    );
    expect(step.action).toBe('lab2live:risk:assess');
    expect(step.input).toEqual(riskTemplateStepInput());
  });

  it('New dataset writes a valid dataset with its lineage', async () => {
    const { files } = await dryRun('new-dataset', {
      name: 'chargeback-labels',
      owner: 'group:default/payments',
      type: 'table',
      location: 's3://lake/chargebacks/',
      version: '2024-09',
      license: 'internal',
      personalData: true,
      derivedFrom: ['dataset:default/payment-transactions'],
    });
    const [dataset] = validEntities(files.get('catalog-info.yaml')!);
    expect(dataset).toMatchObject({
      kind: 'Dataset',
      spec: {
        location: 's3://lake/chargebacks/',
        personalData: true,
        derivedFrom: ['dataset:default/payment-transactions'],
      },
    });
  });

  it('Report a deployment checks its answers and reports nothing in a dry run', async () => {
    const { body } = await dryRun('report-deployment', {
      model: 'mlmodel:default/churn-predictor',
      version: '8',
      environment: 'staging',
      status: 'healthy',
    });
    const report = body.steps.find((s: { id: string }) => s.id === 'report');
    expect(report).toBeDefined();
    expect(body.output.links).toEqual([
      expect.objectContaining({ entityRef: 'mlmodel:default/churn-predictor' }),
    ]);
    expect(JSON.stringify(body.log)).toContain(
      'Dry run: would report mlmodel:default/churn-predictor v8 healthy in staging',
    );
  });

  it('Request a governance review opens nothing in a dry run', async () => {
    const { body } = await dryRun('request-review', {
      model: 'mlmodel:default/churn-predictor',
      version: '8',
    });
    expect(JSON.stringify(body.log)).toContain(
      'Dry run: would open a review of mlmodel:default/churn-predictor v8',
    );
    expect(body.output.links[0].url).toBe(
      '/catalog/default/mlmodel/churn-predictor/governance',
    );
  });
});
