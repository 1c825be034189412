import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  type ChecklistItemCondition,
  type ChecklistItemDefinition,
  type ModelRiskProfile,
  type RiskTier,
  riskProfileOf,
} from '@lab2live/plugin-ml-catalog-common';

type Item = ChecklistItemDefinition;

const item = (
  id: string,
  minimumTier: Item['minimumTier'],
  source: string,
  title: string,
  description: string,
  check?: string,
): Item => ({
  id,
  minimumTier,
  source,
  title,
  description,
  mode: check ? 'automated' : 'attestation',
  ...(check ? { check } : {}),
});

/** An item that applies by the model's EU AI Act assessment rather than its tier. */
const when = (
  appliesWhen: ChecklistItemCondition,
  id: string,
  source: string,
  title: string,
  description: string,
): Item => ({
  ...item(id, 'minimal', source, title, description),
  appliesWhen,
});

/**
 * The default checklist: model-card essentials and the ML Test Score for every model,
 * privacy from limited risk, the high-risk requirements of EU AI Act Arts. 9-15, the
 * Art. 50 transparency duties wherever they apply, and the general-purpose AI model
 * obligations (Art. 53, Art. 55) for such models. Every item names its source.
 */
export const DEFAULT_CHECKLIST: readonly Item[] = [
  item(
    'owner-version-license',
    'minimal',
    'Model Cards 4.1',
    'Owner, version and license recorded',
    'spec.owner, spec.version and spec.license are set.',
    'owner-version-license',
  ),
  item(
    'intended-use',
    'minimal',
    'Model Cards 4.2',
    'Intended and out-of-scope use documented',
    'spec.intendedUse states the primary uses and what the model must not be used for.',
    'intended-use',
  ),
  item(
    'datasets-linked',
    'minimal',
    'Model Cards 4.5/4.6; Datasheets',
    'Training and evaluation datasets linked, with versions',
    'spec.datasets names at least one training and one evaluation dataset, each with the version used, and each is in the catalog.',
    'datasets-linked',
  ),
  item(
    'spec-reviewed',
    'minimal',
    'ML Test Score, Model 1',
    'Model spec reviewed and checked in',
    'The model specification (features, hyperparameters) is under version control and was reviewed.',
  ),
  item(
    'baseline-beaten',
    'minimal',
    'ML Test Score, Model 5',
    'A simpler baseline was compared and beaten',
    'The model was compared with a simpler baseline (a heuristic or a linear model) and is better where it matters.',
  ),
  item(
    'reproducible-training',
    'minimal',
    'ML Test Score, Infra 1',
    'Training is reproducible',
    'Training the same code on the same data gives an equivalent model.',
  ),
  item(
    'quality-gate',
    'minimal',
    'ML Test Score, Infra 4',
    'Automated quality gate before serving',
    'A pipeline step checks model quality and blocks serving a model that regresses.',
  ),
  item(
    'rollback-tested',
    'minimal',
    'ML Test Score, Infra 7',
    'Quick, safe rollback tested',
    'Rolling back to the previous version was practised and is quick.',
  ),
  item(
    'sla-linked',
    'minimal',
    'SRE SLOs; ML Test Score, Monitor 4',
    'SLA with latency, availability and model-age objectives linked',
    'An SLA in the catalog covers the model with latency, availability and model-age objectives.',
    'sla-objectives',
  ),
  item(
    'skew-monitored',
    'minimal',
    'ML Test Score, Monitor 2/3',
    'Training/serving skew and input invariants monitored',
    'Serving inputs are checked against the training data schema and distribution.',
  ),
  when(
    { transparencyDuty: 'interaction' },
    'ai-disclosure',
    'EU AI Act Art. 50(1)',
    'People are told they interact with an AI system',
    'People who interact with the system are told so, in a clear way, at the latest at their first interaction, unless it is obvious from the context.',
  ),
  when(
    { transparencyDuty: 'synthetic-content' },
    'synthetic-content-marking',
    'EU AI Act Art. 50(2)',
    'Generated content is marked as AI-generated, machine-readably',
    'Synthetic audio, image, video or text output carries a machine-readable marking (watermark, metadata) that makes it detectable as artificially generated.',
  ),
  when(
    { transparencyDuty: 'emotion-biometric-notice' },
    'emotion-biometric-notice',
    'EU AI Act Art. 50(3)',
    'People exposed to emotion recognition or biometric categorisation are informed',
    'Deployers inform the people exposed of the operation of the system and process their personal data under the GDPR.',
  ),
  when(
    { transparencyDuty: 'deep-fake' },
    'deep-fake-disclosure',
    'EU AI Act Art. 50(4)',
    'Deep fakes are disclosed as artificially generated or manipulated',
    'Image, audio or video content that is a deep fake is disclosed as artificially generated or manipulated.',
  ),
  when(
    { transparencyDuty: 'public-interest-text' },
    'public-text-disclosure',
    'EU AI Act Art. 50(4)',
    'Generated text on matters of public interest is disclosed as such',
    'Text published to inform the public on matters of public interest is disclosed as artificially generated or manipulated, unless a person holds editorial responsibility for it.',
  ),
  item(
    'personal-data-declared',
    'limited',
    'ML Test Score, Data 5; Datasheets',
    'Personal data declared and privacy controls in the pipeline',
    'The model and every linked dataset declare whether they hold personal data.',
    'personal-data-declared',
  ),
  item(
    'risk-register',
    'high',
    'EU AI Act Art. 9',
    'Risk management system: risks, foreseeable misuse and accepted residual risk',
    'A risk management process runs through the lifecycle: known and foreseeable risks, including reasonably foreseeable misuse, are identified, mitigated and tested, and the residual risk is accepted.',
  ),
  item(
    'data-governance',
    'high',
    'EU AI Act Art. 10',
    'Data and data governance: provenance, labelling, bias examination',
    'Training, validation and test data have documented provenance, collection and labelling, are relevant and representative, and were examined for possible biases.',
  ),
  item(
    'slice-quality',
    'high',
    'Model Cards 4.7; ML Test Score, Model 6/7',
    'Quality on important slices and inclusion tested',
    'Quality is measured on the important slices of the population, not only overall.',
  ),
  item(
    'technical-documentation',
    'high',
    'EU AI Act Art. 11, Annex IV',
    'Technical documentation (Annex IV) complete',
    'The technical documentation of Annex IV exists and is current.',
  ),
  item(
    'event-logging',
    'high',
    'EU AI Act Art. 12',
    'Record-keeping: automatic event logging kept at least 6 months',
    'The system records events automatically over its lifetime, so that situations of risk and substantial modifications can be traced; logs are kept for at least six months (Art. 19).',
  ),
  item(
    'instructions-for-use',
    'high',
    'EU AI Act Art. 13',
    'Transparency and information to deployers: instructions for use',
    'Deployers get instructions for use with the intended purpose, the declared accuracy and its limits, known risks, human oversight measures and how to interpret the output.',
  ),
  item(
    'human-oversight',
    'high',
    'EU AI Act Art. 14',
    'Human oversight: override and stop procedure tested',
    'People assigned to oversight understand the system, can disregard, override or reverse its output and stop it, and the procedure was tested.',
  ),
  item(
    'robustness',
    'high',
    'EU AI Act Art. 15; ML Test Score, Infra 6',
    'Accuracy, robustness and cybersecurity; canary before serving',
    'Accuracy is declared and met, the model was tested for robustness, errors and adversarial input (data poisoning, model evasion), and new versions go through a canary.',
  ),
  item(
    'post-market-monitoring',
    'high',
    'EU AI Act Art. 72; ML Test Score, Monitor 7',
    'Post-market monitoring plan, quality-regression alerts',
    'A monitoring plan exists and quality regressions raise alerts.',
  ),
  when(
    { derogation: true },
    'derogation-documented',
    'EU AI Act Art. 6(4), Art. 49(2)',
    'Art. 6(3) assessment documented and the system registered',
    'The assessment that the Annex III system is not high risk is documented before it is placed on the market, kept for the authorities, and the system is registered in the EU database.',
  ),
  when(
    { generalPurpose: 'no-open-source-exemption' },
    'gpai-technical-documentation',
    'EU AI Act Art. 53(1)(a), Annex XI',
    'General-purpose model: technical documentation kept up to date',
    'Technical documentation of the model, its training and testing process and its evaluation results (Annex XI), available to the AI Office and national authorities.',
  ),
  when(
    { generalPurpose: 'no-open-source-exemption' },
    'gpai-downstream-information',
    'EU AI Act Art. 53(1)(b), Annex XII',
    'General-purpose model: information for downstream providers',
    'Providers integrating the model into their AI systems get the information and documentation they need to understand its capabilities and limitations and meet their own obligations (Annex XII).',
  ),
  when(
    { generalPurpose: 'any' },
    'gpai-copyright-policy',
    'EU AI Act Art. 53(1)(c)',
    'General-purpose model: copyright policy',
    'A policy to comply with Union copyright law, in particular to identify and respect reservations of rights (text and data mining opt-outs).',
  ),
  when(
    { generalPurpose: 'any' },
    'gpai-training-summary',
    'EU AI Act Art. 53(1)(d)',
    'General-purpose model: public summary of the training content',
    'A sufficiently detailed summary of the content used for training is made publicly available, following the AI Office template.',
  ),
  when(
    { generalPurpose: 'systemic-risk' },
    'gpai-model-evaluation',
    'EU AI Act Art. 55(1)(a)',
    'Systemic-risk model: evaluation with state-of-the-art protocols',
    'The model is evaluated with standardised, state-of-the-art protocols and tools to identify systemic risks.',
  ),
  when(
    { generalPurpose: 'systemic-risk' },
    'gpai-adversarial-testing',
    'EU AI Act Art. 55(1)(a)',
    'Systemic-risk model: adversarial testing documented',
    'Adversarial testing (red teaming) of the model is conducted and documented to identify and mitigate systemic risks.',
  ),
  when(
    { generalPurpose: 'systemic-risk' },
    'gpai-systemic-risk-mitigation',
    'EU AI Act Art. 55(1)(b)',
    'Systemic-risk model: systemic risks assessed and mitigated',
    'Possible systemic risks at Union level, including their sources, are assessed and mitigated.',
  ),
  when(
    { generalPurpose: 'systemic-risk' },
    'gpai-incident-reporting',
    'EU AI Act Art. 55(1)(c)',
    'Systemic-risk model: serious incidents tracked and reported',
    'Serious incidents and possible corrective measures are tracked, documented and reported without undue delay to the AI Office and, where appropriate, national authorities.',
  ),
  when(
    { generalPurpose: 'systemic-risk' },
    'gpai-cybersecurity',
    'EU AI Act Art. 55(1)(d)',
    'Systemic-risk model: cybersecurity of the model and its infrastructure',
    'An adequate level of cybersecurity protection for the model and its physical infrastructure.',
  ),
];

