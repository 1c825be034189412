import type { Knex } from 'knex';

/**
 * Keyset paging, newest first: keeps only rows that sort after the last row of the
 * previous page, by a time column and then the id (ties on the time are common).
 */
export function olderThan(
  query: Knex.QueryBuilder,
  timeColumn: string,
  last: { time: number; id: number | string },
): Knex.QueryBuilder {
  return query.andWhere(q =>
    q
      .where(timeColumn, '<', last.time)
      .orWhere(q2 =>
        q2.where(timeColumn, '=', last.time).andWhere('id', '<', last.id),
      ),
  );
}
