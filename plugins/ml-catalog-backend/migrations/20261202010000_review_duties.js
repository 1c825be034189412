// @ts-check

/**
 * Separation of duties and one open review per model:
 * - `owner_ref`: the group that owned the model when the review opened;
 * - `authors`: everyone who opened, submitted or set an item of the review (JSON);
 * - `open_model_ref`: the model while the review is open, NULL once it closed. Its
 *   unique key lets the database, not a read-then-insert, refuse a second open review
 *   (NULLs never collide on SQLite, PostgreSQL or MySQL).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reviews', table => {
    table.string('owner_ref', 255).nullable();
    table.text('authors').nullable();
    table.string('open_model_ref', 255).nullable();
  });

  // Authors so far: the opener and whoever set an item.
  const reviews = await knex('reviews').select(
    'id',
    'model_ref',
    'state',
    'created_by',
    'created_at',
  );
  const setters = await knex('review_items')
    .whereNotNull('set_by')
    .distinct('review_id', 'set_by');
  const authors = new Map(reviews.map(r => [r.id, new Set([r.created_by])]));
  for (const row of setters) authors.get(row.review_id)?.add(row.set_by);
  for (const [id, people] of authors) {
    await knex('reviews')
      .where({ id })
      .update({ authors: JSON.stringify([...people]) });
  }

  // The newest open review of each model holds the key. An older open one (possible
  // before this key existed) stays open until its owners withdraw it.
  const open = reviews
    .filter(r => ['draft', 'in_review', 'changes_requested'].includes(r.state))
    .sort((a, b) => Number(b.created_at) - Number(a.created_at));
  const seen = new Set();
  for (const review of open) {
    if (seen.has(review.model_ref)) continue;
    seen.add(review.model_ref);
    await knex('reviews')
      .where({ id: review.id })
      .update({ open_model_ref: review.model_ref });
  }

  await knex.schema.alterTable('reviews', table => {
    table.unique(['open_model_ref'], {
      indexName: 'reviews_one_open_per_model',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (/sqlite/.test(String(knex.client.config.client))) {
    // knex drops SQLite columns by copying the table, which the foreign keys of
    // review_items refuse; SQLite's own DROP COLUMN keeps the table.
    await knex.raw('DROP INDEX reviews_one_open_per_model');
    for (const column of ['open_model_ref', 'authors', 'owner_ref']) {
      await knex.raw(`ALTER TABLE reviews DROP COLUMN ${column}`);
    }
    return;
  }
  await knex.schema.alterTable('reviews', table => {
    table.dropUnique(['open_model_ref'], 'reviews_one_open_per_model');
  });
  await knex.schema.alterTable('reviews', table => {
    table.dropColumn('open_model_ref');
    table.dropColumn('authors');
    table.dropColumn('owner_ref');
  });
};
