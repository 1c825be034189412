// @ts-check

/**
 * SLA roll-ups: observations summed per model, indicator and interval (5 minutes, 1 hour
 * and 1 day), so that evaluating a 30-day window reads a few dozen rows per indicator
 * instead of every raw observation. A roll-up row holds the samples' count, sum, min and
 * max and the good and valid events of ratio indicators. `criterion` is empty for the
 * indicator's own values; rows with a criterion (`lte:120`) count the samples that met
 * (good) out of all samples (valid) for a threshold objective of an SLA.
 *
 * Raw observations gain the good and valid counts they may carry. Existing observations
 * are rolled up here; threshold criteria start with the next observation.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sla_observations', table => {
    table.double('good').nullable();
    table.double('valid').nullable();
  });

  await knex.schema.createTable('sla_rollups', table => {
    table.comment(
      'SLA observations summed per model, indicator, criterion and interval',
    );
    table.string('model_ref', 255).notNullable();
    table.string('indicator', 100).notNullable();
    table.string('criterion', 64).notNullable().defaultTo('');
    table.integer('bucket_ms').notNullable();
    table.bigInteger('bucket_start').notNullable();
    table.integer('samples').notNullable();
    table.double('value_sum').notNullable();
    table.double('value_min').notNullable();
    table.double('value_max').notNullable();
    table.double('good').notNullable();
    table.double('valid').notNullable();
    table.primary([
      'model_ref',
      'indicator',
      'criterion',
      'bucket_ms',
      'bucket_start',
    ]);
    table.index(['bucket_ms', 'bucket_start'], 'sla_rollups_age_idx');
  });

  // Constants written into the statement: MySQL groups by an expression only when the
  // select list repeats it exactly, which placeholders do not.
  for (const size of [300000, 3600000, 86400000]) {
    const bucket = `observed_at - (observed_at % ${size})`;
    await knex.raw(
      `INSERT INTO sla_rollups
         (model_ref, indicator, criterion, bucket_ms, bucket_start, samples,
          value_sum, value_min, value_max, good, valid)
       SELECT model_ref, indicator, '', ${size}, ${bucket}, COUNT(*),
          SUM(value), MIN(value), MAX(value),
          SUM(CASE indicator WHEN 'availability_pct' THEN value / 100.0
                             WHEN 'error_rate_pct' THEN 1 - value / 100.0
                             ELSE 0 END),
          SUM(CASE WHEN indicator IN ('availability_pct', 'error_rate_pct')
                   THEN 1 ELSE 0 END)
       FROM sla_observations
       GROUP BY model_ref, indicator, ${bucket}`,
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sla_rollups');
  await knex.schema.alterTable('sla_observations', table => {
    table.dropColumn('good');
    table.dropColumn('valid');
  });
};
