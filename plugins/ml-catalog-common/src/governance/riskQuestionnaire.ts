/**
 * The EU AI Act risk questionnaire (Regulation (EU) 2024/1689), defined once: the
 * template's parameters, the `lab2live:risk:assess` action, the backend's API and the
 * portal's pages all read it from here. Every question names the provision it comes
 * from; the wording is ours and summarises the Act, it does not quote it.
 */

/**
 * The version of {@link RISK_QUESTIONS} and the rules that read them. Raised whenever a
 * question, an option or an outcome changes meaning, so a recorded assessment says which
 * questionnaire it answered.
 *
 * @public
 */
export const RISK_QUESTIONNAIRE_VERSION = '2';

/**
 * When a question is asked (and its answer counts): a boolean or choice answer equals a
 * value, a multiple-choice answer includes one, or a combination.
 *
 * @public
 */
export type RiskCondition =
  | { question: string; equals: boolean | string }
  | { question: string; includes: string }
  | { question: string; includesAny: string[] }
  | { allOf: RiskCondition[] }
  | { anyOf: RiskCondition[] }
  | { not: RiskCondition };

/**
 * One option of a choice question.
 *
 * @public
 */
export interface RiskQuestionOption {
  value: string;
  label: string;
  /** The provision the option stands for, e.g. `Annex III, point 5(b)`. */
  article?: string;
}

/**
 * The parts of the questionnaire, in the order they are asked.
 *
 * @public
 */
export type RiskQuestionSectionId =
  | 'prohibited'
  | 'annex-i'
  | 'annex-iii'
  | 'derogation'
  | 'transparency'
  | 'general-purpose'
  | 'data';

/**
 * A part of the questionnaire (one page of the template).
 *
 * @public
 */
export interface RiskQuestionSection {
  id: RiskQuestionSectionId;
  title: string;
  article: string;
  description: string;
}

/**
 * One question of the risk questionnaire.
 *
 * @public
 */
export interface RiskQuestion {
  /** Stable identifier; also the template parameter and the action input. */
  id: string;
  section: RiskQuestionSectionId;
  /** The provision the question comes from. */
  article: string;
  /** The question, answered yes or no, by choosing, or in words. */
  text: string;
  /** Scope notes and exceptions, in a sentence or two. */
  help?: string;
  type: 'boolean' | 'choice' | 'multi-choice' | 'text';
  options?: RiskQuestionOption[];
  /** Asked only when this holds; otherwise its answer is ignored. */
  askedWhen?: RiskCondition;
  /** A text answer that must be given whenever the question is asked. */
  requiredWhenAsked?: boolean;
}

/**
 * The sections of the questionnaire.
 *
 * @public
 */
export const RISK_QUESTION_SECTIONS: readonly RiskQuestionSection[] = [
  {
    id: 'prohibited',
    title: 'Prohibited practices (EU AI Act Art. 5)',
    article: 'Art. 5(1)',
    description:
      'A system that serves one of these practices may not be placed on the market, put into service or used in the EU.',
  },
  {
    id: 'annex-i',
    title: 'Products under EU harmonisation law (Art. 6(1), Annex I)',
    article: 'Art. 6(1)',
    description:
      'High risk when the model is a safety component of a product, or is itself a product, covered by a law listed in Annex I that requires a third-party conformity assessment.',
  },
  {
    id: 'annex-iii',
    title: 'High-risk uses (Art. 6(2), Annex III)',
    article: 'Art. 6(2)',
    description:
      'The uses Annex III lists as high risk, with the exceptions written into the Annex.',
  },
  {
    id: 'derogation',
    title: 'Not high risk after all? (Art. 6(3))',
    article: 'Art. 6(3)',
    description:
      'An Annex III system is not high risk when it does not materially influence decisions, in one of four cases, and never when it profiles people. The provider documents this assessment (Art. 6(4)).',
  },
  {
    id: 'transparency',
    title: 'Transparency duties (Art. 50)',
    article: 'Art. 50',
    description:
      'These duties apply on top of whatever tier the model is in, high risk included.',
  },
  {
    id: 'general-purpose',
    title: 'General-purpose AI model (Art. 51-55)',
    article: 'Art. 53',
    description:
      'Obligations of the provider of a general-purpose AI model, and more for one with systemic risk. A separate flag, not a tier.',
  },
  {
    id: 'data',
    title: 'Personal data (GDPR)',
    article: 'Regulation (EU) 2016/679',
    description:
      'Not an AI Act question; the GDPR applies alongside it and decides the privacy items of the checklist.',
  },
];

