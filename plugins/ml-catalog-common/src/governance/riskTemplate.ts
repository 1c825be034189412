import {
  getRiskQuestion,
  RISK_QUESTION_SECTIONS,
  RISK_QUESTIONS,
  type RiskCondition,
  type RiskQuestion,
} from './riskQuestionnaire';

/**
 * A condition in words, for the form: "only if ...".
 *
 * @public
 */
export function describeRiskCondition(condition: RiskCondition): string {
  if ('allOf' in condition) {
    return condition.allOf.map(describeRiskCondition).join(' and ');
  }
  if ('anyOf' in condition) {
    return condition.anyOf.map(describeRiskCondition).join(' or ');
  }
  if ('not' in condition) {
    const inner = condition.not;
    if ('question' in inner && 'equals' in inner) {
      const q = getRiskQuestion(inner.question)!;
      return inner.equals === true
        ? `you answered no to ${q.article}`
        : `you chose something other than "${inner.equals}" for ${q.article}`;
    }
    return `not (${describeRiskCondition(inner)})`;
  }
  const q = getRiskQuestion(condition.question)!;
  if ('equals' in condition) {
    return condition.equals === true
      ? `you answered yes to ${q.article}`
      : `you chose "${condition.equals}" for ${q.article}`;
  }
  if ('includes' in condition) {
    const option = q.options?.find(o => o.value === condition.includes);
    return `you ticked ${option?.article ?? condition.includes}`;
  }
  return `you ticked anything in ${q.article}`;
}

function parameterOf(question: RiskQuestion): Record<string, unknown> {
  const notes = [
    question.article,
    question.askedWhen
      ? `Counts only if ${describeRiskCondition(question.askedWhen)}.`
      : undefined,
    question.help,
  ].filter(Boolean);
  const base = {
    title: question.text,
    description: notes.join(' · '),
  };
  const labels = (question.options ?? []).map(o =>
    o.article ? `${o.article}: ${o.label}` : o.label,
  );
  const values = (question.options ?? []).map(o => o.value);
  switch (question.type) {
    case 'boolean':
      return { ...base, type: 'boolean', default: false };
    case 'choice':
      return {
        ...base,
        type: 'string',
        default: values[0],
        enum: values,
        enumNames: labels,
      };
    case 'multi-choice':
      return {
        ...base,
        type: 'array',
        uniqueItems: true,
        default: [],
        items: { type: 'string', enum: values, enumNames: labels },
        'ui:widget': 'checkboxes',
      };
    default:
      return { ...base, type: 'string', 'ui:widget': 'textarea' };
  }
}

/**
 * The risk questionnaire as scaffolder template parameters: one page per section, one
 * property per question, named by the question id. The "New ML model" template holds
 * exactly these pages (a test compares them), so template and questionnaire cannot drift.
 *
 * @public
 */
export function riskTemplateParameters(): Array<Record<string, unknown>> {
  return RISK_QUESTION_SECTIONS.map(section => ({
    title: section.title,
    description: section.description,
    properties: Object.fromEntries(
      RISK_QUESTIONS.filter(q => q.section === section.id).map(q => [
        q.id,
        parameterOf(q),
      ]),
    ),
  }));
}

/**
 * The input of the template's `lab2live:risk:assess` step: every question passed on
 * from the parameter of the same name.
 *
 * @public
 */
export function riskTemplateStepInput(): Record<string, string> {
  return Object.fromEntries(
    RISK_QUESTIONS.map(q => [q.id, `\${{ parameters.${q.id} }}`]),
  );
}

function answerSchema(question: RiskQuestion): Record<string, unknown> {
  const description = `${question.article}: ${question.text}`;
  const values = (question.options ?? []).map(o => o.value);
  switch (question.type) {
    case 'boolean':
      return { type: 'boolean', description, examples: [true, false] };
    case 'choice':
      return {
        type: 'string',
        enum: values,
        description,
        examples: [values[values.length - 1]],
      };
    case 'multi-choice':
      return {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', enum: values },
        description,
        examples: [[values[0]]],
      };
    default:
      return {
        type: 'string',
        minLength: 1,
        description,
        examples: ['Only converts uploaded CVs to text; it ranks nothing.'],
      };
  }
}

const articleField = {
  type: 'string',
  minLength: 1,
  description: 'The provision of the EU AI Act (or the GDPR) it comes from.',
  examples: ['Annex III, point 5(b)', 'Art. 50(1)'],
};

/**
 * The JSON Schema of `spec.governance.riskAssessment` in the MLModel schema, derived
 * from the questionnaire (one answer field per question). The MLModel schema holds
 * exactly this (a test compares them).
 *
 * @public
 */
