// @ts-check

/**
 * The EU AI Act checklist names its articles precisely (issue 18). Items whose meaning
 * stayed keep their ids, so waivers, evidence and audit entries still point at them.
 * In reviews still open (draft, in review, changes requested) their stored definitions
 * take the new source, title and description (and, for ai-disclosure, the Art. 50(1)
 * condition that replaces its tier); closed reviews are evidence of what was decided
 * and stay as they were. A definition is changed only while it still reads as the
 * built-in one did, so an item configured under the same id stays as configured.
 * New items (other Art. 50 duties, general-purpose AI, the Art. 6(3) derogation) come
 * with the next review, as a changed risk tier already asks for.
 */
const OPEN = ['draft', 'in_review', 'changes_requested'];

/** The built-in definitions before this change. */
const BEFORE = {
  'ai-disclosure': {
    minimumTier: 'limited',
    source: 'EU AI Act Art. 50',
    title: 'Users are told they interact with an AI system, where they do',
    description:
      'People who interact with the system, or see content it generated, are told so.',
  },
  'risk-register': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 9',
    title: 'Risk register with foreseeable misuse and accepted residual risk',
    description:
      'A risk management record lists foreseeable misuse, mitigations and the residual risk accepted.',
  },
  'data-governance': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 10',
    title: 'Data governance: provenance, labelling, bias examination',
    description:
      'Training, validation and test data have documented provenance and labelling, and were examined for bias.',
  },
  'technical-documentation': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 11',
    title: 'Technical documentation (Annex IV) complete',
    description:
      'The technical documentation of Annex IV exists and is current.',
  },
  'event-logging': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 12',
    title: 'Automatic event logging kept at least 6 months',
    description:
      'The system logs its events automatically and keeps the logs for at least six months.',
  },
  'instructions-for-use': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 13',
    title: 'Instructions for use with declared accuracy and limits',
    description:
      'Deployers get instructions with the accuracy, its limits and the known risks.',
  },
  'human-oversight': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 14',
    title: 'Human oversight: override and stop procedure tested',
    description:
      'People can override or stop the system, and the procedure was tested.',
  },
  robustness: {
    minimumTier: 'high',
    source: 'EU AI Act Art. 15; ML Test Score, Infra 6',
    title: 'Robustness and adversarial testing; canary before serving',
    description:
      'The model was tested for robustness and adversarial input, and new versions go through a canary.',
  },
};

/** The built-in definitions after it (the checklist test compares them). */
const AFTER = {
  'ai-disclosure': {
    minimumTier: 'minimal',
    source: 'EU AI Act Art. 50(1)',
    title: 'People are told they interact with an AI system',
    description:
      'People who interact with the system are told so, in a clear way, at the latest at their first interaction, unless it is obvious from the context.',
    appliesWhen: {
      transparencyDuty: 'interaction',
    },
  },
  'risk-register': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 9',
    title:
      'Risk management system: risks, foreseeable misuse and accepted residual risk',
    description:
      'A risk management process runs through the lifecycle: known and foreseeable risks, including reasonably foreseeable misuse, are identified, mitigated and tested, and the residual risk is accepted.',
  },
  'data-governance': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 10',
    title: 'Data and data governance: provenance, labelling, bias examination',
    description:
      'Training, validation and test data have documented provenance, collection and labelling, are relevant and representative, and were examined for possible biases.',
  },
  'technical-documentation': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 11, Annex IV',
    title: 'Technical documentation (Annex IV) complete',
    description:
      'The technical documentation of Annex IV exists and is current.',
  },
  'event-logging': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 12',
    title: 'Record-keeping: automatic event logging kept at least 6 months',
    description:
      'The system records events automatically over its lifetime, so that situations of risk and substantial modifications can be traced; logs are kept for at least six months (Art. 19).',
  },
  'instructions-for-use': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 13',
    title: 'Transparency and information to deployers: instructions for use',
    description:
      'Deployers get instructions for use with the intended purpose, the declared accuracy and its limits, known risks, human oversight measures and how to interpret the output.',
  },
  'human-oversight': {
    minimumTier: 'high',
    source: 'EU AI Act Art. 14',
    title: 'Human oversight: override and stop procedure tested',
    description:
      'People assigned to oversight understand the system, can disregard, override or reverse its output and stop it, and the procedure was tested.',
  },
  robustness: {
    minimumTier: 'high',
    source: 'EU AI Act Art. 15; ML Test Score, Infra 6',
    title: 'Accuracy, robustness and cybersecurity; canary before serving',
    description:
      'Accuracy is declared and met, the model was tested for robustness, errors and adversarial input (data poisoning, model evasion), and new versions go through a canary.',
  },
};

/**
 * Rewrites the stored definitions of open reviews that read as `from` into `to`.
 *
 * @param {import('knex').Knex} knex
 * @param {Record<string, any>} from
 * @param {Record<string, any>} to
 */
async function rewrite(knex, from, to) {
  const rows = await knex('review_items')
    .join('reviews', 'reviews.id', 'review_items.review_id')
    .whereIn('reviews.state', OPEN)
    .whereIn('review_items.item_id', Object.keys(from))
    .select(
      'review_items.review_id',
      'review_items.item_id',
      'review_items.definition',
    );
  for (const row of rows) {
    const definition = JSON.parse(row.definition);
    const old = from[row.item_id];
    if (definition.source !== old.source || definition.title !== old.title) {
      continue;
    }
    const next = { ...definition, ...to[row.item_id] };
    if (!('appliesWhen' in to[row.item_id])) delete next.appliesWhen;
    await knex('review_items')
      .where({ review_id: row.review_id, item_id: row.item_id })
      .update({ definition: JSON.stringify(next) });
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await rewrite(knex, BEFORE, AFTER);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await rewrite(knex, AFTER, BEFORE);
};

exports.BEFORE = BEFORE;
exports.AFTER = AFTER;
