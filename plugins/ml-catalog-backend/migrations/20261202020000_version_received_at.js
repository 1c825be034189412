// @ts-check

/**
 * When the server first heard of the version an environment runs now. A report may be
 * dated in the past; whether a version reached production after an approval is decided
 * by the later of its reported time and this one, so a backdated promotion cannot slip
 * under an approval.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployment_state', table => {
    table.bigInteger('version_received_at').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployment_state', table => {
    table.dropColumn('version_received_at');
  });
};
