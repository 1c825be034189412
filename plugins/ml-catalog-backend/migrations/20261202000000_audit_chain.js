// @ts-check

const { createHash } = require('node:crypto');

/**
 * The audit log becomes a hash chain per model: every entry stores its place in its
 * model's chain (`seq`, from 1), the hash of the entry before it and its own hash
 * (SHA-256 of the canonical JSON of model, seq, occurredAt, actor, action, before, after
 * and prevHash). Entries about no single model form the chain `''`. The head of each
 * chain has a row that writers lock, so two transactions cannot fork a chain. Existing
 * entries are chained in id order.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.string('chain_key', 255).notNullable().defaultTo('');
    table.integer('seq').notNullable().defaultTo(0);
    table.string('prev_hash', 64).nullable();
    table.string('hash', 64).notNullable().defaultTo('');
  });

  await knex.schema.createTable('audit_chain_heads', table => {
    table.comment(
      'The newest entry of each audit chain; writers lock it to append',
    );
    table.string('chain_key', 255).primary();
    table.integer('seq').notNullable();
    table.string('hash', 64).notNullable();
  });

  await knex('audit_events')
    .whereNotNull('model_ref')
    .update({ chain_key: knex.ref('model_ref') });

  /** @type {Map<string, { seq: number, hash: string | null }>} */
  const heads = new Map();
  let lastId = 0;
  for (;;) {
    const rows = await knex('audit_events')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(500);
    if (rows.length === 0) break;
    for (const row of rows) {
      const key = row.chain_key;
      const head = heads.get(key) ?? { seq: 0, hash: null };
      const seq = head.seq + 1;
      const hash = sha256(
        canonicalJson({
          action: row.action,
          actor: row.actor,
          after: row.after ? JSON.parse(row.after) : null,
          before: row.before ? JSON.parse(row.before) : null,
          model: row.model_ref ?? null,
          occurredAt: new Date(Number(row.occurred_at)).toISOString(),
          prevHash: head.hash,
          seq,
        }),
      );
      await knex('audit_events')
        .where({ id: row.id })
        .update({ seq, prev_hash: head.hash, hash });
      heads.set(key, { seq, hash });
      lastId = Number(row.id);
    }
  }
  const headRows = [...heads].map(([key, head]) => ({
    chain_key: key,
    seq: head.seq,
    hash: head.hash,
  }));
  for (let i = 0; i < headRows.length; i += 200) {
    await knex('audit_chain_heads').insert(headRows.slice(i, i + 200));
  }

  await knex.schema.alterTable('audit_events', table => {
    table.unique(['chain_key', 'seq'], { indexName: 'audit_events_chain_idx' });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.dropUnique(['chain_key', 'seq'], 'audit_events_chain_idx');
  });
  await knex.schema.alterTable('audit_events', table => {
    table.dropColumn('hash');
    table.dropColumn('prev_hash');
    table.dropColumn('seq');
    table.dropColumn('chain_key');
  });
  await knex.schema.dropTable('audit_chain_heads');
};

/**
 * A frozen copy of `canonicalJson` from @lab2live/plugin-ml-catalog-common, so this
 * migration hashes the same way whatever that package becomes (the migration test
 * checks that both agree).
 *
 * @param {unknown} value
 * @returns {string}
 */
function canonicalJson(value) {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const record = /** @type {Record<string, unknown>} */ (value);
  const members = Object.keys(record)
    .filter(key => record[key] !== undefined)
    .sort()
    .map(key => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/** @param {string} text */
function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
