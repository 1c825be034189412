import type { RiskTier } from '../kinds/MLModelEntityV1alpha1';
import {
  getRiskQuestion,
  RISK_QUESTIONNAIRE_VERSION,
  RISK_QUESTIONS,
  type RiskCondition,
  type RiskQuestion,
} from './riskQuestionnaire';

/**
 * An answer to one question: yes or no, a chosen option, the options ticked, or words.
 *
 * @public
 */
export type RiskAnswer = boolean | string | string[];

/**
 * Answers by question id ({@link RISK_QUESTIONS}).
 *
 * @public
 */
export type RiskAnswers = Record<string, RiskAnswer | undefined>;

/**
 * The Art. 50 transparency duties.
 *
 * @public
 */
export type TransparencyDutyId =
  | 'interaction'
  | 'synthetic-content'
  | 'emotion-biometric-notice'
  | 'deep-fake'
  | 'public-interest-text';

/**
 * What a rule of the questionnaire decides when it holds.
 *
 * @public
 */
export type RiskRuleEffect =
  | { kind: 'prohibited' }
  | { kind: 'annex-i' }
  /** An Annex III point applies (high risk unless the Art. 6(3) derogation holds). */
  | { kind: 'annex-iii'; point: string }
  /** An exception of the Act applied: recorded as a reason, changes nothing else. */
  | { kind: 'exception' }
  | { kind: 'transparency'; duty: TransparencyDutyId }
  | { kind: 'general-purpose' }
  | { kind: 'systemic-risk' }
  | { kind: 'open-source-exemption' }
  | { kind: 'note' };

/**
 * One outcome of the questionnaire: when it holds, what it decides, and why, with the
 * provision it comes from.
 *
 * @public
 */
export interface RiskRule {
  id: string;
  article: string;
  when: RiskCondition;
  effect: RiskRuleEffect;
  text: string;
}

/**
 * One reason of an assessment, naming its provision.
 *
 * @public
 */
export type RiskReason = {
  /** The rule that gave it (see {@link RISK_RULES}), or `tier`/`derogation`. */
  rule: string;
  article: string;
  text: string;
};

/**
 * An Art. 50 duty that applies, whatever the tier.
 *
 * @public
 */
export type TransparencyDuty = {
  id: TransparencyDutyId;
  article: string;
  text: string;
};

/**
 * The general-purpose AI model flags (Art. 51-55): obligations of their own, not a tier.
 *
 * @public
 */
export type GeneralPurposeAiFlags = {
  /** A general-purpose AI model: Art. 53 applies. */
  generalPurpose: boolean;
  /** With systemic risk (Art. 51): Art. 55 applies as well. */
  systemicRisk: boolean;
  /** Free and open-source without systemic risk: Art. 53(1)(a) and (b) do not apply (Art. 53(2)). */
  openSourceExemption: boolean;
};

/**
 * The Art. 6(3) derogation the provider relies on, with its documented assessment.
 *
 * @public
 */
export type RiskDerogation = {
  condition: string;
  article: string;
  justification: string;
};

/**
 * The result of the questionnaire, as recorded on the model
 * (`spec.governance.riskAssessment`).
 *
 * @public
 */
export interface RiskAssessment {
  questionnaireVersion: string;
  /** The answers to the questions that were asked (others are left out). */
  answers: RiskAnswers;
  tier: RiskTier;
  reasons: RiskReason[];
  transparencyDuties: TransparencyDuty[];
  generalPurposeAI: GeneralPurposeAiFlags;
  derogation?: RiskDerogation;
  personalData: boolean;
}

/**
 * A problem with an answer, naming the question.
 *
 * @public
 */
export interface RiskAnswerProblem {
  question: string;
  message: string;
}

/**
 * Thrown by {@link assessRisk} for answers that do not fit the questionnaire. Named
 * `InputError`, as Backstage identifies errors by name, so a route or a scaffolder
 * action that lets it through answers 400 with the message naming each question.
 *
 * @public
 */
export class RiskAnswersError extends Error {
  constructor(readonly problems: RiskAnswerProblem[]) {
    super(
      `The risk questionnaire answers are not valid: ${problems
        .map(p => `'${p.question}' ${p.message}`)
        .join('; ')}`,
    );
    this.name = 'InputError';
  }
}

