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