const TIER_ORDER: Record<RiskTier, number> = {
  minimal: 0,
  limited: 1,
  high: 2,
  prohibited: 3,
};

/**
 * Whether an item applies to a model: by tier (cumulative, a prohibited model gets all
 * tier items), or, for items with `appliesWhen`, by its EU AI Act assessment whatever
 * the tier. Without a recorded assessment the Art. 50 items apply from limited up, as
 * the duties are unknown.
 */
export function itemApplies(
  definition: Item,
  profile: ModelRiskProfile,
): boolean {
  const condition = definition.appliesWhen;
  if (!condition) {
    return TIER_ORDER[definition.minimumTier] <= TIER_ORDER[profile.tier];
  }
  if ('transparencyDuty' in condition) {
    return profile.transparencyDuties
      ? profile.transparencyDuties.includes(condition.transparencyDuty)
      : TIER_ORDER[profile.tier] >= TIER_ORDER.limited;
  }
  if ('generalPurpose' in condition) {
    const gpai = profile.generalPurposeAI;
    switch (condition.generalPurpose) {
      case 'systemic-risk':
        return gpai.systemicRisk;
      case 'no-open-source-exemption':
        return gpai.generalPurpose && !gpai.openSourceExemption;
      default:
        return gpai.generalPurpose;
    }
  }
  return profile.derogation;
}

