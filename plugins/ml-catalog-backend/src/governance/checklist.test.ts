import { ConfigReader } from '@backstage/config';
import {
  assessRisk,
  riskProfileOf,
  toRecordedRiskAssessment,
  type RiskAnswers,
  type RiskTier,
} from '@lab2live/plugin-ml-catalog-common';
import { DEFAULT_CHECKLIST, itemsFor, readChecklist } from './checklist';
import { BUILT_IN_CHECKS } from './checks';

/** The items a model gets from its questionnaire answers (and a stricter tier, if any). */
function idsFor(answers: RiskAnswers, riskTier?: RiskTier) {
  const assessment = assessRisk(answers);
  return itemsFor(
    DEFAULT_CHECKLIST,
    riskProfileOf({
      riskTier: riskTier ?? assessment.tier,
      riskAssessment: toRecordedRiskAssessment(assessment),
    }),
  ).map(i => i.id);
}

const HIGH_RISK_ARTICLES = [
  ['risk-register', 'EU AI Act Art. 9'],
  ['data-governance', 'EU AI Act Art. 10'],
  ['technical-documentation', 'EU AI Act Art. 11, Annex IV'],
  ['event-logging', 'EU AI Act Art. 12'],
  ['instructions-for-use', 'EU AI Act Art. 13'],
  ['human-oversight', 'EU AI Act Art. 14'],
  ['robustness', 'EU AI Act Art. 15; ML Test Score, Infra 6'],
];

const GPAI = [
  'gpai-technical-documentation',
  'gpai-downstream-information',
  'gpai-copyright-policy',
  'gpai-training-summary',
];
const SYSTEMIC = [
  'gpai-model-evaluation',
  'gpai-adversarial-testing',
  'gpai-systemic-risk-mitigation',
  'gpai-incident-reporting',
  'gpai-cybersecurity',
];

