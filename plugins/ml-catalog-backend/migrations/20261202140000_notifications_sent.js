// @ts-check

/**
 * The notifications Lab2Live sent, one row per event: a sender claims an event by
 * inserting its key before sending, so replicas and repeated runs send each event once.
 * Rows of conditions that can recur (an SLA breach) are removed when the condition ends.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('notifications_sent', table => {
    table.comment('Notifications sent by Lab2Live, one row per event');
    table
      .string('key_hash', 64)
      .primary()
      .notNullable()
      .comment('SHA-256 of the event key');
    table
      .text('event_key')
      .notNullable()
      .comment('The event, e.g. review-submitted:<id>:<time>');
    table.string('kind', 64).notNullable().comment('The kind of notification');
    table
      .string('claim', 64)
      .notNullable()
      .comment('Which sender claimed the event');
    table.bigInteger('sent_at').notNullable();
    table.index(['kind'], 'notifications_sent_kind_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('notifications_sent');
};
