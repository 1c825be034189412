import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { migrateUp } from '../database/migrations';
import { isUniqueViolation, StatusStore } from '../database/StatusStore';
import { ObservationStore } from '../database/ObservationStore';
import {
  appendAuditRows,
  AuditLog,
  auditRow,
  ChainedAuditRecord,
  writeAudit,
} from './AuditLog';
import { auditEntryHash } from './chain';

jest.setTimeout(120_000);

const { databases, ids, missing } = createTestDatabases();
const MODEL = 'mlmodel:default/churn-predictor';
const OTHER = 'mlmodel:default/fraud-detector';
const T0 = Date.parse('2026-12-02T10:00:00Z');

/** Every link of a chain as a verifier sees it: seq, hash of its content, prevHash. */
function expectUnbrokenChain(chain: ChainedAuditRecord[]) {
  chain.forEach((entry, index) => {
    expect(entry.seq).toBe(index + 1);
    expect(entry.prevHash).toBe(index === 0 ? null : chain[index - 1].hash);
    expect(entry.hash).toBe(
      auditEntryHash({
        ...entry,
        model: entry.model ?? null,
        occurredAt: new Date(entry.occurredAt).toISOString(),
      }),
    );
  });
  expect(new Set(chain.map(e => e.prevHash)).size).toBe(chain.length);
}

for (const engine of missing) {
  describe(`AuditLog on ${engine}`, () => {
    // A skipped test on purpose: it names the engine that did not run in every report.
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
    it.skip('is skipped: no server configured', () => {});
  });
}

describe.each(ids)('AuditLog on %s', databaseId => {
  let knex: Knex;
  let log: AuditLog;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await migrateUp(knex);
    log = new AuditLog(knex);
  });

  it('chains the entries of each model, and those of no model apart', async () => {
    await knex.transaction(async tx => {
      await writeAudit(tx, T0, {
        actor: 'user:default/maya',
        action: 'review.created',
        model: MODEL,
        after: { review: 'r1', state: 'draft' },
      });
      await writeAudit(tx, T0 + 1, {
        actor: 'user:default/pat',
        action: 'review.created',
        model: OTHER,
      });
      await writeAudit(tx, T0 + 2, {
        actor: 'external:monitoring',
        action: 'sla.observed',
        after: { models: [MODEL, OTHER], observations: 2 },
      });
    });
    await knex.transaction(tx =>
      writeAudit(tx, T0 + 3, {
        actor: 'user:default/dana',
        action: 'review.approve',
        model: MODEL,
        before: { state: 'in_review' },
        after: { state: 'approved', note: undefined },
      }),
    );

    const churn = await log.listAuditEvents(MODEL);
    expect(churn.map(e => [e.seq, e.action])).toEqual([
      [1, 'review.created'],
      [2, 'review.approve'],
    ]);
    expectUnbrokenChain(churn);
    // What the hash covers is what is read back: undefined members are not stored.
    expect(churn[1].after).toEqual({ state: 'approved' });
    expectUnbrokenChain(await log.listAuditEvents(OTHER));
    const none = await knex('audit_events').where({ chain_key: '' });
    expect(none.map(row => [Number(row.seq), row.action])).toEqual([
      [1, 'sla.observed'],
    ]);
  });

  it('keeps one unbroken chain when many transactions append to one model at once', async () => {
    const store = new StatusStore(knex, () => T0);
    await Promise.all([
      // Governance writes: one entry per transaction, and several in one.
      ...Array.from({ length: 12 }, (_, i) =>
        knex.transaction(tx =>
          writeAudit(tx, T0 + i, {
            actor: `user:default/u${i}`,
            action: 'review.item.set',
            model: MODEL,
            after: { item: `item-${i}` },
          }),
        ),
      ),
      knex.transaction(tx =>
        appendAuditRows(
          tx,
          Array.from({ length: 5 }, (_, i) =>
            auditRow(T0 + 100 + i, {
              actor: 'system:refresh',
              action: 'review.item.evaluated',
              model: i % 2 ? OTHER : MODEL,
            }),
          ),
        ),
      ),
      // Deployment reports, committed in groups, and SLA observations.
      ...Array.from({ length: 10 }, (_, i) =>
        store.addDeploymentEvents([
          {
            eventId: `e${i}`,
            model: MODEL,
            environment: i % 2 ? 'staging' : 'production',
            version: String(i),
            status: 'healthy',
            occurredAt: T0 + i,
            reportedBy: 'external:ci',
          },
        ]),
      ),
      ...Array.from({ length: 4 }, (_, i) =>
        new ObservationStore(knex, () => T0).addObservations([
          {
            model: MODEL,
            indicator: 'latency_p95_ms',
            value: 100 + i,
            observedAt: T0 + i,
            reportedBy: 'external:monitoring',
          },
        ]),
      ),
    ]);

    const chain = await log.listAuditEvents(MODEL);
    expect(chain).toHaveLength(12 + 3 + 10 + 4);
    expectUnbrokenChain(chain);
    expectUnbrokenChain(await log.listAuditEvents(OTHER));
    const head = await knex('audit_chain_heads')
      .where({ chain_key: MODEL })
      .first();
    expect(Number(head.seq)).toBe(chain.length);
    expect(head.hash).toBe(chain[chain.length - 1].hash);
  });

  it('refuses a second entry with the same place in a chain', async () => {
    await knex.transaction(tx =>
      writeAudit(tx, T0, { actor: 'a', action: 'x', model: MODEL }),
    );
    const [first] = await knex('audit_events').where({ chain_key: MODEL });
    const fork = { ...first, hash: 'f'.repeat(64) };
    delete fork.id;
    // Compared by code: better-sqlite3's errors may come from another test realm.
    const refused = await knex('audit_events')
      .insert(fork)
      .then(
        () => undefined,
        error => error,
      );
    expect(isUniqueViolation(refused)).toBe(true);
    expect(await log.listAuditEvents(MODEL)).toHaveLength(1);
  });

  it('reads pages of a chain in either order, and the whole chain in pages', async () => {
    await knex.transaction(tx =>
      appendAuditRows(
        tx,
        Array.from({ length: 7 }, (_, i) =>
          auditRow(T0 + i, {
            actor: 'user:default/maya',
            action: `step.${i + 1}`,
            model: MODEL,
          }),
        ),
      ),
    );
    const seqs = (entries: ChainedAuditRecord[]) => entries.map(e => e.seq);
    expect(seqs(await log.listAuditEvents(MODEL, { limit: 3 }))).toEqual([
      1, 2, 3,
    ]);
    expect(
      seqs(await log.listAuditEvents(MODEL, { limit: 3, afterSeq: 3 })),
    ).toEqual([4, 5, 6]);
    expect(
      seqs(
        await log.listAuditEvents(MODEL, {
          limit: 3,
          order: 'desc',
          beforeSeq: 5,
        }),
      ),
    ).toEqual([4, 3, 2]);

    const pages: number[][] = [];
    for await (const page of log.readChain(MODEL, 3)) pages.push(seqs(page));
    expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    const none: unknown[] = [];
    for await (const page of log.readChain(OTHER, 3)) none.push(page);
    expect(none).toEqual([]);
  });
});