const yes = (question: string): RiskCondition => ({ question, equals: true });
const no = (question: string): RiskCondition => ({ not: yes(question) });
const ticked = (point: string): RiskCondition => ({
  question: 'annexIII',
  includes: point,
});

/** An Annex III point, high risk unless its exception question says otherwise. */
function annexIIIRule(
  point: string,
  exception?: { question: string; text: string },
): RiskRule[] {
  const option = getRiskQuestion('annexIII')!.options!.find(
    o => o.value === point,
  )!;
  const rules: RiskRule[] = [
    {
      id: `annex-iii-${point}`,
      article: option.article!,
      when: exception
        ? { allOf: [ticked(point), no(exception.question)] }
        : ticked(point),
      effect: { kind: 'annex-iii', point },
      text: `${option.label}: a high-risk use listed in ${option.article} (Art. 6(2))`,
    },
  ];
  if (exception) {
    rules.push({
      id: `annex-iii-${point}-exception`,
      article: option.article!,
      when: { allOf: [ticked(point), yes(exception.question)] },
      effect: { kind: 'exception' },
      text: exception.text,
    });
  }
  return rules;
}

const ANNEX_III_EXCEPTIONS: Record<string, { question: string; text: string }> =
  {
    '1a-remote-biometric-identification': {
      question: 'biometricVerificationOnly',
      text: 'Biometric verification (confirming a person is who they claim to be) is excluded from Annex III, point 1(a)',
    },
    '5b-creditworthiness': {
      question: 'detectsFinancialFraudOnly',
      text: 'Systems used to detect financial fraud are excluded from Annex III, point 5(b)',
    },
    '5c-life-health-insurance': {
      question: 'otherInsuranceOnly',
      text: 'Annex III, point 5(c) covers life and health insurance only; other insurance is not a high-risk use',
    },
    '7d-border-identification': {
      question: 'travelDocumentVerificationOnly',
      text: 'Verifying travel documents is excluded from Annex III, point 7(d)',
    },
    '8b-elections': {
      question: 'campaignLogisticsOnly',
      text: 'Tools whose output people are not directly exposed to (campaign administration and logistics) are excluded from Annex III, point 8(b)',
    },
  };

const prohibited = (
  id: string,
  article: string,
  when: RiskCondition,
  text: string,
): RiskRule => ({ id, article, when, effect: { kind: 'prohibited' }, text });

const coveredByAnnexI: RiskCondition = {
  not: { question: 'annexIProduct', equals: 'none' },
};

const realTimeBiometricExempt: RiskCondition = {
  allOf: [
    yes('realTimeRemoteBiometricIdentification'),
    { not: { question: 'realTimeBiometricObjective', equals: 'none' } },
  ],
};

/**
 * The outcomes of the questionnaire, each with its provision. The tier follows from
 * the rules that hold: any `prohibited` rule makes it prohibited; otherwise an Annex I
 * rule, or an Annex III rule without the Art. 6(3) derogation, makes it high; otherwise
 * an Art. 50 duty makes it limited; otherwise it is minimal. Art. 50 duties and the
 * general-purpose flags are recorded whatever the tier.
 *
 * @public
 */
