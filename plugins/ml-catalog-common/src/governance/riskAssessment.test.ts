import {
  assessRisk,
  RISK_RULES,
  RiskAnswers,
  RiskAnswersError,
  validateRiskAnswers,
} from './riskAssessment';
import {
  RISK_QUESTIONNAIRE_VERSION,
  RISK_QUESTIONS,
  getRiskQuestion,
} from './riskQuestionnaire';

const articlesOf = (answers: RiskAnswers) =>
  assessRisk(answers).reasons.map(r => r.article);

describe('the risk questionnaire definition', () => {
  it('names a provision for every question, option and outcome', () => {
    for (const q of RISK_QUESTIONS) {
      expect(q.article).toMatch(/Art\.|Annex|GDPR/);
      expect(q.text.length).toBeGreaterThan(10);
    }
    for (const o of getRiskQuestion('annexIII')!.options!) {
      expect(o.article).toMatch(/^Annex III, point [1-8]/);
    }
    for (const r of RISK_RULES) {
      expect(r.article).toMatch(/Art\.|Annex|GDPR/);
    }
  });

  it('has unique question ids and conditions that name earlier questions', () => {
    const named = (c: any): string[] => {
      if (c.allOf) return c.allOf.flatMap(named);
      if (c.anyOf) return c.anyOf.flatMap(named);
      if (c.not) return named(c.not);
      return [c.question];
    };
    const ids = RISK_QUESTIONS.map(q => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every condition names only questions asked before it.
    const late = RISK_QUESTIONS.flatMap((q, index) =>
      named(q.askedWhen ?? { allOf: [] })
        .filter(id => !ids.slice(0, index).includes(id))
        .map(id => `${q.id} -> ${id}`),
    );
    expect(late).toEqual([]);
  });

  it('covers Annex III points 1 to 8', () => {
    const points = getRiskQuestion('annexIII')!.options!.map(o =>
      o.value.charAt(0),
    );
    expect([...new Set(points)]).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
  });
});

describe('Art. 5: prohibited practices', () => {
  it.each([
    ['Art. 5(1)(a)', { manipulativeTechniques: true }],
    ['Art. 5(1)(b)', { exploitsVulnerabilities: true }],
    ['Art. 5(1)(c)', { socialScoring: true }],
    ['Art. 5(1)(d)', { crimeRiskProfiling: true }],
    ['Art. 5(1)(e)', { facialImageScraping: true }],
    ['Art. 5(1)(f)', { workplaceEmotionRecognition: true }],
    ['Art. 5(1)(g)', { sensitiveBiometricCategorisation: true }],
    ['Art. 5(1)(h)', { realTimeRemoteBiometricIdentification: true }],
    [
      'Art. 5(1)(h)',
      {
        realTimeRemoteBiometricIdentification: true,
        realTimeBiometricObjective: 'none',
      },
    ],
  ])('%s makes it prohibited (%j)', (article, answers) => {
    const result = assessRisk(answers);
    expect(result.tier).toBe('prohibited');
    expect(result.reasons[0]).toEqual(
      expect.objectContaining({ rule: 'tier', article: 'Art. 5(1)' }),
    );
    expect(result.reasons.map(r => r.article)).toContain(article);
  });

  it.each([
    [
      'Art. 5(1)(d): support of a human assessment on verifiable facts',
      { crimeRiskProfiling: true, crimeRiskSupportsHumanAssessment: true },
      'minimal',
      'Art. 5(1)(d)',
    ],
    [
      'Art. 5(1)(f): medical or safety reasons, then Annex III 1(c)',
      {
        workplaceEmotionRecognition: true,
        emotionRecognitionMedicalOrSafety: true,
      },
      'high',
      'Art. 5(1)(f)',
    ],
    [
      'Art. 5(1)(g): labelling lawfully acquired datasets, then Annex III 1(b)',
      {
        sensitiveBiometricCategorisation: true,
        biometricLabellingOrLawEnforcement: true,
      },
      'high',
      'Art. 5(1)(g)',
    ],
    [
      'Art. 5(1)(h)(i): victims and missing persons, then Annex III 1(a)',
      {
        realTimeRemoteBiometricIdentification: true,
        realTimeBiometricObjective: 'victims-missing-persons',
      },
      'high',
      'Art. 5(1)(h), Art. 5(2)-(7)',
    ],
    [
      'Art. 5(1)(h)(ii): imminent threat',
      {
        realTimeRemoteBiometricIdentification: true,
        realTimeBiometricObjective: 'imminent-threat',
      },
      'high',
      'Art. 5(1)(h), Art. 5(2)-(7)',
    ],
    [
      'Art. 5(1)(h)(iii): suspect of an Annex II offence',
      {
        realTimeRemoteBiometricIdentification: true,
        realTimeBiometricObjective: 'serious-crime-suspect',
      },
      'high',
      'Art. 5(1)(h), Art. 5(2)-(7)',
    ],
  ])('exception %s', (_name, answers, tier, article) => {
    const result = assessRisk(answers);
    expect(result.tier).toBe(tier);
    expect(result.reasons.map(r => r.article)).toContain(article);
    expect(result.reasons.some(r => r.rule.match(/^art-5-1-.$/))).toBe(false);
  });

  it('ignores an Art. 5(1)(h) objective when the system is not real-time RBI', () => {
    const result = assessRisk({
      realTimeRemoteBiometricIdentification: false,
      realTimeBiometricObjective: 'imminent-threat',
    });
    expect(result.tier).toBe('minimal');
    expect(result.answers).toEqual({
      realTimeRemoteBiometricIdentification: false,
    });
  });

  it('is prohibited even when it is also high risk or has Art. 50 duties', () => {
    const result = assessRisk({
      socialScoring: true,
      annexIII: ['5b-creditworthiness'],
      interactsWithPeople: true,
    });
    expect(result.tier).toBe('prohibited');
    expect(result.transparencyDuties.map(d => d.id)).toEqual(['interaction']);
  });
});

describe('Art. 6(1) with Annex I', () => {
  it.each([
    ['safety-component', 'medical-devices'],
    ['product', 'medical-devices'],
    ['safety-component', 'machinery'],
    ['safety-component', 'toys'],
    ['safety-component', 'lifts'],
    ['product', 'radio-equipment'],
    ['safety-component', 'vehicles'],
  ])(
    'a %s under %s legislation with third-party conformity assessment is high risk',
    (annexIProduct, annexILegislation) => {
      const result = assessRisk({
        annexIProduct,
        annexILegislation,
        annexIThirdPartyConformity: true,
      });
      expect(result.tier).toBe('high');
      expect(articlesOf(result.answers)).toContain('Art. 6(1), Annex I');
      expect(result.reasons[0].article).toBe('Art. 6');
    },
  );

  it('without a third-party conformity assessment it is not high risk (Art. 6(1)(b))', () => {
    const result = assessRisk({
      annexIProduct: 'safety-component',
      annexILegislation: 'machinery',
      annexIThirdPartyConformity: false,
    });
    expect(result.tier).toBe('minimal');
    expect(result.reasons.map(r => r.article)).toContain('Art. 6(1)(b)');
  });

  it('the Art. 6(3) derogation does not lift an Annex I classification', () => {
    const result = assessRisk({
      annexIProduct: 'product',
      annexILegislation: 'medical-devices',
      annexIThirdPartyConformity: true,
      annexIII: ['5d-emergency-calls'],
      derogationCondition: 'preparatory-task',
      derogationJustification: 'Only sorts calls for a dispatcher.',
    });
    expect(result.tier).toBe('high');
  });
});

describe('Annex III points, their scope and exceptions', () => {
  const points = getRiskQuestion('annexIII')!.options!;
  it.each(points.map(p => [p.article!, p.value]))(
    '%s (%s) is high risk',
    (article, value) => {
      const result = assessRisk({ annexIII: [value] });
      expect(result.tier).toBe('high');
      expect(result.reasons.map(r => r.article)).toContain(article);
    },
  );

  it.each([
    [
      'Annex III, point 1(a): biometric verification',
      '1a-remote-biometric-identification',
      'biometricVerificationOnly',
    ],
    [
      'Annex III, point 5(b): financial fraud detection',
      '5b-creditworthiness',
      'detectsFinancialFraudOnly',
    ],
    [
      'Annex III, point 5(c): insurance other than life and health',
      '5c-life-health-insurance',
      'otherInsuranceOnly',
    ],
    [
      'Annex III, point 7(d): travel document verification',
      '7d-border-identification',
      'travelDocumentVerificationOnly',
    ],
    [
      'Annex III, point 8(b): campaign logistics',
      '8b-elections',
      'campaignLogisticsOnly',
    ],
  ])('exception %s is not high risk', (_name, point, exception) => {
    const within = assessRisk({ annexIII: [point], [exception]: false });
    expect(within.tier).toBe('high');
    const excepted = assessRisk({ annexIII: [point], [exception]: true });
    expect(excepted.tier).toBe('minimal');
    expect(excepted.reasons).toContainEqual(
      expect.objectContaining({ rule: `annex-iii-${point}-exception` }),
    );
  });

  it('credit scoring is high risk; a fraud detector ticking 5(b) is not', () => {
    expect(
      assessRisk({ annexIII: ['5b-creditworthiness'], profilesPeople: true })
        .tier,
    ).toBe('high');
    expect(
      assessRisk({
        annexIII: ['5b-creditworthiness'],
        detectsFinancialFraudOnly: true,
        profilesPeople: true,
      }).tier,
    ).toBe('minimal');
  });

  it('an exception of one point leaves the other points standing', () => {
    const result = assessRisk({
      annexIII: ['5b-creditworthiness', '4a-recruitment'],
      detectsFinancialFraudOnly: true,
    });
    expect(result.tier).toBe('high');
    expect(result.reasons.map(r => r.article)).toEqual(
      expect.arrayContaining([
        'Annex III, point 4(a)',
        'Annex III, point 5(b)',
      ]),
    );
  });
});

describe('Art. 6(3) derogation', () => {
  const base = {
    annexIII: ['4a-recruitment'],
    derogationCondition: 'narrow-procedural-task',
    derogationJustification:
      'Only converts CVs to text; no ranking, scoring or filtering.',
  };

  it.each([
    ['narrow-procedural-task', 'Art. 6(3)(a)'],
    ['improves-human-activity', 'Art. 6(3)(b)'],
    ['detects-decision-patterns', 'Art. 6(3)(c)'],
    ['preparatory-task', 'Art. 6(3)(d)'],
  ])(
    'without profiling, %s makes it not high risk and records the assessment',
    (condition, article) => {
      const result = assessRisk({ ...base, derogationCondition: condition });
      expect(result.tier).toBe('minimal');
      expect(result.derogation).toEqual({
        condition,
        article,
        justification: base.derogationJustification,
      });
      expect(result.reasons).toContainEqual(
        expect.objectContaining({
          rule: 'derogation',
          article: `${article}, Art. 6(4)`,
          text: expect.stringContaining(base.derogationJustification),
        }),
      );
    },
  );

  it('never applies when the system profiles people', () => {
    const result = assessRisk({ ...base, profilesPeople: true });
    expect(result.tier).toBe('high');
    expect(result.derogation).toBeUndefined();
    expect(result.reasons).toContainEqual(
      expect.objectContaining({
        rule: 'derogation',
        article: 'Art. 6(3), third subparagraph',
      }),
    );
    // The derogation answers were not asked, so they are not recorded.
    expect(result.answers).toEqual({
      annexIII: ['4a-recruitment'],
      profilesPeople: true,
    });
  });

  it('needs the documented assessment (Art. 6(4)), naming the question', () => {
    expect(
      validateRiskAnswers({ ...base, derogationJustification: '  ' }),
    ).toEqual([
      {
        question: 'derogationJustification',
        message: expect.stringContaining('Art. 6(4)'),
      },
    ]);
    expect(() =>
      assessRisk({
        annexIII: ['4a-recruitment'],
        derogationCondition: 'preparatory-task',
      }),
    ).toThrow(/'derogationJustification' is required here/);
  });

  it('keeps Art. 50 duties when the derogation applies: limited', () => {
    const result = assessRisk({ ...base, interactsWithPeople: true });
    expect(result.tier).toBe('limited');
  });
});

describe('Art. 50 duties, on top of any tier', () => {
  it.each([
    ['interaction', 'Art. 50(1)', { interactsWithPeople: true }],
    ['synthetic-content', 'Art. 50(2)', { generatesSyntheticContent: true }],
    [
      'emotion-biometric-notice',
      'Art. 50(3)',
      { emotionOrBiometricCategorisation: true },
    ],
    ['deep-fake', 'Art. 50(4), first subparagraph', { deepFakes: true }],
    [
      'public-interest-text',
      'Art. 50(4), second subparagraph',
      { publicInterestText: true },
    ],
  ])('%s (%s) alone makes it limited risk', (duty, article, answers) => {
    const result = assessRisk(answers);
    expect(result.tier).toBe('limited');
    expect(result.transparencyDuties).toEqual([
      expect.objectContaining({ id: duty, article }),
    ]);
  });

  it('apply to a high-risk system too (Annex III with a chatbot that generates text)', () => {
    const result = assessRisk({
      annexIII: ['4a-recruitment'],
      interactsWithPeople: true,
      generatesSyntheticContent: true,
    });
    expect(result.tier).toBe('high');
    expect(result.transparencyDuties.map(d => d.id)).toEqual([
      'interaction',
      'synthetic-content',
    ]);
  });

  it('emotion recognition under Annex III 1(c) carries the Art. 50(3) duty', () => {
    const result = assessRisk({ annexIII: ['1c-emotion-recognition'] });
    expect(result.tier).toBe('high');
    expect(result.transparencyDuties.map(d => d.article)).toEqual([
      'Art. 50(3)',
    ]);
  });

  it('public-interest text under editorial control needs no disclosure', () => {
    const result = assessRisk({
      publicInterestText: true,
      publicTextEditorialControl: true,
    });
    expect(result.tier).toBe('minimal');
    expect(result.transparencyDuties).toEqual([]);
  });
});

describe('general-purpose AI models (Art. 53, Art. 55)', () => {
  it.each([
    [
      'a general-purpose model',
      { generalPurposeModel: true },
      { generalPurpose: true, systemicRisk: false, openSourceExemption: false },
      ['Art. 53(1)'],
    ],
    [
      'with training compute above 10^25 FLOP',
      { generalPurposeModel: true, trainingComputeAbove1e25: true },
      { generalPurpose: true, systemicRisk: true, openSourceExemption: false },
      ['Art. 53(1)', 'Art. 51, Art. 55(1)'],
    ],
    [
      'designated by the Commission',
      { generalPurposeModel: true, designatedSystemicRisk: true },
      { generalPurpose: true, systemicRisk: true, openSourceExemption: false },
      ['Art. 53(1)', 'Art. 51, Art. 55(1)'],
    ],
    [
      'open source without systemic risk',
      { generalPurposeModel: true, openSourceRelease: true },
      { generalPurpose: true, systemicRisk: false, openSourceExemption: true },
      ['Art. 53(1)', 'Art. 53(2)'],
    ],
    [
      'open source with systemic risk: no exemption',
      {
        generalPurposeModel: true,
        openSourceRelease: true,
        trainingComputeAbove1e25: true,
      },
      { generalPurpose: true, systemicRisk: true, openSourceExemption: false },
      ['Art. 53(1)', 'Art. 51, Art. 55(1)'],
    ],
    [
      'not a general-purpose model (compute answer ignored)',
      { generalPurposeModel: false, trainingComputeAbove1e25: true },
      {
        generalPurpose: false,
        systemicRisk: false,
        openSourceExemption: false,
      },
      [],
    ],
  ])('%s', (_name, answers, flags, articles) => {
    const result = assessRisk(answers);
    expect(result.generalPurposeAI).toEqual(flags);
    // A flag, not a tier.
    expect(result.tier).toBe('minimal');
    const gpaiArticles = result.reasons
      .filter(r => ['art-53', 'art-55', 'art-53-2'].includes(r.rule))
      .map(r => r.article);
    expect(gpaiArticles).toEqual(articles);
  });
});

describe('the recorded result', () => {
  it('records version, answers asked, tier, reasons with articles, duties and flags', () => {
    const result = assessRisk({
      annexIII: ['5b-creditworthiness'],
      profilesPeople: true,
      interactsWithPeople: true,
      usesPersonalData: true,
      detectsFinancialFraudOnly: false,
    });
    expect(result).toEqual({
      questionnaireVersion: RISK_QUESTIONNAIRE_VERSION,
      answers: {
        annexIII: ['5b-creditworthiness'],
        detectsFinancialFraudOnly: false,
        profilesPeople: true,
        interactsWithPeople: true,
        usesPersonalData: true,
      },
      tier: 'high',
      reasons: [
        expect.objectContaining({ rule: 'tier', article: 'Art. 6' }),
        expect.objectContaining({
          rule: 'annex-iii-5b-creditworthiness',
          article: 'Annex III, point 5(b)',
        }),
        expect.objectContaining({
          rule: 'derogation',
          article: 'Art. 6(3), third subparagraph',
        }),
        expect.objectContaining({ rule: 'gdpr', article: 'GDPR' }),
      ],
      transparencyDuties: [
        expect.objectContaining({ id: 'interaction', article: 'Art. 50(1)' }),
      ],
      generalPurposeAI: {
        generalPurpose: false,
        systemicRisk: false,
        openSourceExemption: false,
      },
      personalData: true,
    });
  });

  it('no answers: minimal, with the reason naming Arts. 5, 6 and 50', () => {
    expect(assessRisk({})).toMatchObject({
      tier: 'minimal',
      reasons: [{ rule: 'tier', article: 'Art. 5, Art. 6, Art. 50' }],
      answers: {},
    });
  });

  it.each([
    [{ socialScoring: 'yes' }, 'socialScoring', /must be true or false/],
    [{ annexIII: '5b' }, 'annexIII', /must be a list of/],
    [
      { annexIII: ['5z-credit'] },
      'annexIII',
      /"5z-credit", which is not one of/,
    ],
    [
      { annexIProduct: 'car' },
      'annexIProduct',
      /must be one of none, safety-component, product/,
    ],
    [{ annexIIIArea: 'biometrics' }, 'annexIIIArea', /is not a question/],
  ])('refuses %j naming the question', (answers, question, message) => {
    const problems = validateRiskAnswers(answers);
    expect(problems).toEqual([
      { question, message: expect.stringMatching(message) },
    ]);
    expect(() => assessRisk(answers as RiskAnswers)).toThrow(RiskAnswersError);
  });
});

describe('recorded answers', () => {
  it('leaves out an empty choice of several, so the record fits the MLModel schema', () => {
    // The template sends [] when no Annex III area is ticked; the schema wants a
    // recorded list to hold at least one item.
    const result = assessRisk({ annexIII: [], interactsWithPeople: false });
    expect(result.tier).toBe('minimal');
    expect(result.answers).not.toHaveProperty('annexIII');
    expect(result.answers).toHaveProperty('interactsWithPeople', false);
  });
});
