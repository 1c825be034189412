import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  ChecklistItemDefinition,
  RiskTier,
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

/**
 * The default checklist: model-card essentials and the ML Test Score for every model,
 * EU AI Act transparency duties from limited risk, and the high-risk obligations.
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
  item(
    'ai-disclosure',
    'limited',
    'EU AI Act Art. 50',
    'Users are told they interact with an AI system, where they do',
    'People who interact with the system, or see content it generated, are told so.',
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
    'Risk register with foreseeable misuse and accepted residual risk',
    'A risk management record lists foreseeable misuse, mitigations and the residual risk accepted.',
  ),
  item(
    'data-governance',
    'high',
    'EU AI Act Art. 10',
    'Data governance: provenance, labelling, bias examination',
    'Training, validation and test data have documented provenance and labelling, and were examined for bias.',
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
    'EU AI Act Art. 11',
    'Technical documentation (Annex IV) complete',
    'The technical documentation of Annex IV exists and is current.',
  ),
  item(
    'event-logging',
    'high',
    'EU AI Act Art. 12',
    'Automatic event logging kept at least 6 months',
    'The system logs its events automatically and keeps the logs for at least six months.',
  ),
  item(
    'instructions-for-use',
    'high',
    'EU AI Act Art. 13',
    'Instructions for use with declared accuracy and limits',
    'Deployers get instructions with the accuracy, its limits and the known risks.',
  ),
  item(
    'human-oversight',
    'high',
    'EU AI Act Art. 14',
    'Human oversight: override and stop procedure tested',
    'People can override or stop the system, and the procedure was tested.',
  ),
  item(
    'robustness',
    'high',
    'EU AI Act Art. 15; ML Test Score, Infra 6',
    'Robustness and adversarial testing; canary before serving',
    'The model was tested for robustness and adversarial input, and new versions go through a canary.',
  ),
  item(
    'post-market-monitoring',
    'high',
    'EU AI Act Art. 72; ML Test Score, Monitor 7',
    'Post-market monitoring plan, quality-regression alerts',
    'A monitoring plan exists and quality regressions raise alerts.',
  ),
];

const TIER_ORDER: Record<RiskTier, number> = {
  minimal: 0,
  limited: 1,
  high: 2,
  prohibited: 3,
};

/** The items that apply to a tier: tiers are cumulative, a prohibited model gets all. */
export function itemsForTier(items: readonly Item[], tier: RiskTier): Item[] {
  return items.filter(i => TIER_ORDER[i.minimumTier] <= TIER_ORDER[tier]);
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
  return {
    id,
    title: config.getString('title'),
    description: config.getOptionalString('description') ?? '',
    source: config.getOptionalString('source') ?? 'internal',
    minimumTier,
    mode: check ? 'automated' : 'attestation',
    ...(check ? { check } : {}),
  };
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
