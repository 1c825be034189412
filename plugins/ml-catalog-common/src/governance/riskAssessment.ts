import type { RiskTier } from '../kinds/MLModelEntityV1alpha1';

/**
 * The areas of EU AI Act Annex III, where a model is high risk.
 *
 * @public
 */
export const ANNEX_III_AREAS = {
  none: 'None of these',
  biometrics: 'Biometric identification or categorisation',
  'critical-infrastructure': 'Safety component of critical infrastructure',
  education: 'Education and vocational training (admission, grading)',
  employment: 'Employment and management of workers',
  'essential-services':
    'Access to essential services (credit scoring, benefits, insurance pricing)',
  'law-enforcement': 'Law enforcement',
  'migration-border': 'Migration, asylum and border control',
  'justice-democracy': 'Administration of justice and democratic processes',
} as const;

/**
 * The practices EU AI Act Article 5 prohibits.
 *
 * @public
 */
export const PROHIBITED_PRACTICES = {
  none: 'None of these',
  manipulation: 'Manipulative or deceptive techniques that distort behaviour',
  'exploiting-vulnerabilities':
    'Exploiting vulnerabilities of age, disability or social situation',
  'social-scoring': 'Social scoring of people',
  'predictive-policing':
    'Predicting crimes by individuals from profiling alone',
  'face-scraping': 'Untargeted scraping of facial images',
  'emotion-recognition': 'Emotion recognition at work or in education',
  'biometric-categorisation':
    'Biometric categorisation by sensitive characteristics',
} as const;

/**
 * Answers to the short risk questionnaire.
 *
 * @public
 */
export interface RiskQuestionnaire {
  annexIIIArea?: keyof typeof ANNEX_III_AREAS;
  prohibitedPractice?: keyof typeof PROHIBITED_PRACTICES;
  /** Does the model profile natural persons (evaluate or predict aspects of them)? */
  profilesPeople?: boolean;
  /** Do people interact with the model directly (chat, voice)? */
  interactsWithPeople?: boolean;
  /** Does it generate text, images, audio or video? */
  generatesContent?: boolean;
  /** Does training or inference use personal data? */
  usesPersonalData?: boolean;
}

/**
 * The risk tier a questionnaire leads to, with the reasons in plain words.
 *
 * @public
 */
export interface RiskAssessment {
  riskTier: RiskTier;
  reasons: string[];
}

/**
 * Derives the EU AI Act risk tier of a model from the questionnaire: a prohibited
 * practice is prohibited (Article 5); an Annex III area is high risk (Article 6(2));
 * direct interaction with people or generated content is limited risk (Article 50's
 * transparency duties); anything else is minimal. Personal data does not change the
 * tier but adds a reason, since GDPR applies alongside.
 *
 * @public
 */
export function assessRiskTier(answers: RiskQuestionnaire): RiskAssessment {
  const reasons: string[] = [];
  let riskTier: RiskTier;
  const practice = answers.prohibitedPractice ?? 'none';
  const area = answers.annexIIIArea ?? 'none';
  if (practice !== 'none') {
    riskTier = 'prohibited';
    reasons.push(
      `Article 5 prohibits this practice: ${PROHIBITED_PRACTICES[practice]}`,
    );
  } else if (area !== 'none') {
    riskTier = 'high';
    reasons.push(`Annex III area (Article 6(2)): ${ANNEX_III_AREAS[area]}`);
    if (answers.profilesPeople) {
      reasons.push(
        'It profiles people, so the Article 6(3) exemption for narrow or preparatory tasks does not apply',
      );
    }
  } else if (answers.interactsWithPeople || answers.generatesContent) {
    riskTier = 'limited';
    if (answers.interactsWithPeople) {
      reasons.push(
        'People interact with it directly: Article 50 requires telling them it is an AI system',
      );
    }
    if (answers.generatesContent) {
      reasons.push(
        'It generates content: Article 50 requires marking the output as AI-generated',
      );
    }
  } else {
    riskTier = 'minimal';
    reasons.push(
      'No prohibited practice, no Annex III area, no direct interaction with people and no generated content',
    );
  }
  if (answers.usesPersonalData) {
    reasons.push(
      'It uses personal data: GDPR applies as well (a data protection impact assessment when it profiles people)',
    );
  }
  return { riskTier, reasons };
}