describe('the default checklist', () => {
  it('names a source for every item, with unique ids', () => {
    const ids = DEFAULT_CHECKLIST.map(i => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of DEFAULT_CHECKLIST) expect(i.source).not.toBe('');
  });

  it.each(HIGH_RISK_ARTICLES)(
    'maps the high-risk requirement %s to %s',
    (id, source) => {
      expect(DEFAULT_CHECKLIST.find(i => i.id === id)).toMatchObject({
        source,
        minimumTier: 'high',
      });
      expect(idsFor({ annexIII: ['4a-recruitment'] })).toContain(id);
      expect(idsFor({ interactsWithPeople: true })).not.toContain(id);
    },
  );

  it.each([
    ['ai-disclosure', 'EU AI Act Art. 50(1)', { interactsWithPeople: true }],
    [
      'synthetic-content-marking',
      'EU AI Act Art. 50(2)',
      { generatesSyntheticContent: true },
    ],
    [
      'emotion-biometric-notice',
      'EU AI Act Art. 50(3)',
      { emotionOrBiometricCategorisation: true },
    ],
    ['deep-fake-disclosure', 'EU AI Act Art. 50(4)', { deepFakes: true }],
    [
      'public-text-disclosure',
      'EU AI Act Art. 50(4)',
      { publicInterestText: true },
    ],
  ])('gives %s (%s) exactly when that duty applies', (id, source, answers) => {
    expect(DEFAULT_CHECKLIST.find(i => i.id === id)?.source).toBe(source);
    expect(idsFor(answers)).toContain(id);
    expect(idsFor({})).not.toContain(id);
    // On top of high risk, too.
    expect(idsFor({ ...answers, annexIII: ['5d-emergency-calls'] })).toEqual(
      expect.arrayContaining([id, 'human-oversight']),
    );
  });

  it('gives a limited model only the Art. 50 items of its own duties', () => {
    const ids = idsFor({ interactsWithPeople: true });
    expect(ids).toContain('ai-disclosure');
    expect(ids).not.toContain('synthetic-content-marking');
    expect(ids).toContain('personal-data-declared');
  });

  it('gives a model rated stricter than its assessment the items of its tier', () => {
    const ids = idsFor(
      { annexIII: ['5b-creditworthiness'], detectsFinancialFraudOnly: true },
      'high',
    );
    expect(ids).toContain('human-oversight');
    expect(ids).not.toContain('ai-disclosure');
  });

  it.each([
    ['a general-purpose model', { generalPurposeModel: true }, GPAI, SYSTEMIC],
    [
      'an open-source one: Art. 53(2) leaves out (a) and (b)',
      { generalPurposeModel: true, openSourceRelease: true },
      ['gpai-copyright-policy', 'gpai-training-summary'],
      [
        'gpai-technical-documentation',
        'gpai-downstream-information',
        ...SYSTEMIC,
      ],
    ],
    [
      'one with systemic risk (10^25 FLOP)',
      { generalPurposeModel: true, trainingComputeAbove1e25: true },
      [...GPAI, ...SYSTEMIC],
      [],
    ],
    [
      'an open-source one with systemic risk: no exemption',
      {
        generalPurposeModel: true,
        openSourceRelease: true,
        designatedSystemicRisk: true,
      },
      [...GPAI, ...SYSTEMIC],
      [],
    ],
    ['not a general-purpose model', {}, [], [...GPAI, ...SYSTEMIC]],
  ])('GPAI items for %s', (_name, answers, present, absent) => {
    const ids = idsFor(answers);
    expect(ids).toEqual(expect.arrayContaining(present));
    for (const id of absent) expect(ids).not.toContain(id);
  });

  it('names Art. 53 and Art. 55 as the sources of the GPAI items', () => {
    for (const id of [...GPAI, ...SYSTEMIC]) {
      expect(DEFAULT_CHECKLIST.find(i => i.id === id)?.source).toMatch(
        /^EU AI Act Art\. 5[35]\(1\)/,
      );
    }
  });

  it('asks for the documented Art. 6(3) assessment when the derogation is relied on', () => {
    const ids = idsFor({
      annexIII: ['4a-recruitment'],
      derogationCondition: 'narrow-procedural-task',
      derogationJustification: 'Only converts CVs to text.',
    });
    expect(ids).toContain('derogation-documented');
    expect(ids).not.toContain('human-oversight');
    expect(idsFor({ annexIII: ['4a-recruitment'] })).not.toContain(
      'derogation-documented',
    );
  });
});

describe('configured items with appliesWhen', () => {
  const known = new Set(BUILT_IN_CHECKS.map(c => c.id));
  const read = (appliesWhen: Record<string, string | boolean>) =>
    readChecklist(
      new ConfigReader({
        lab2live: {
          governance: {
            checklist: {
              items: [{ id: 'watermark-audit', title: 'Audit', appliesWhen }],
            },
          },
        },
      }),
      known,
    );

  it('reads a duty condition and applies it', () => {
    const [custom] = read({ transparencyDuty: 'synthetic-content' });
    expect(custom.appliesWhen).toEqual({
      transparencyDuty: 'synthetic-content',
    });
    const profile = (answers: RiskAnswers) =>
      riskProfileOf({
        riskAssessment: toRecordedRiskAssessment(assessRisk(answers)),
      });
    expect(
      itemsFor([custom], profile({ generatesSyntheticContent: true })),
    ).toHaveLength(1);
    expect(itemsFor([custom], profile({}))).toHaveLength(0);
  });

  it.each([
    [
      { transparencyDuty: 'chat' },
      /transparencyDuty must be one of interaction/,
    ],
    [{ generalPurpose: 'big' }, /generalPurpose must be one of any/],
    [
      { transparencyDuty: 'interaction', derogation: true },
      /takes exactly one of/,
    ],
    [{ tier: 'high' }, /unknown condition 'tier'/],
  ])('refuses %j naming the item', (appliesWhen, message) => {
    expect(() => read(appliesWhen)).toThrow(message);
    expect(() => read(appliesWhen)).toThrow(/item 'watermark-audit'/);
  });
});
