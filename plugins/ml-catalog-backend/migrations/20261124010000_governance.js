// @ts-check

/**
 * Governance reviews: one row per review with a revision for optimistic concurrency,
 * its checklist items (the definition as it was when the review opened, and what people
 * set), and the reviewers' decisions. Nothing here is deleted; the audit log keeps every
 * change. Times are epoch milliseconds (bigint).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reviews', table => {
    table.comment('The governance decision on one model at one version');
    table.string('id', 36).primary();
    table.string('model_ref', 255).notNullable();
    table.string('version', 255).notNullable();
    table.string('state', 32).notNullable();
    table.string('risk_tier', 32).notNullable();
    table.integer('revision').notNullable();
    table.integer('approvals_required').notNullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('submitted_at').nullable();
    table.bigInteger('decided_at').nullable();
    table.bigInteger('expires_at').nullable();
    table.text('reason').nullable();
    // The datasets and versions the model linked when the review opened (JSON).
    table.text('datasets').nullable();
    table.index(['model_ref', 'created_at'], 'reviews_model_idx');
    table.index(['state'], 'reviews_state_idx');
  });

  await knex.schema.createTable('review_items', table => {
    table.comment('A checklist item of a review and what people set on it');
    table.string('review_id', 36).notNullable();
    table.string('item_id', 100).notNullable();
    table.integer('position').notNullable();
    table.text('definition').notNullable();
    table.string('status', 32).notNullable();
    table.text('evidence').notNullable();
    table.text('note').nullable();
    table.string('set_by', 255).nullable();
    table.bigInteger('set_at').nullable();
    table.text('detail').nullable();
    table.text('waiver_reason').nullable();
    table.bigInteger('waiver_expires_at').nullable();
    table.string('waiver_by', 255).nullable();
    table.bigInteger('waiver_at').nullable();
    table.primary(['review_id', 'item_id']);
    table
      .foreign('review_id', 'review_items_review_fk')
      .references('id')
      .inTable('reviews');
  });

  await knex.schema.createTable('review_decisions', table => {
    table.comment('The decisions of reviewers, in order');
    table.increments('id');
    table.string('review_id', 36).notNullable();
    table.string('decision', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.text('note').nullable();
    table.bigInteger('decided_at').notNullable();
    table.index(['review_id', 'id'], 'review_decisions_review_idx');
    table
      .foreign('review_id', 'review_decisions_review_fk')
      .references('id')
      .inTable('reviews');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('review_decisions');
  await knex.schema.dropTable('review_items');
  await knex.schema.dropTable('reviews');
};
