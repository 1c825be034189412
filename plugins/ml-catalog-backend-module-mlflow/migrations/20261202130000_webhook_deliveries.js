// @ts-check

/**
 * MLflow webhook deliveries already taken, by X-MLflow-Delivery-Id: the primary key
 * lets exactly one replica claim a delivery, so a webhook posted to several replicas
 * (or replayed) is acted on once. Rows older than the timestamp tolerance are pruned:
 * a delivery that old is refused by its timestamp anyway.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlflow_webhook_deliveries', table => {
    table.string('delivery_id', 255).primary();
    table.bigInteger('received_at').notNullable();
    table.index(['received_at'], 'mlflow_webhook_deliveries_time_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlflow_webhook_deliveries');
};