/** Annex III points, as options of the `annexIII` question. */
const ANNEX_III_OPTIONS: RiskQuestionOption[] = [
  {
    value: '1a-remote-biometric-identification',
    article: 'Annex III, point 1(a)',
    label:
      'Remote biometric identification of people (not verification that a person is who they claim to be)',
  },
  {
    value: '1b-biometric-categorisation',
    article: 'Annex III, point 1(b)',
    label:
      'Biometric categorisation by sensitive or protected attributes inferred from biometric data',
  },
  {
    value: '1c-emotion-recognition',
    article: 'Annex III, point 1(c)',
    label: 'Emotion recognition',
  },
  {
    value: '2-critical-infrastructure',
    article: 'Annex III, point 2',
    label:
      'Safety component in managing or operating critical digital infrastructure, road traffic, or the supply of water, gas, heating or electricity',
  },
  {
    value: '3a-education-access',
    article: 'Annex III, point 3(a)',
    label:
      'Deciding access or admission to, or assigning people to, education and vocational training institutions',
  },
  {
    value: '3b-learning-outcomes',
    article: 'Annex III, point 3(b)',
    label:
      'Evaluating learning outcomes, including steering the learning process',
  },
  {
    value: '3c-education-level',
    article: 'Annex III, point 3(c)',
    label:
      'Assessing the level of education a person will receive or be able to access',
  },
  {
    value: '3d-test-proctoring',
    article: 'Annex III, point 3(d)',
    label: 'Monitoring and detecting prohibited behaviour of students in tests',
  },
  {
    value: '4a-recruitment',
    article: 'Annex III, point 4(a)',
    label:
      'Recruitment or selection: targeted job ads, filtering applications, evaluating candidates',
  },
  {
    value: '4b-work-decisions',
    article: 'Annex III, point 4(b)',
    label:
      'Decisions on terms of work, promotion or termination, allocating tasks from behaviour or traits, monitoring and evaluating workers',
  },
  {
    value: '5a-public-benefits',
    article: 'Annex III, point 5(a)',
    label:
      'Public authorities evaluating eligibility for essential public assistance benefits and services (healthcare included), or granting, reducing, revoking or reclaiming them',
  },
  {
    value: '5b-creditworthiness',
    article: 'Annex III, point 5(b)',
    label:
      'Evaluating the creditworthiness of people or establishing their credit score (not systems used to detect financial fraud)',
  },
  {
    value: '5c-life-health-insurance',
    article: 'Annex III, point 5(c)',
    label:
      'Risk assessment and pricing for people in life and health insurance (no other insurance)',
  },
  {
    value: '5d-emergency-calls',
    article: 'Annex III, point 5(d)',
    label:
      'Evaluating and classifying emergency calls, dispatching or prioritising emergency first response (police, firefighters, medical aid), or emergency healthcare patient triage',
  },
  {
    value: '6a-victim-risk',
    article: 'Annex III, point 6(a)',
    label:
      'For law enforcement: assessing the risk of a person becoming the victim of a criminal offence',
  },
  {
    value: '6b-polygraph',
    article: 'Annex III, point 6(b)',
    label: 'For law enforcement: polygraphs and similar tools',
  },
  {
    value: '6c-evidence-reliability',
    article: 'Annex III, point 6(c)',
    label:
      'For law enforcement: evaluating the reliability of evidence in investigating or prosecuting offences',
  },
  {
    value: '6d-offending-risk',
    article: 'Annex III, point 6(d)',
    label:
      'For law enforcement: assessing the risk of a person offending or re-offending not solely by profiling, or assessing personality traits or past criminal behaviour',
  },
  {
    value: '6e-criminal-profiling',
    article: 'Annex III, point 6(e)',
    label:
      'For law enforcement: profiling people in detecting, investigating or prosecuting criminal offences',
  },
  {
    value: '7a-migration-polygraph',
    article: 'Annex III, point 7(a)',
    label:
      'For migration, asylum or border authorities: polygraphs and similar tools',
  },
  {
    value: '7b-migration-risk',
    article: 'Annex III, point 7(b)',
    label:
      'For migration, asylum or border authorities: assessing a security, irregular-migration or health risk posed by a person entering or who has entered',
  },
  {
    value: '7c-asylum-visa-applications',
    article: 'Annex III, point 7(c)',
    label:
      'For migration, asylum or border authorities: examining applications for asylum, visas or residence permits and related complaints, including the reliability of evidence',
  },
  {
    value: '7d-border-identification',
    article: 'Annex III, point 7(d)',
    label:
      'For migration, asylum or border authorities: detecting, recognising or identifying people (not verifying travel documents)',
  },
  {
    value: '8a-justice',
    article: 'Annex III, point 8(a)',
    label:
      'Assisting a judicial authority (or alternative dispute resolution) in researching and interpreting facts and the law and applying the law to facts',
  },
  {
    value: '8b-elections',
    article: 'Annex III, point 8(b)',
    label:
      'Influencing the outcome of an election or referendum or the voting behaviour of people (not tools whose output people are not directly exposed to, such as campaign logistics)',
  },
];