export const RISK_RULES: readonly RiskRule[] = [
  prohibited(
    'art-5-1-a',
    'Art. 5(1)(a)',
    yes('manipulativeTechniques'),
    'Subliminal, manipulative or deceptive techniques that materially distort behaviour and cause significant harm are prohibited',
  ),
  prohibited(
    'art-5-1-b',
    'Art. 5(1)(b)',
    yes('exploitsVulnerabilities'),
    'Exploiting vulnerabilities of age, disability or a social or economic situation to distort behaviour is prohibited',
  ),
  prohibited(
    'art-5-1-c',
    'Art. 5(1)(c)',
    yes('socialScoring'),
    'Social scoring leading to detrimental or disproportionate treatment is prohibited',
  ),
  prohibited(
    'art-5-1-d',
    'Art. 5(1)(d)',
    {
      allOf: [
        yes('crimeRiskProfiling'),
        no('crimeRiskSupportsHumanAssessment'),
      ],
    },
    'Predicting the risk of a person committing a crime solely from profiling or personality traits is prohibited',
  ),
  {
    id: 'art-5-1-d-exception',
    article: 'Art. 5(1)(d)',
    when: {
      allOf: [
        yes('crimeRiskProfiling'),
        yes('crimeRiskSupportsHumanAssessment'),
      ],
    },
    effect: { kind: 'exception' },
    text: 'Not prohibited: it supports a human assessment already based on objective and verifiable facts linked to a criminal activity (check Annex III, point 6 for law enforcement use)',
  },
  prohibited(
    'art-5-1-e',
    'Art. 5(1)(e)',
    yes('facialImageScraping'),
    'Building facial recognition databases by untargeted scraping of facial images is prohibited',
  ),
  prohibited(
    'art-5-1-f',
    'Art. 5(1)(f)',
    {
      allOf: [
        yes('workplaceEmotionRecognition'),
        no('emotionRecognitionMedicalOrSafety'),
      ],
    },
    'Inferring emotions in the workplace or in education institutions is prohibited',
  ),
  {
    id: 'art-5-1-f-exception',
    article: 'Art. 5(1)(f)',
    when: {
      allOf: [
        yes('workplaceEmotionRecognition'),
        yes('emotionRecognitionMedicalOrSafety'),
      ],
    },
    effect: { kind: 'annex-iii', point: '1c-emotion-recognition' },
    text: 'Not prohibited, being for medical or safety reasons; emotion recognition is a high-risk use under Annex III, point 1(c)',
  },
  prohibited(
    'art-5-1-g',
    'Art. 5(1)(g)',
    {
      allOf: [
        yes('sensitiveBiometricCategorisation'),
        no('biometricLabellingOrLawEnforcement'),
      ],
    },
    'Biometric categorisation to infer race, political opinions, trade union membership, beliefs, sex life or sexual orientation is prohibited',
  ),
  {
    id: 'art-5-1-g-exception',
    article: 'Art. 5(1)(g)',
    when: {
      allOf: [
        yes('sensitiveBiometricCategorisation'),
        yes('biometricLabellingOrLawEnforcement'),
      ],
    },
    effect: { kind: 'annex-iii', point: '1b-biometric-categorisation' },
    text: 'Not prohibited, labelling or filtering lawfully acquired datasets or categorising in law enforcement; biometric categorisation by sensitive attributes is a high-risk use under Annex III, point 1(b)',
  },
  prohibited(
    'art-5-1-h',
    'Art. 5(1)(h)',
    {
      allOf: [
        yes('realTimeRemoteBiometricIdentification'),
        { question: 'realTimeBiometricObjective', equals: 'none' },
      ],
    },
    "'Real-time' remote biometric identification in publicly accessible spaces for law enforcement is prohibited outside the three objectives of Art. 5(1)(h)",
  ),
  {
    id: 'art-5-1-h-exception',
    article: 'Art. 5(1)(h), Art. 5(2)-(7)',
    when: realTimeBiometricExempt,
    effect: { kind: 'annex-iii', point: '1a-remote-biometric-identification' },
    text: 'Allowed only for the objective named, where strictly necessary, with prior authorisation by a judicial or independent administrative authority, a fundamental rights impact assessment and registration (Art. 5(2)-(7)); remote biometric identification is a high-risk use under Annex III, point 1(a)',
  },
  {
    id: 'art-6-1',
    article: 'Art. 6(1), Annex I',
    when: {
      allOf: [coveredByAnnexI, yes('annexIThirdPartyConformity')],
    },
    effect: { kind: 'annex-i' },
    text: 'A safety component of a product, or a product, under Union harmonisation legislation listed in Annex I that requires a third-party conformity assessment is high risk',
  },
  {
    id: 'art-6-1-no-third-party',
    article: 'Art. 6(1)(b)',
    when: {
      allOf: [coveredByAnnexI, no('annexIThirdPartyConformity')],
    },
    effect: { kind: 'exception' },
    text: 'Covered by Annex I legislation but without a third-party conformity assessment: not high risk under Art. 6(1)',
  },
  ...(getRiskQuestion('annexIII')!.options ?? []).flatMap(o =>
    annexIIIRule(o.value, ANNEX_III_EXCEPTIONS[o.value]),
  ),
  {
    id: 'art-50-1',
    article: 'Art. 50(1)',
    when: yes('interactsWithPeople'),
    effect: { kind: 'transparency', duty: 'interaction' },
    text: 'People who interact with it are told they are interacting with an AI system, unless obvious from the context',
  },
  {
    id: 'art-50-2',
    article: 'Art. 50(2)',
    when: yes('generatesSyntheticContent'),
    effect: { kind: 'transparency', duty: 'synthetic-content' },
    text: 'Synthetic audio, image, video or text output is marked in a machine-readable format and detectable as artificially generated',
  },
  {
    id: 'art-50-3',
    article: 'Art. 50(3)',
    when: {
      anyOf: [
        yes('emotionOrBiometricCategorisation'),
        ticked('1b-biometric-categorisation'),
        ticked('1c-emotion-recognition'),
        {
          allOf: [
            yes('workplaceEmotionRecognition'),
            yes('emotionRecognitionMedicalOrSafety'),
          ],
        },
        {
          allOf: [
            yes('sensitiveBiometricCategorisation'),
            yes('biometricLabellingOrLawEnforcement'),
          ],
        },
      ],
    },
    effect: { kind: 'transparency', duty: 'emotion-biometric-notice' },
    text: 'People exposed to emotion recognition or biometric categorisation are informed of its operation',
  },
  {
    id: 'art-50-4-deep-fake',
    article: 'Art. 50(4), first subparagraph',
    when: yes('deepFakes'),
    effect: { kind: 'transparency', duty: 'deep-fake' },
    text: 'Deep fake image, audio or video content is disclosed as artificially generated or manipulated',
  },
  {
    id: 'art-50-4-text',
    article: 'Art. 50(4), second subparagraph',
    when: {
      allOf: [yes('publicInterestText'), no('publicTextEditorialControl')],
    },
    effect: { kind: 'transparency', duty: 'public-interest-text' },
    text: 'Text published to inform the public on matters of public interest is disclosed as artificially generated or manipulated',
  },
  {
    id: 'art-50-4-text-exception',
    article: 'Art. 50(4), second subparagraph',
    when: {
      allOf: [yes('publicInterestText'), yes('publicTextEditorialControl')],
    },
    effect: { kind: 'exception' },
    text: 'No disclosure needed for public-interest text under human review or editorial control with editorial responsibility',
  },
  {
    id: 'art-53',
    article: 'Art. 53(1)',
    when: yes('generalPurposeModel'),
    effect: { kind: 'general-purpose' },
    text: 'A general-purpose AI model: technical documentation (a), information for downstream providers (b), a copyright policy (c) and a public summary of the training content (d)',
  },
  {
    id: 'art-55',
    article: 'Art. 51, Art. 55(1)',
    when: {
      allOf: [
        yes('generalPurposeModel'),
        {
          anyOf: [
            yes('trainingComputeAbove1e25'),
            yes('designatedSystemicRisk'),
          ],
        },
      ],
    },
    effect: { kind: 'systemic-risk' },
    text: 'With systemic risk (training compute above 10^25 FLOP, Art. 51(2), or designated by the Commission, Art. 51(1)(b)): model evaluation with adversarial testing, assessing and mitigating systemic risks, reporting serious incidents, and cybersecurity protection',
  },
  {
    id: 'art-53-2',
    article: 'Art. 53(2)',
    when: {
      allOf: [
        yes('generalPurposeModel'),
        yes('openSourceRelease'),
        no('trainingComputeAbove1e25'),
        no('designatedSystemicRisk'),
      ],
    },
    effect: { kind: 'open-source-exemption' },
    text: 'Released under a free and open-source licence with public parameters and no systemic risk: Art. 53(1)(a) and (b) do not apply; the copyright policy and the training content summary still do',
  },
  {
    id: 'gdpr',
    article: 'GDPR',
    when: yes('usesPersonalData'),
    effect: { kind: 'note' },
    text: 'It uses personal data: the GDPR applies as well (a data protection impact assessment when it profiles people)',
  },
];

