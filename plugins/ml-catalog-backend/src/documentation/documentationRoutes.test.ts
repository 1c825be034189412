import { mockCredentials } from '@backstage/backend-test-utils';
import {
  Entity,
  EntityRelation,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DocumentationSection,
  getLab2LiveRelations,
  TechnicalDocumentation,
} from '@lab2live/plugin-ml-catalog-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import {
  as,
  startGovernanceBackend,
  VISIBLE_TO,
} from '../__testUtils__/governanceBackend';
import { readPdf } from '../__testUtils__/pdfText';
import { fullRef, lowerRef } from './inputs';

jest.setTimeout(120_000);

const EXAMPLES = path.resolve(__dirname, '../../../../examples/entities');

/** The example entities with the relations the catalog module and the catalog emit. */
function exampleEntities(): Entity[] {
  const entities = fs
    .readdirSync(EXAMPLES)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      yaml
        .parseAllDocuments(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'))
        .map(doc => doc.toJSON() as Entity),
    )
    .filter(e => e?.kind)
    .map(e => ({
      ...e,
      metadata: { namespace: 'default', ...e.metadata },
      relations: [] as EntityRelation[],
    }));
  const byRef = new Map(entities.map(e => [lowerRef(e), e]));
  const relate = (from: string, type: string, to: string) =>
    byRef.get(from)?.relations!.push({ type, targetRef: to });
  for (const entity of entities) {
    const source = lowerRef(entity);
    for (const r of getLab2LiveRelations(entity)) {
      const target = stringifyEntityRef(r.target).toLocaleLowerCase('en-US');
      relate(source, r.type, target);
      relate(target, r.reverseType, source);
    }
    for (const dep of (entity.spec?.dependsOn as string[] | undefined) ?? []) {
      const target = fullRef(dep, 'component', 'default');
      if (!target) continue;
      relate(source, 'dependsOn', target);
      relate(target, 'dependencyOf', source);
    }
  }
  return entities;
}

const isModel = (e: Entity) =>
  e.kind === 'MLModel' ||
  (e.kind === 'Resource' && e.spec?.type === 'ai-model');

const FRAUD = 'mlmodel:default/payment-fraud-detector';
const FRAUD_PATH = '/models/mlmodel/default/payment-fraud-detector';

/** The examples, the fraud detector with its standards recorded, and a hidden model. */
function catalog(): Entity[] {
  const entities = exampleEntities().map(e =>
    lowerRef(e) === FRAUD
      ? {
          ...e,
          metadata: {
            ...e.metadata,
            annotations: {
              ...e.metadata.annotations,
              'lab2live.io/annex-iv-standards':
                'ISO/IEC 42001:2023 (AI management system); ISO/IEC 23894:2023 (AI risk management)',
            },
          },
        }
      : e,
  );
  const hidden = entities.find(e => e.metadata.name === 'churn-predictor')!;
  return [
    ...entities,
    {
      ...hidden,
      metadata: {
        ...hidden.metadata,
        name: 'secret-model',
        annotations: { [VISIBLE_TO]: 'group:default/secret' },
      },
    },
  ];
}

