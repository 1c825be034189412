import type { Entity } from '@backstage/catalog-model';
import type {
  DocumentationSection,
  TechnicalDocumentation,
} from '@lab2live/plugin-ml-catalog-common';
import { buildTechnicalDocumentation } from './annexIv';
import type { DocumentationInputs } from './inputs';
import { renderMarkdown } from './markdown';
import { printable } from './pdf';

const recruiter: Entity = {
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name: 'cv-screener',
    namespace: 'default',
    title: 'CV screener',
    description: 'Ranks job applications for recruiters.',
    annotations: {
      'lab2live.io/annex-iv-standards': 'ISO/IEC 42001:2023',
      'lab2live.io/annex-iv-hardware': 'CPU, 2 vCPU per replica',
    },
    links: [
      {
        url: 'https://example.com/doc/cv-screener-doc.pdf',
        title: 'Declaration of conformity',
        type: 'annex-iv-declaration-of-conformity',
      },
    ],
  },
  spec: {
    type: 'ranking',
    owner: 'group:talent',
    lifecycle: 'staging',
    version: '2',
    intendedUse: { primaryUses: 'Rank applications for a recruiter to read.' },
    metrics: [
      {
        name: 'false_negative_rate',
        value: 0.12,
        direction: 'lower',
        threshold: 0.1,
        dataset: 'dataset:cv-holdout',
        slices: [
          { name: 'gender=female', value: 0.09 },
          { name: 'gender=male', value: 0.14 },
        ],
      },
    ],
    governance: {
      riskTier: 'high',
      riskAssessment: {
        questionnaireVersion: '2',
        answers: { annexIII: ['4a-recruitment'], interactsWithPeople: true },
        tier: 'high',
        reasons: [
          {
            rule: 'annex-iii-4a-recruitment',
            article: 'Annex III, point 4(a)',
            text: 'Recruitment or selection: a high-risk use',
          },
        ],
        transparencyDuties: [
          {
            id: 'interaction',
            article: 'Art. 50(1)',
            text: 'People are told they interact with an AI system',
          },
        ],
      },
    },
  },
};

function inputs(model: Entity): DocumentationInputs {
  return {
    model,
    ref: 'mlmodel:default/cv-screener',
    related: new Map(),
    slas: [],
    consumers: [],
    reviews: [],
    deployments: [],
    audit: { entries: [], total: 0, head: null },
    generatedAt: new Date('2026-12-02T12:00:00Z'),
  };
}

const section = (doc: TechnicalDocumentation, n: number) =>
  doc.sections.find(s => s.number === n) as DocumentationSection;

describe('buildTechnicalDocumentation', () => {
  const doc = buildTechnicalDocumentation(inputs(recruiter));

  it('names the Annex III point and the Art. 50 duty that classify the model', () => {
    expect(JSON.stringify(section(doc, 1).blocks)).toContain(
      'high (Annex III, point 4(a): Recruitment or selection: a high-risk use)',
    );
    const risk = section(doc, 5);
    expect(risk.blocks).toEqual(
      expect.arrayContaining([
        {
          type: 'table',
          title: 'Why: the provisions that apply',
          columns: ['Provision', 'Reason'],
          rows: [
            [
              'Annex III, point 4(a)',
              'Recruitment or selection: a high-risk use',
            ],
          ],
        },
      ]),
    );
    expect(JSON.stringify(risk.blocks)).toContain(
      'Art. 50(1) People are told they interact with an AI system',
    );
    const md = renderMarkdown(doc);
    expect(md).toContain('| Annex III, point 4(a) | Recruitment or selection');
  });

  it('judges thresholds in the metric direction, overall and per group', () => {
    const rows = (
      section(doc, 2).blocks.find(
        b => b.type === 'table' && b.title === 'Results per group or condition',
      ) as { rows: string[][] }
    ).rows;
    expect(rows).toEqual([
      ['false_negative_rate', 'gender=female', '0.09', 'yes'],
      ['false_negative_rate', 'gender=male', '0.14', 'no'],
    ]);
    expect(JSON.stringify(section(doc, 3).blocks)).toContain(
      'false_negative_rate 0.12 (threshold 0.1, NOT met) on dataset:cv-holdout',
    );
  });

  it('takes what the kinds lack from annex-iv annotations and links', () => {
    expect(section(doc, 7)).toMatchObject({
      completeness: 'complete',
      missing: [],
    });
    expect(section(doc, 8)).toMatchObject({
      completeness: 'complete',
      missing: [],
    });
    expect(JSON.stringify(section(doc, 8).blocks)).toContain(
      'Declaration of conformity: https://example.com/doc/cv-screener-doc.pdf',
    );
    expect(JSON.stringify(section(doc, 1).blocks)).toContain(
      'CPU, 2 vCPU per replica',
    );
  });

  it('marks a section missing when it finds nothing, partial when it finds some', () => {
    const bare = buildTechnicalDocumentation(
      inputs({
        ...recruiter,
        metadata: { name: 'cv-screener', namespace: 'default' },
      }),
    );
    expect(section(bare, 7)).toMatchObject({
      completeness: 'missing',
      missing: [
        expect.stringMatching(
          /^Missing: the harmonised standards applied.*\(record it in annotation lab2live\.io\/annex-iv-standards or a metadata\.links entry of type annex-iv-standards/,
        ),
      ],
    });
    // Metrics and risk assessment found, a rationale and a review missing.
    expect(section(bare, 4).completeness).toBe('partial');
    expect(section(bare, 5).completeness).toBe('partial');
    expect(section(bare, 6)).toMatchObject({
      completeness: 'missing',
      missing: [expect.stringMatching(/^Missing: recorded changes/)],
    });
    const md = renderMarkdown(bare);
    expect(md).toContain('| 7 | Harmonised standards applied | Missing | 1 |');
    expect(md).toContain('- **Audit chain head:** none');
  });
});

describe('printable', () => {
  it('keeps what the standard PDF fonts show and replaces the rest', () => {
    expect(printable('AUC ≥ 0.8 → ok, Müller “quoted” – €5 日本')).toBe(
      'AUC >= 0.8 -> ok, Müller “quoted” – €5 ??',
    );
  });
});
