// @ts-check

/**
 * When a source last confirmed the state an environment holds ("still serving v7 in
 * production"), in epoch ms. A deployment is stale when neither its newest event nor
 * a confirmation lies within lab2live.deployments.staleAfter. Confirmations only move
 * this time: they add no history rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployment_state', table => {
    table.bigInteger('confirmed_at').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployment_state', table => {
    table.dropColumn('confirmed_at');
  });
};