const binary = (
  res: any,
  done: (error: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const pathOf = (e: Entity) =>
  `/models/${e.kind.toLocaleLowerCase('en-US')}/${e.metadata.namespace}/${
    e.metadata.name
  }`;

/** Every section: its point, a completeness that follows its gaps, no blank fact. */
function expectWellFormed(doc: TechnicalDocumentation) {
  expect(doc.sections.map(s => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  for (const section of doc.sections) {
    expect(['complete', 'partial', 'missing']).toContain(section.completeness);
    expect(section.completeness === 'complete').toBe(
      section.missing.length === 0,
    );
    expect(section.blocks.length).toBeGreaterThan(0);
    for (const gap of section.missing) {
      expect(gap).toMatch(/^Missing: .+ \(record it in .+\)$/);
    }
    for (const block of section.blocks) {
      if (block.type === 'facts') {
        for (const fact of block.facts) {
          expect(fact.value || fact.missing).toBeTruthy();
          if (fact.missing) expect(section.missing).toContain(fact.missing);
        }
      } else if (block.type === 'table') {
        expect(block.rows.length > 0 || !!block.missing).toBe(true);
        for (const row of block.rows) {
          expect(row).toHaveLength(block.columns.length);
        }
      }
    }
  }
}

const section = (doc: TechnicalDocumentation, n: number) =>
  doc.sections.find(s => s.number === n) as DocumentationSection;
const text = (s: DocumentationSection) => JSON.stringify(s.blocks);

describe('GET /models/:kind/:namespace/:name/documentation', () => {
  const entities = catalog();
  const models = entities.filter(
    e => isModel(e) && e.metadata.name !== 'secret-model',
  );

  it('makes the pack of every example model: each Annex IV point present, filled or marked missing', async () => {
    expect(models.length).toBeGreaterThanOrEqual(12);
    const server = await startGovernanceBackend({ entities });
    const maya = as(server, 'maya');
    for (const model of models) {
      const json = await maya.get(`${pathOf(model)}/documentation`);
      expect(json.status).toBe(200);
      const doc = json.body as TechnicalDocumentation;
      expect(doc.model).toBe(lowerRef(model));
      expectWellFormed(doc);
      // Only the fraud detector records its standards; none a declaration.
      expect(section(doc, 7).completeness).toBe(
        doc.model === FRAUD ? 'complete' : 'missing',
      );
      expect(section(doc, 8).completeness).toBe('missing');
      expect(section(doc, 8).missing[0]).toMatch(
        /^Missing: the EU declaration of conformity \(Art\. 47\).*lab2live\.io\/annex-iv-declaration-of-conformity/,
      );

      const md = await maya.get(`${pathOf(model)}/documentation?format=md`);
      expect(md.status).toBe(200);
      expect(md.headers['content-type']).toMatch(/^text\/markdown/);
      expect(md.headers['content-disposition']).toBe(
        `attachment; filename="annex-iv-${model.metadata.name}${
          doc.version ? `-v${doc.version}` : ''
        }-${doc.generatedAt.slice(0, 10)}.md"`,
      );
      for (const s of doc.sections) {
        expect(md.text).toContain(`## ${s.number}. ${s.title}\n`);
        expect(md.text).toContain(
          `**Completeness: ${s.completeness[0].toUpperCase()}${s.completeness.slice(
            1,
          )}**`,
        );
        for (const gap of s.missing) expect(md.text).toContain(gap);
      }
      // A fact is never left blank.
      expect(md.text).not.toMatch(/^- \*\*[^*]+:\*\* *$/m);
    }
  });

  it('fills the pack from the catalog: datasets by role with versions, interactions, SLAs', async () => {
    const server = await startGovernanceBackend({ entities });
    const maya = as(server, 'maya');
    const churn = (
      await maya.get('/models/mlmodel/default/churn-predictor/documentation')
    ).body as TechnicalDocumentation;
    expect(churn).toMatchObject({
      title: 'Customer churn predictor',
      version: '7',
      riskTier: 'limited',
      basis: 'Regulation (EU) 2024/1689 (AI Act), Article 11 and Annex IV',
    });
    const datasets = section(churn, 2).blocks.find(
      b => b.type === 'table' && b.title === 'Datasets by role (datasheets)',
    ) as { rows: string[][] };
    expect(datasets.rows.map(r => [r[0], r[2]])).toEqual([
      ['training', '2024-06'],
      ['evaluation', '2024-06'],
      ['monitoring', expect.any(String)],
    ]);
    expect(datasets.rows[0][1]).toContain('dataset:default/churn-features');
    expect(text(section(churn, 1))).toContain(
      'component:default/churn-scoring-api',
    );
    expect(text(section(churn, 9))).toContain('churn-scoring');
    expect(section(churn, 4).missing).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Missing: why these performance metrics fit/),
      ]),
    );

    // A model without training data or SLA says so where Annex IV asks for them.
    const router = (
      await maya.get(
        '/models/mlmodel/default/support-ticket-router/documentation',
      )
    ).body as TechnicalDocumentation;
    expect(section(router, 9).missing).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Missing: an SLA whose objectives watch the model in production \(record it in spec\.slas/,
        ),
      ]),
    );
    expect(section(router, 5).missing).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Missing: a governance review of this version/),
      ]),
    );
    expect(section(router, 5).completeness).toBe('partial');
  });

  it("ties the pack to the model's review and audit chain, and renders it as a PDF with real text", async () => {
    const server = await startGovernanceBackend({ entities });
    const pat = as(server, 'pat');
    const created = await pat.post('/reviews', { model: FRAUD, version: '5' });
    expect(created.status).toBe(201);
    const item = created.body.items.find((i: any) => i.mode === 'attestation');
    const set = await pat.put(`/reviews/${created.body.id}/items/${item.id}`, {
      revision: created.body.revision,
      status: 'pass',
      evidence: ['https://ci.example.com/fraud/robustness-42'],
    });
    expect(set.status).toBe(200);
    const reported = await request(server)
      .post('/api/ml-catalog/deployments')
      .set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('external:ci'),
          targetPluginId: 'ml-catalog',
        }),
      )
      .send({
        eventId: 'fraud-5-prod',
        model: FRAUD,
        environment: 'production',
        version: '5',
        status: 'healthy',
        timestamp: new Date(Date.now() - 60_000).toISOString(),
      });
    expect(reported.status).toBe(201);

    const doc = (await pat.get(`${FRAUD_PATH}/documentation`))
      .body as TechnicalDocumentation;
    const newest = await pat.get(`${FRAUD_PATH}/audit?order=desc&limit=1`);
    expect(doc.auditChain).toEqual({
      head: newest.body.items[0].hash,
      entries: newest.body.items[0].seq,
    });
    expect(doc.auditChain.entries).toBeGreaterThanOrEqual(3);
    const checklist = section(doc, 5).blocks.find(
      b => b.type === 'table' && b.title === 'Checklist',
    ) as { rows: string[][] };
    expect(checklist.rows).toEqual(
      expect.arrayContaining([
        [
          item.title,
          item.source,
          'pass',
          'https://ci.example.com/fraud/robustness-42',
          expect.stringContaining('set by user:default/pat'),
        ],
      ]),
    );
    // Pending items are gaps of the risk management record.
    expect(section(doc, 5).completeness).toBe('partial');
    const changes = section(doc, 6).blocks.find(b => b.type === 'table') as {
      rows: string[][];
    };
    expect(changes.rows[changes.rows.length - 1][0]).toBe(
      String(doc.auditChain.entries),
    );
    const reports = section(doc, 6).blocks.find(
      b => b.type === 'table' && b.title === 'Deployment reports',
    ) as { rows: string[][] };
    expect(reports.rows).toEqual([
      [expect.any(String), 'production', '5', 'healthy', 'external:ci'],
    ]);
    expect(text(section(doc, 9))).toContain('production');
    expect(section(doc, 7)).toMatchObject({
      completeness: 'complete',
      missing: [],
    });

    const pdf = await pat
      .get(`${FRAUD_PATH}/documentation?format=pdf`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /^attachment; filename="annex-iv-payment-fraud-detector-v5-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const { pages, info } = await readPdf(pdf.body as Buffer);
    expect(info.Title).toBe(
      'Technical documentation (Annex IV): Payment fraud detector',
    );
    const all = pages.join('\n');
    const flat = all.replace(/\s+/g, ' ');
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(pages[0]).toContain(
      'Technical documentation: Payment fraud detector',
    );
    // Made by its own request: its own time, the same chain head.
    const generated = pages[0].match(/Generated\s+(\S+Z)/)![1];
    expect(Date.parse(generated)).toBeGreaterThanOrEqual(
      Date.parse(doc.generatedAt),
    );
    pages.forEach((page, n) => {
      expect(page).toContain(`Page ${n + 1} of ${pages.length}`);
      expect(page).toContain(`Audit chain head ${doc.auditChain.head}`);
      expect(page).toContain(`generated ${generated}`);
    });
    for (const s of doc.sections) {
      expect(flat).toContain(`${s.number}. ${s.title}`);
    }
    expect(flat).toContain('ISO/IEC 42001:2023');
    // Table cells wrap long words across lines.
    expect(all.replace(/\s+/g, '')).toContain(
      'https://ci.example.com/fraud/robustness-42',
    );
    expect(flat).toContain(
      'Missing: the EU declaration of conformity (Art. 47)',
    );
  });

  it('refuses whoever may not read the model, as the other governance reads do', async () => {
    const server = await startGovernanceBackend({ entities });
    for (const format of ['json', 'md', 'pdf']) {
      // Without lab2live.review.read: 403, whatever the format.
      const blind = await as(server, 'blind').get(
        `/models/mlmodel/default/churn-predictor/documentation?format=${format}`,
      );
      expect(blind.status).toBe(403);
      expect(blind.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: 'Not allowed: lab2live.review.read',
      });
      // A model the caller may not see in the catalog does not exist for them.
      const hidden = await as(server, 'maya').get(
        `/models/mlmodel/default/secret-model/documentation?format=${format}`,
      );
      expect(hidden.status).toBe(404);
      expect(hidden.body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'No model mlmodel:default/secret-model in the catalog',
      });
      expect(hidden.headers['content-disposition']).toBeUndefined();
    }
    const spy = await as(server, 'spy').get(
      '/models/mlmodel/default/secret-model/documentation',
    );
    expect(spy.status).toBe(200);
    const anonymous = await request(server).get(
      '/api/ml-catalog/models/mlmodel/default/churn-predictor/documentation',
    );
    // The OpenAPI document asks every call for a token.
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error.message).toBe('Authorization header required');
    const docx = await as(server, 'maya').get(
      '/models/mlmodel/default/churn-predictor/documentation?format=docx',
    );
    expect(docx.status).toBe(400);
    expect(docx.body.error.message).toMatch(/format/);
  });
});
