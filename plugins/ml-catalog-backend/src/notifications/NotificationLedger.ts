import type { Knex } from 'knex';
import { createHash, randomUUID } from 'node:crypto';

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Which notification events were sent (table `notifications_sent`). A sender claims an
 * event by inserting its key; the primary key lets one claim win across replicas and
 * repeated runs, and only the winner sends.
 */
export class NotificationLedger {
  constructor(
    private readonly db: Knex,
    private readonly clock: () => number = Date.now,
  ) {}

  /** True when this call claimed the event (nobody had); false when it was claimed before. */
  async claim(kind: string, key: string): Promise<boolean> {
    const keyHash = hashOf(key);
    const claim = randomUUID();
    await this.db('notifications_sent')
      .insert({
        key_hash: keyHash,
        event_key: key,
        kind,
        claim,
        sent_at: this.clock(),
      })
      .onConflict('key_hash')
      .ignore();
    const row = await this.db('notifications_sent')
      .where({ key_hash: keyHash })
      .first('claim');
    return row?.claim === claim;
  }

  /** Gives a claim back (the send failed), so that a later run sends the event. */
  async release(key: string): Promise<void> {
    await this.db('notifications_sent')
      .where({ key_hash: hashOf(key) })
      .delete();
  }

  /**
   * Forgets the events of a kind that are no longer current (an SLA objective that
   * recovered), so the condition notifies again when it comes back.
   */
  async keepOnly(kind: string, currentKeys: string[]): Promise<number> {
    const keep = new Set(currentKeys.map(hashOf));
    const rows: Array<{ key_hash: string }> = await this.db(
      'notifications_sent',
    )
      .where({ kind })
      .select('key_hash');
    const gone = rows.map(r => r.key_hash).filter(h => !keep.has(h));
    for (let i = 0; i < gone.length; i += 200) {
      await this.db('notifications_sent')
        .whereIn('key_hash', gone.slice(i, i + 200))
        .delete();
    }
    return gone.length;
  }
}