const DEROGATION_ARTICLES: Record<string, string> = {
  'narrow-procedural-task': 'Art. 6(3)(a)',
  'improves-human-activity': 'Art. 6(3)(b)',
  'detects-decision-patterns': 'Art. 6(3)(c)',
  'preparatory-task': 'Art. 6(3)(d)',
};

/** The answer a question has when none was given: no, `none`, nothing ticked. */
function answerOf(question: RiskQuestion, answers: RiskAnswers): RiskAnswer {
  const given = answers[question.id];
  if (given !== undefined) return given;
  switch (question.type) {
    case 'boolean':
      return false;
    case 'multi-choice':
      return [];
    case 'choice':
      return 'none';
    default:
      return '';
  }
}

/**
 * Whether a condition holds for the answers (unanswered questions count as no, `none`
 * or nothing ticked).
 *
 * @public
 */
export function riskConditionHolds(
  condition: RiskCondition,
  answers: RiskAnswers,
): boolean {
  if ('allOf' in condition) {
    return condition.allOf.every(c => riskConditionHolds(c, answers));
  }
  if ('anyOf' in condition) {
    return condition.anyOf.some(c => riskConditionHolds(c, answers));
  }
  if ('not' in condition) return !riskConditionHolds(condition.not, answers);
  const question = getRiskQuestion(condition.question);
  if (!question) {
    throw new Error(
      `Risk condition names unknown question '${condition.question}'`,
    );
  }
  const answer = answerOf(question, answers);
  if ('equals' in condition) return answer === condition.equals;
  const list = Array.isArray(answer) ? answer : [];
  if ('includes' in condition) return list.includes(condition.includes);
  return condition.includesAny.some(v => list.includes(v));
}

