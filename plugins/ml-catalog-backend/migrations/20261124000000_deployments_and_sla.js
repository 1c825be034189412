// @ts-check

/**
 * Deployment events and the current state per model and environment, SLA observations,
 * and the append-only audit log. Times are epoch milliseconds (bigint), the same on
 * SQLite, PostgreSQL and MySQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_events', table => {
    table.comment(
      'Every reported deployment event; the history of a model per environment',
    );
    table.increments('id');
    table.string('event_id', 255).notNullable().unique();
    table.string('model_ref', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.string('version', 255).notNullable();
    table.string('status', 32).notNullable();
    table.string('component_ref', 255).nullable();
    table.text('endpoint_url').nullable();
    table.bigInteger('occurred_at').notNullable();
    table.bigInteger('received_at').notNullable();
    table.string('reported_by', 255).notNullable();
    table.index(['model_ref', 'occurred_at'], 'deployment_events_model_idx');
  });

  await knex.schema.createTable('deployment_state', table => {
    table.comment('The newest event per model and environment');
    table.string('model_ref', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.string('event_id', 255).notNullable();
    table.string('version', 255).notNullable();
    table.string('status', 32).notNullable();
    table.string('component_ref', 255).nullable();
    table.text('endpoint_url').nullable();
    table.bigInteger('occurred_at').notNullable();
    table.bigInteger('since').notNullable();
    table.primary(['model_ref', 'environment']);
  });

  await knex.schema.createTable('model_versions', table => {
    table.comment(
      'When each model version was first reported anywhere: its age',
    );
    table.string('model_ref', 255).notNullable();
    table.string('version', 255).notNullable();
    table.bigInteger('first_reported_at').notNullable();
    table.primary(['model_ref', 'version']);
  });

  await knex.schema.createTable('sla_observations', table => {
    table.comment('Observed values of service level indicators per model');
    table.increments('id');
    table.string('observation_id', 255).nullable().unique();
    table.string('model_ref', 255).notNullable();
    table.string('indicator', 100).notNullable();
    table.double('value').notNullable();
    table.bigInteger('observed_at').notNullable();
    table.string('reported_by', 255).notNullable();
    table.index(
      ['model_ref', 'indicator', 'observed_at'],
      'sla_observations_model_idx',
    );
    table.index(['observed_at'], 'sla_observations_time_idx');
  });

  await knex.schema.createTable('audit_events', table => {
    table.comment(
      'Append-only: who did what to which model, with before and after',
    );
    table.increments('id');
    table.bigInteger('occurred_at').notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 100).notNullable();
    table.string('model_ref', 255).nullable();
    table.text('before').nullable();
    table.text('after').nullable();
    table.index(['model_ref', 'id'], 'audit_events_model_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('sla_observations');
  await knex.schema.dropTable('model_versions');
  await knex.schema.dropTable('deployment_state');
  await knex.schema.dropTable('deployment_events');
};