export function riskAssessmentSchema(): Record<string, unknown> {
  return {
    type: 'object',
    description:
      "The EU AI Act risk questionnaire's answers and result, as lab2live:risk:assess records them. spec.governance.riskTier may be stricter than this tier (a company's own classification), never lower.",
    examples: [
      {
        questionnaireVersion: '2',
        answers: { interactsWithPeople: true },
        tier: 'limited',
        reasons: [
          {
            rule: 'tier',
            article: 'Art. 50',
            text: 'Limited risk: Art. 50 transparency duties apply',
          },
        ],
        transparencyDuties: [
          {
            id: 'interaction',
            article: 'Art. 50(1)',
            text: 'People are told they interact with an AI system',
          },
        ],
        generalPurposeAI: {
          generalPurpose: false,
          systemicRisk: false,
          openSourceExemption: false,
        },
      },
    ],
    additionalProperties: false,
    required: ['questionnaireVersion', 'answers', 'tier', 'reasons'],
    properties: {
      questionnaireVersion: {
        type: 'string',
        minLength: 1,
        description: 'The version of the questionnaire answered.',
        examples: ['2'],
      },
      answers: {
        type: 'object',
        description:
          'The answers to the questions asked, by question id (see docs/governance.md).',
        examples: [{ annexIII: ['4a-recruitment'], profilesPeople: true }],
        additionalProperties: false,
        properties: Object.fromEntries(
          RISK_QUESTIONS.map(q => [q.id, answerSchema(q)]),
        ),
      },
      tier: {
        type: 'string',
        enum: ['minimal', 'limited', 'high', 'prohibited'],
        description: 'The tier the EU AI Act gives these answers.',
        examples: ['high'],
      },
      reasons: {
        type: 'array',
        minItems: 1,
        description: 'Why, each reason with the provision it comes from.',
        examples: [
          [
            {
              rule: 'annex-iii-4a-recruitment',
              article: 'Annex III, point 4(a)',
              text: 'Recruitment or selection: a high-risk use',
            },
          ],
        ],
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['article', 'text'],
          properties: {
            rule: {
              type: 'string',
              description: 'The rule of the questionnaire that gave it.',
              examples: ['annex-iii-4a-recruitment', 'tier', 'derogation'],
            },
            article: articleField,
            text: {
              type: 'string',
              minLength: 1,
              description: 'The reason in words.',
              examples: ['Recruitment or selection: a high-risk use'],
            },
          },
        },
      },
      transparencyDuties: {
        type: 'array',
        minItems: 1,
        description:
          'The Art. 50 transparency duties that apply on top of the tier (left out when none do).',
        examples: [[{ id: 'interaction', article: 'Art. 50(1)' }]],
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'article'],
          properties: {
            id: {
              type: 'string',
              enum: [
                'interaction',
                'synthetic-content',
                'emotion-biometric-notice',
                'deep-fake',
                'public-interest-text',
              ],
              description: 'Which duty.',
              examples: ['interaction'],
            },
            article: articleField,
            text: {
              type: 'string',
              description: 'What the duty asks.',
              examples: ['People are told they interact with an AI system'],
            },
          },
        },
      },
      generalPurposeAI: {
        type: 'object',
        description:
          'General-purpose AI model flags: Art. 53, Art. 55 with systemic risk, the Art. 53(2) open-source exemption. Not a tier.',
        examples: [
          {
            generalPurpose: true,
            systemicRisk: false,
            openSourceExemption: true,
          },
        ],
        additionalProperties: false,
        properties: {
          generalPurpose: {
            type: 'boolean',
            description:
              'A general-purpose AI model (Art. 3(63)): Art. 53 applies.',
            examples: [true],
          },
          systemicRisk: {
            type: 'boolean',
            description:
              'With systemic risk (Art. 51: above 10^25 training FLOP or designated): Art. 55 applies.',
            examples: [false],
          },
          openSourceExemption: {
            type: 'boolean',
            description:
              'Free and open-source without systemic risk: Art. 53(1)(a) and (b) do not apply (Art. 53(2)).',
            examples: [true],
          },
        },
      },
      derogation: {
        type: 'object',
        description:
          'The Art. 6(3) condition relied on and its documented assessment (Art. 6(4)).',
        examples: [
          {
            condition: 'narrow-procedural-task',
            article: 'Art. 6(3)(a)',
            justification: 'Only converts uploaded CVs to text.',
          },
        ],
        additionalProperties: false,
        required: ['condition', 'justification'],
        properties: {
          condition: {
            type: 'string',
            description: 'The condition of Art. 6(3)(a)-(d).',
            examples: ['narrow-procedural-task'],
          },
          article: articleField,
          justification: {
            type: 'string',
            minLength: 1,
            description: 'Why the condition holds.',
            examples: ['Only converts uploaded CVs to text.'],
          },
        },
      },
      personalData: {
        type: 'boolean',
        description: 'Whether training or inference uses personal data.',
        examples: [true],
      },
    },
  };
}