/**
 * Whether a question is asked, given the answers so far.
 *
 * @public
 */
export function isRiskQuestionAsked(
  question: RiskQuestion,
  answers: RiskAnswers,
): boolean {
  return !question.askedWhen || riskConditionHolds(question.askedWhen, answers);
}

/**
 * The answers to the questions that are asked, in order: an answer to a question whose
 * condition does not hold is left out (and does not count), and so is an empty choice
 * of several ("none of these" says nothing more than no answer, and records as such).
 */
function askedAnswers(answers: RiskAnswers): RiskAnswers {
  const asked: RiskAnswers = {};
  for (const question of RISK_QUESTIONS) {
    const value = answers[question.id];
    if (
      value !== undefined &&
      value !== null &&
      !(Array.isArray(value) && value.length === 0) &&
      isRiskQuestionAsked(question, asked)
    ) {
      asked[question.id] = value;
    }
  }
  return asked;
}

/**
 * Checks answers against the questionnaire: unknown questions, answers of the wrong
 * type or outside the options, and required text left empty. Each problem names the
 * question.
 *
 * @public
 */
export function validateRiskAnswers(answers: unknown): RiskAnswerProblem[] {
  if (
    typeof answers !== 'object' ||
    answers === null ||
    Array.isArray(answers)
  ) {
    return [{ question: '(answers)', message: 'must be an object' }];
  }
  const problems: RiskAnswerProblem[] = [];
  const given = answers as Record<string, unknown>;
  for (const [id, value] of Object.entries(given)) {
    const question = getRiskQuestion(id);
    if (!question) {
      problems.push({
        question: id,
        message: `is not a question of the risk questionnaire (version ${RISK_QUESTIONNAIRE_VERSION})`,
      });
      continue;
    }
    if (value === undefined || value === null) continue;
    const values = (question.options ?? []).map(o => o.value);
    if (question.type === 'boolean' && typeof value !== 'boolean') {
      problems.push({
        question: id,
        message: `must be true or false (${
          question.article
        }), not ${JSON.stringify(value)}`,
      });
    } else if (question.type === 'text' && typeof value !== 'string') {
      problems.push({ question: id, message: 'must be text' });
    } else if (
      question.type === 'choice' &&
      (typeof value !== 'string' || !values.includes(value))
    ) {
      problems.push({
        question: id,
        message: `must be one of ${values.join(', ')} (${
          question.article
        }), not ${JSON.stringify(value)}`,
      });
    } else if (question.type === 'multi-choice') {
      if (!Array.isArray(value)) {
        problems.push({
          question: id,
          message: `must be a list of ${values.join(', ')}`,
        });
      } else {
        for (const v of value) {
          if (typeof v !== 'string' || !values.includes(v)) {
            problems.push({
              question: id,
              message: `has ${JSON.stringify(
                v,
              )}, which is not one of ${values.join(', ')} (${
                question.article
              })`,
            });
          }
        }
      }
    }
  }
  if (problems.length > 0) return problems;
  const asked = askedAnswers(given as RiskAnswers);
  for (const question of RISK_QUESTIONS) {
    if (
      question.requiredWhenAsked &&
      isRiskQuestionAsked(question, asked) &&
      String(given[question.id] ?? '').trim() === ''
    ) {
      problems.push({
        question: question.id,
        message: `is required here: ${question.text} (${question.article})`,
      });
    }
  }
  return problems;
}