const selected = (value: string): RiskCondition => ({
  question: 'annexIII',
  includes: value,
});
const yes = (question: string): RiskCondition => ({ question, equals: true });
const anyAnnexIII: RiskCondition = {
  question: 'annexIII',
  includesAny: ANNEX_III_OPTIONS.map(o => o.value),
};

/**
 * The questions, in the order they are asked.
 *
 * @public
 */
export const RISK_QUESTIONS: readonly RiskQuestion[] = [
  // ------------------------------------------------------------ Art. 5(1)
  {
    id: 'manipulativeTechniques',
    section: 'prohibited',
    article: 'Art. 5(1)(a)',
    type: 'boolean',
    text: 'Does it use subliminal, purposefully manipulative or deceptive techniques that materially distort how people behave, impairing their informed decisions in a way that causes, or is reasonably likely to cause, significant harm?',
  },
  {
    id: 'exploitsVulnerabilities',
    section: 'prohibited',
    article: 'Art. 5(1)(b)',
    type: 'boolean',
    text: "Does it exploit people's vulnerabilities due to age, disability or a specific social or economic situation to materially distort their behaviour in a way that causes, or is reasonably likely to cause, significant harm?",
  },
  {
    id: 'socialScoring',
    section: 'prohibited',
    article: 'Art. 5(1)(c)',
    type: 'boolean',
    text: 'Does it evaluate or classify people over time by their social behaviour or personal characteristics, with the score leading to detrimental treatment in unrelated contexts, or treatment unjustified or disproportionate to their behaviour?',
  },
  {
    id: 'crimeRiskProfiling',
    section: 'prohibited',
    article: 'Art. 5(1)(d)',
    type: 'boolean',
    text: 'Does it assess or predict the risk of a person committing a criminal offence based solely on profiling or on assessing their personality traits and characteristics?',
  },
  {
    id: 'crimeRiskSupportsHumanAssessment',
    section: 'prohibited',
    article: 'Art. 5(1)(d)',
    type: 'boolean',
    askedWhen: yes('crimeRiskProfiling'),
    text: "Does it only support a person's assessment of someone's involvement in a criminal activity that is already based on objective and verifiable facts directly linked to that activity?",
    help: 'The exception Art. 5(1)(d) makes: such a system is not prohibited; used by or for law enforcement it is high risk under Annex III, point 6(d).',
  },
  {
    id: 'facialImageScraping',
    section: 'prohibited',
    article: 'Art. 5(1)(e)',
    type: 'boolean',
    text: 'Does it create or expand facial recognition databases through untargeted scraping of facial images from the internet or CCTV footage?',
  },
  {
    id: 'workplaceEmotionRecognition',
    section: 'prohibited',
    article: 'Art. 5(1)(f)',
    type: 'boolean',
    text: 'Does it infer the emotions of people in the workplace or in education institutions?',
  },
  {
    id: 'emotionRecognitionMedicalOrSafety',
    section: 'prohibited',
    article: 'Art. 5(1)(f)',
    type: 'boolean',
    askedWhen: yes('workplaceEmotionRecognition'),
    text: 'Is it intended to be used for medical or safety reasons?',
    help: 'The exception Art. 5(1)(f) makes: such a system is not prohibited (emotion recognition stays high risk under Annex III, point 1(c)).',
  },
  {
    id: 'sensitiveBiometricCategorisation',
    section: 'prohibited',
    article: 'Art. 5(1)(g)',
    type: 'boolean',
    text: 'Does it categorise individual people from their biometric data to deduce or infer their race, political opinions, trade union membership, religious or philosophical beliefs, sex life or sexual orientation?',
  },
  {
    id: 'biometricLabellingOrLawEnforcement',
    section: 'prohibited',
    article: 'Art. 5(1)(g)',
    type: 'boolean',
    askedWhen: yes('sensitiveBiometricCategorisation'),
    text: 'Does it only label or filter lawfully acquired biometric datasets (such as images), or categorise biometric data in the area of law enforcement?',
    help: 'The exception Art. 5(1)(g) makes: such a system is not prohibited (biometric categorisation stays high risk under Annex III, point 1(b)).',
  },
  {
    id: 'realTimeRemoteBiometricIdentification',
    section: 'prohibited',
    article: 'Art. 5(1)(h)',
    type: 'boolean',
    text: "Is it used for 'real-time' remote biometric identification of people in publicly accessible spaces for the purposes of law enforcement?",
  },
  {
    id: 'realTimeBiometricObjective',
    section: 'prohibited',
    article: 'Art. 5(1)(h)',
    type: 'choice',
    askedWhen: yes('realTimeRemoteBiometricIdentification'),
    text: 'Is its use strictly necessary for one of these objectives?',
    help: 'Only these three objectives allow the use, and then only under Art. 5(2)-(7): prior authorisation by a judicial or independent administrative authority, a fundamental rights impact assessment, registration and notification.',
    options: [
      { value: 'none', label: 'None of these' },
      {
        value: 'victims-missing-persons',
        article: 'Art. 5(1)(h)(i)',
        label:
          'Targeted search for specific victims of abduction, trafficking in human beings or sexual exploitation, or for missing persons',
      },
      {
        value: 'imminent-threat',
        article: 'Art. 5(1)(h)(ii)',
        label:
          'Preventing a specific, substantial and imminent threat to life or physical safety, or a genuine and present or foreseeable threat of a terrorist attack',
      },
      {
        value: 'serious-crime-suspect',
        article: 'Art. 5(1)(h)(iii)',
        label:
          'Locating or identifying a suspect of an offence listed in Annex II punishable by a custodial sentence of at least four years, for investigation, prosecution or executing a penalty',
      },
    ],
  },
  // ------------------------------------------------------------ Art. 6(1), Annex I
  {
    id: 'annexIProduct',
    section: 'annex-i',
    article: 'Art. 6(1)(a)',
    type: 'choice',
    text: 'Is the model a safety component of a product, or itself a product, covered by EU harmonisation legislation listed in Annex I?',
    options: [
      { value: 'none', label: 'Neither' },
      {
        value: 'safety-component',
        article: 'Art. 6(1)(a)',
        label: 'A safety component of such a product',
      },
      {
        value: 'product',
        article: 'Art. 6(1)(a)',
        label: 'The product itself',
      },
    ],
  },
  {
    id: 'annexILegislation',
    section: 'annex-i',
    article: 'Annex I',
    type: 'choice',
    askedWhen: {
      not: { question: 'annexIProduct', equals: 'none' },
    },
    text: 'Which legislation of Annex I covers the product?',
    options: [
      {
        value: 'machinery',
        article: 'Annex I, Section A, point 1',
        label: 'Machinery',
      },
      {
        value: 'toys',
        article: 'Annex I, Section A, point 2',
        label: 'Safety of toys',
      },
      {
        value: 'recreational-craft',
        article: 'Annex I, Section A, point 3',
        label: 'Recreational craft and personal watercraft',
      },
      {
        value: 'lifts',
        article: 'Annex I, Section A, point 4',
        label: 'Lifts and their safety components',
      },
      {
        value: 'atex',
        article: 'Annex I, Section A, point 5',
        label: 'Equipment for potentially explosive atmospheres',
      },
      {
        value: 'radio-equipment',
        article: 'Annex I, Section A, point 6',
        label: 'Radio equipment',
      },
      {
        value: 'pressure-equipment',
        article: 'Annex I, Section A, point 7',
        label: 'Pressure equipment',
      },
      {
        value: 'cableways',
        article: 'Annex I, Section A, point 8',
        label: 'Cableway installations',
      },
      {
        value: 'ppe',
        article: 'Annex I, Section A, point 9',
        label: 'Personal protective equipment',
      },
      {
        value: 'gas-appliances',
        article: 'Annex I, Section A, point 10',
        label: 'Appliances burning gaseous fuels',
      },
      {
        value: 'medical-devices',
        article: 'Annex I, Section A, point 11',
        label: 'Medical devices',
      },
      {
        value: 'ivd-medical-devices',
        article: 'Annex I, Section A, point 12',
        label: 'In vitro diagnostic medical devices',
      },
      {
        value: 'civil-aviation',
        article: 'Annex I, Section B, points 13 and 20',
        label: 'Civil aviation (security, unmanned aircraft)',
      },
      {
        value: 'vehicles',
        article: 'Annex I, Section B, points 14, 15 and 19',
        label:
          'Vehicles: two- or three-wheel vehicles and quadricycles, agricultural and forestry vehicles, motor vehicles and their trailers',
      },
      {
        value: 'marine-equipment',
        article: 'Annex I, Section B, point 16',
        label: 'Marine equipment',
      },
      {
        value: 'rail',
        article: 'Annex I, Section B, point 17',
        label: 'Interoperability of the rail system',
      },
    ],
  },
  {
    id: 'annexIThirdPartyConformity',
    section: 'annex-i',
    article: 'Art. 6(1)(b)',
    type: 'boolean',
    askedWhen: {
      not: { question: 'annexIProduct', equals: 'none' },
    },
    text: 'Must that product (or the model as the product) undergo a third-party conformity assessment under that legislation before it is placed on the market or put into service?',
  },
  // ------------------------------------------------------------ Annex III
  {
    id: 'annexIII',
    section: 'annex-iii',
    article: 'Art. 6(2), Annex III',
    type: 'multi-choice',
    text: 'Is it intended to be used for any of these? (tick every one that applies)',
    help: 'Points 1, 6 and 7 count only in so far as Union or national law permits the use.',
    options: ANNEX_III_OPTIONS,
  },
  {
    id: 'biometricVerificationOnly',
    section: 'annex-iii',
    article: 'Annex III, point 1(a)',
    type: 'boolean',
    askedWhen: selected('1a-remote-biometric-identification'),
    text: 'Is its sole purpose to confirm that a specific person is who they claim to be (biometric verification)?',
    help: 'Annex III, point 1(a) excludes biometric verification.',
  },
  {
    id: 'detectsFinancialFraudOnly',
    section: 'annex-iii',
    article: 'Annex III, point 5(b)',
    type: 'boolean',
    askedWhen: selected('5b-creditworthiness'),
    text: 'Is it used to detect financial fraud (rather than to assess creditworthiness)?',
    help: 'Annex III, point 5(b) excludes systems used to detect financial fraud.',
  },
  {
    id: 'otherInsuranceOnly',
    section: 'annex-iii',
    article: 'Annex III, point 5(c)',
    type: 'boolean',
    askedWhen: selected('5c-life-health-insurance'),
    text: 'Is the insurance in fact another line than life or health insurance (motor, home, travel, liability)?',
    help: 'Annex III, point 5(c) covers life and health insurance only; risk assessment and pricing for other insurance is not in Annex III.',
  },
  {
    id: 'travelDocumentVerificationOnly',
    section: 'annex-iii',
    article: 'Annex III, point 7(d)',
    type: 'boolean',
    askedWhen: selected('7d-border-identification'),
    text: 'Does it only verify travel documents?',
    help: 'Annex III, point 7(d) excludes the verification of travel documents.',
  },
  {
    id: 'campaignLogisticsOnly',
    section: 'annex-iii',
    article: 'Annex III, point 8(b)',
    type: 'boolean',
    askedWhen: selected('8b-elections'),
    text: 'Is it only a tool whose output people are not directly exposed to, such as one that organises, optimises or structures political campaigns administratively or logistically?',
    help: 'Annex III, point 8(b) excludes such tools.',
  },
  // ------------------------------------------------------------ Art. 6(3)
  {
    id: 'profilesPeople',
    section: 'derogation',
    article: 'Art. 6(3), third subparagraph',
    type: 'boolean',
    text: 'Does it profile people: evaluate personal aspects such as work performance, economic situation, health, preferences, interests, reliability, behaviour, location or movements by automated processing of personal data?',
    help: 'Profiling as defined in Art. 4(4) GDPR. An Annex III system that profiles people is always high risk.',
  },
  {
    id: 'derogationCondition',
    section: 'derogation',
    article: 'Art. 6(3)',
    type: 'choice',
    askedWhen: {
      allOf: [anyAnnexIII, { not: yes('profilesPeople') }],
    },
    text: 'Does its Annex III use pose no significant risk of harm to health, safety or fundamental rights, because it does not materially influence the outcome of decisions and it only does one of these?',
    help: 'Only for Annex III uses, never when it profiles people; the provider documents the assessment before placing it on the market (Art. 6(4)) and still registers it (Art. 49(2)).',
    options: [
      { value: 'none', label: 'None of these: it stays high risk' },
      {
        value: 'narrow-procedural-task',
        article: 'Art. 6(3)(a)',
        label: 'It performs a narrow procedural task',
      },
      {
        value: 'improves-human-activity',
        article: 'Art. 6(3)(b)',
        label:
          'It improves the result of a previously completed human activity',
      },
      {
        value: 'detects-decision-patterns',
        article: 'Art. 6(3)(c)',
        label:
          'It detects decision-making patterns or deviations from prior patterns, without replacing or influencing the completed human assessment without proper human review',
      },
      {
        value: 'preparatory-task',
        article: 'Art. 6(3)(d)',
        label:
          'It performs a preparatory task to an assessment relevant for the Annex III use',
      },
    ],
  },
  {
    id: 'derogationJustification',
    section: 'derogation',
    article: 'Art. 6(4)',
    type: 'text',
    requiredWhenAsked: true,
    askedWhen: {
      allOf: [
        anyAnnexIII,
        { not: yes('profilesPeople') },
        {
          not: { question: 'derogationCondition', equals: 'none' },
        },
      ],
    },
    text: "Why does the condition hold? The provider's documented assessment, kept for the authorities.",
  },
  // ------------------------------------------------------------ Art. 50
  {
    id: 'interactsWithPeople',
    section: 'transparency',
    article: 'Art. 50(1)',
    type: 'boolean',
    text: 'Is it intended to interact directly with people (chat, voice, an agent acting on their behalf)?',
    help: 'People must be told they interact with an AI system, unless that is obvious to a reasonably well-informed person from the context.',
  },
  {
    id: 'generatesSyntheticContent',
    section: 'transparency',
    article: 'Art. 50(2)',
    type: 'boolean',
    text: 'Does it generate synthetic audio, image, video or text content?',
    help: 'Its outputs must be marked in a machine-readable format and be detectable as artificially generated (not for assistive standard editing that does not substantially alter the input).',
  },
  {
    id: 'emotionOrBiometricCategorisation',
    section: 'transparency',
    article: 'Art. 50(3)',
    type: 'boolean',
    text: 'Is it an emotion recognition or a biometric categorisation system?',
    help: 'The deployer informs the people exposed to it and processes their personal data under the GDPR. Also follows from Annex III, points 1(b) and 1(c).',
  },
  {
    id: 'deepFakes',
    section: 'transparency',
    article: 'Art. 50(4), first subparagraph',
    type: 'boolean',
    text: 'Does it generate or manipulate image, audio or video content that is a deep fake (resembles existing people, objects, places or events and would falsely appear authentic)?',
  },
  {
    id: 'publicInterestText',
    section: 'transparency',
    article: 'Art. 50(4), second subparagraph',
    type: 'boolean',
    text: 'Does it generate or manipulate text published to inform the public on matters of public interest?',
  },
  {
    id: 'publicTextEditorialControl',
    section: 'transparency',
    article: 'Art. 50(4), second subparagraph',
    type: 'boolean',
    askedWhen: yes('publicInterestText'),
    text: 'Does the text undergo human review or editorial control, with a person or organisation holding editorial responsibility for its publication?',
    help: 'Then the disclosure is not required.',
  },
  // ------------------------------------------------------------ GPAI
  {
    id: 'generalPurposeModel',
    section: 'general-purpose',
    article: 'Art. 3(63), Art. 53',
    type: 'boolean',
    text: 'Is it a general-purpose AI model: trained on a large amount of data (typically with self-supervision at scale), displaying significant generality and able to perform a wide range of distinct tasks, so that it can be integrated into a variety of downstream systems?',
  },
  {
    id: 'trainingComputeAbove1e25',
    section: 'general-purpose',
    article: 'Art. 51(2)',
    type: 'boolean',
    askedWhen: yes('generalPurposeModel'),
    text: 'Was the cumulative compute used for its training greater than 10^25 floating-point operations?',
    help: 'Such a model is presumed to have high-impact capabilities, hence systemic risk.',
  },
  {
    id: 'designatedSystemicRisk',
    section: 'general-purpose',
    article: 'Art. 51(1)(b)',
    type: 'boolean',
    askedWhen: yes('generalPurposeModel'),
    text: 'Has the Commission designated it as a general-purpose AI model with systemic risk?',
  },
  {
    id: 'openSourceRelease',
    section: 'general-purpose',
    article: 'Art. 53(2)',
    type: 'boolean',
    askedWhen: yes('generalPurposeModel'),
    text: 'Is it released under a free and open-source licence that allows access, use, modification and distribution, with its parameters, architecture and usage information made public?',
    help: 'Then Art. 53(1)(a) and (b) do not apply, unless the model has systemic risk.',
  },
  // ------------------------------------------------------------ GDPR
  {
    id: 'usesPersonalData',
    section: 'data',
    article: 'GDPR, Art. 4(1)',
    type: 'boolean',
    text: 'Does training or inference use personal data?',
  },
];

const QUESTIONS_BY_ID = new Map(RISK_QUESTIONS.map(q => [q.id, q]));

/**
 * A question by its id.
 *
 * @public
 */
export function getRiskQuestion(id: string): RiskQuestion | undefined {
  return QUESTIONS_BY_ID.get(id);
}