/** The items that apply to a model with this risk profile. */
export function itemsFor(
  items: readonly Item[],
  profile: ModelRiskProfile,
): Item[] {
  return items.filter(i => itemApplies(i, profile));
}

/** The items that apply to a tier, for a model without a recorded assessment. */
export function itemsForTier(items: readonly Item[], tier: RiskTier): Item[] {
  return itemsFor(items, riskProfileOf({ riskTier: tier }));
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function readItem(config: Config, known: Set<string>): Item {
  const id = config.getString('id');
  if (!ID.test(id)) {
    throw new InputError(
      `lab2live.governance.checklist item id '${id}' must be kebab-case`,
    );
  }
  const minimumTier = (config.getOptionalString('minimumTier') ??
    'minimal') as Item['minimumTier'];
  if (!['minimal', 'limited', 'high'].includes(minimumTier)) {
    throw new InputError(
      `lab2live.governance.checklist item '${id}': minimumTier must be minimal, limited or high, not '${minimumTier}'`,
    );
  }
  const check = config.getOptionalString('check');
  if (check && !known.has(check)) {
    throw new InputError(
      `lab2live.governance.checklist item '${id}': no automated check '${check}'; known checks: ${[
        ...known,
      ].join(', ')}`,
    );
  }
  const appliesWhen = readCondition(config, id);
  return {
    id,
    title: config.getString('title'),
    description: config.getOptionalString('description') ?? '',
    source: config.getOptionalString('source') ?? 'internal',
    minimumTier,
    ...(appliesWhen ? { appliesWhen } : {}),
    mode: check ? 'automated' : 'attestation',
    ...(check ? { check } : {}),
  };
}

const DUTIES = [
  'interaction',
  'synthetic-content',
  'emotion-biometric-notice',
  'deep-fake',
  'public-interest-text',
] as const;
const GENERAL_PURPOSE = [
  'any',
  'no-open-source-exemption',
  'systemic-risk',
] as const;

/** `appliesWhen` of a configured item: one of transparencyDuty, generalPurpose, derogation. */
function readCondition(
  config: Config,
  id: string,
): ChecklistItemCondition | undefined {
  const block = config.getOptionalConfig('appliesWhen');
  if (!block) return undefined;
  const keys = block.keys();
  const fail = (message: string) =>
    new InputError(
      `lab2live.governance.checklist item '${id}': appliesWhen ${message}`,
    );
  if (keys.length !== 1) {
    throw fail(
      `takes exactly one of transparencyDuty, generalPurpose or derogation, not ${
        keys.join(', ') || 'none'
      }`,
    );
  }
  const duty = block.getOptionalString('transparencyDuty');
  if (duty !== undefined) {
    if (!(DUTIES as readonly string[]).includes(duty)) {
      throw fail(
        `.transparencyDuty must be one of ${DUTIES.join(', ')}, not '${duty}'`,
      );
    }
    return { transparencyDuty: duty as (typeof DUTIES)[number] };
  }
  const gpai = block.getOptionalString('generalPurpose');
  if (gpai !== undefined) {
    if (!(GENERAL_PURPOSE as readonly string[]).includes(gpai)) {
      throw fail(
        `.generalPurpose must be one of ${GENERAL_PURPOSE.join(
          ', ',
        )}, not '${gpai}'`,
      );
    }
    return { generalPurpose: gpai as (typeof GENERAL_PURPOSE)[number] };
  }
  if (block.getOptionalBoolean('derogation') === true) {
    return { derogation: true };
  }
  throw fail(`has an unknown condition '${keys[0]}'`);
}

/**
 * The checklist from `lab2live.governance.checklist` (`items` replaces the default set,
 * `additionalItems` adds to it), checked against the known automated checks.
 */
export function readChecklist(
  config: Config,
  knownChecks: Set<string>,
  extraItems: Item[] = [],
): Item[] {
  const block = config.getOptionalConfig('lab2live.governance.checklist');
  const base = block?.has('items')
    ? block.getConfigArray('items').map(c => readItem(c, knownChecks))
    : [...DEFAULT_CHECKLIST];
  const additional = (
    block?.getOptionalConfigArray('additionalItems') ?? []
  ).map(c => readItem(c, knownChecks));
  const all = [...base, ...additional, ...extraItems];
  const seen = new Set<string>();
  for (const i of all) {
    if (seen.has(i.id)) {
      throw new InputError(
        `lab2live.governance.checklist has two items with id '${i.id}'`,
      );
    }
    seen.add(i.id);
  }
  return all;
}