const TIER_TEXT: Record<RiskTier, { article: string; text: string }> = {
  prohibited: {
    article: 'Art. 5(1)',
    text: 'Prohibited: it may not be placed on the market, put into service or used in the EU',
  },
  high: {
    article: 'Art. 6',
    text: 'High risk: the requirements of Arts. 8-15 and the provider obligations of Art. 16 apply',
  },
  limited: {
    article: 'Art. 50',
    text: 'Limited risk: no prohibited practice and not high risk, but Art. 50 transparency duties apply',
  },
  minimal: {
    article: 'Art. 5, Art. 6, Art. 50',
    text: 'Minimal risk: no prohibited practice (Art. 5), not high risk (Art. 6, Annexes I and III), no transparency duty (Art. 50)',
  },
};

/**
 * Assesses a model under the EU AI Act from the questionnaire's answers: the tier with
 * its reasons, the Art. 50 duties that apply on top of it, the general-purpose AI model
 * flags, the Art. 6(3) derogation relied on, and the questionnaire version. Throws
 * {@link RiskAnswersError} for answers that do not fit the questionnaire.
 *
 * @public
 */
export function assessRisk(answers: RiskAnswers): RiskAssessment {
  const problems = validateRiskAnswers(answers);
  if (problems.length > 0) throw new RiskAnswersError(problems);

  const asked = askedAnswers(answers);

  const fired = RISK_RULES.filter(r => riskConditionHolds(r.when, asked));
  const reasonOf = (r: RiskRule): RiskReason => ({
    rule: r.id,
    article: r.article,
    text: r.text,
  });
  const reasons: RiskReason[] = [];
  const isProhibited = fired.some(r => r.effect.kind === 'prohibited');
  const annexI = fired.some(r => r.effect.kind === 'annex-i');
  const annexIII = fired.filter(r => r.effect.kind === 'annex-iii');
  const transparencyDuties: TransparencyDuty[] = fired.flatMap(r =>
    r.effect.kind === 'transparency'
      ? [{ id: r.effect.duty, article: r.article, text: r.text }]
      : [],
  );

  let derogation: RiskDerogation | undefined;
  let annexIIIHigh = annexIII.length > 0;
  if (annexIIIHigh) {
    const condition = answerOf(getRiskQuestion('derogationCondition')!, asked);
    if (asked.profilesPeople === true) {
      reasons.push({
        rule: 'derogation',
        article: 'Art. 6(3), third subparagraph',
        text: 'It profiles people, so the Art. 6(3) derogation never applies: the Annex III use is high risk',
      });
    } else if (condition !== 'none' && typeof condition === 'string') {
      derogation = {
        condition,
        article: DEROGATION_ARTICLES[condition],
        justification: String(asked.derogationJustification).trim(),
      };
      annexIIIHigh = false;
      reasons.push({
        rule: 'derogation',
        article: `${DEROGATION_ARTICLES[condition]}, Art. 6(4)`,
        text: `Not high risk despite the Annex III use: ${
          getRiskQuestion('derogationCondition')!.options!.find(
            o => o.value === condition,
          )!.label
        }, without materially influencing decisions. Documented assessment: ${
          derogation.justification
        }. It is still registered (Art. 49(2)) and the assessment is given to the authorities on request`,
      });
    }
  }

  let tier: RiskTier;
  if (isProhibited) tier = 'prohibited';
  else if (annexI || annexIIIHigh) tier = 'high';
  else if (transparencyDuties.length > 0) tier = 'limited';
  else tier = 'minimal';

  const order: RiskRuleEffect['kind'][] = [
    'prohibited',
    'annex-i',
    'annex-iii',
    'exception',
    'general-purpose',
    'systemic-risk',
    'open-source-exemption',
    'note',
  ];
  const ruleReasons = fired
    .filter(r => r.effect.kind !== 'transparency')
    .sort((a, b) => order.indexOf(a.effect.kind) - order.indexOf(b.effect.kind))
    .map(reasonOf);
  return {
    questionnaireVersion: RISK_QUESTIONNAIRE_VERSION,
    answers: asked,
    tier,
    reasons: [
      { rule: 'tier', ...TIER_TEXT[tier] },
      ...ruleReasons.filter(r => !r.rule.startsWith('gdpr')),
      ...reasons,
      ...ruleReasons.filter(r => r.rule.startsWith('gdpr')),
    ],
    transparencyDuties,
    generalPurposeAI: {
      generalPurpose: fired.some(r => r.effect.kind === 'general-purpose'),
      systemicRisk: fired.some(r => r.effect.kind === 'systemic-risk'),
      openSourceExemption: fired.some(
        r => r.effect.kind === 'open-source-exemption',
      ),
    },
    ...(derogation ? { derogation } : {}),
    personalData: asked.usesPersonalData === true,
  };
}

/**
 * One line per reason, `article: text`, for logs and plain text.
 *
 * @public
 */
export function formatRiskReason(reason: { article: string; text: string }) {
  return `${reason.article}: ${reason.text}`;
}

/**
 * An assessment as kept on a model (`spec.governance.riskAssessment`): empty lists are
 * left out, and hand-written records may leave out what follows from the answers.
 *
 * @public
 */
export type RecordedRiskAssessment = {
  questionnaireVersion: string;
  answers: RiskAnswers;
  tier: RiskTier;
  reasons: Array<{ rule?: string; article: string; text: string }>;
  transparencyDuties?: Array<{
    id: TransparencyDutyId;
    article: string;
    text?: string;
  }>;
  generalPurposeAI?: Partial<GeneralPurposeAiFlags>;
  derogation?: RiskDerogation;
  personalData?: boolean;
};

/**
 * The form of an assessment to keep on a model: what the MLModel schema accepts.
 *
 * @public
 */
export function toRecordedRiskAssessment(
  assessment: RiskAssessment,
): RecordedRiskAssessment {
  const { transparencyDuties, ...rest } = assessment;
  return {
    ...rest,
    ...(transparencyDuties.length > 0 ? { transparencyDuties } : {}),
  };
}

/**
 * What governance needs to know of a model's EU AI Act position, from
 * `spec.governance`: the tier applied (`riskTier`, which a company may set stricter than
 * the assessment), the assessed tier, the Art. 50 duties (undefined when no assessment
 * is recorded), the general-purpose AI flags and whether the Art. 6(3) derogation is
 * relied on.
 *
 * @public
 */
export interface ModelRiskProfile {
  tier: RiskTier;
  assessedTier?: RiskTier;
  transparencyDuties?: TransparencyDutyId[];
  generalPurposeAI: GeneralPurposeAiFlags;
  derogation: boolean;
}

/**
 * The {@link ModelRiskProfile} of a model's `spec.governance`.
 *
 * @public
 */
export function riskProfileOf(
  governance:
    | { riskTier?: RiskTier; riskAssessment?: RecordedRiskAssessment }
    | undefined,
): ModelRiskProfile {
  const recorded = governance?.riskAssessment;
  const flags = recorded?.generalPurposeAI;
  return {
    tier: governance?.riskTier ?? recorded?.tier ?? 'minimal',
    ...(recorded ? { assessedTier: recorded.tier } : {}),
    ...(recorded
      ? {
          transparencyDuties: (recorded.transparencyDuties ?? []).map(
            d => d.id,
          ),
        }
      : {}),
    generalPurposeAI: {
      generalPurpose: flags?.generalPurpose === true,
      systemicRisk: flags?.systemicRisk === true,
      openSourceExemption: flags?.openSourceExemption === true,
    },
    derogation: recorded?.derogation !== undefined,
  };
}
