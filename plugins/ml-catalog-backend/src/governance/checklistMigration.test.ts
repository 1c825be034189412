import path from 'node:path';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { DEFAULT_CHECKLIST } from './checklist';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const directory = path.resolve(__dirname, '../../migrations');
const FILE = '20261202150000_checklist_sources.js';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BEFORE, AFTER } = require(path.join(directory, FILE));

/** Runs the migrations before this one, one at a time. */
async function migrateToBefore(knex: Knex) {
  const [, pending] = (await knex.migrate.list({ directory })) as [
    unknown,
    Array<{ file: string }>,
  ];
  for (const { file } of pending) {
    if (file === FILE) return;
    await knex.migrate.up({ directory, name: file });
  }
}

const oldDefinition = (id: string) => ({
  id,
  mode: 'attestation',
  ...BEFORE[id],
});

async function insertReview(knex: Knex, id: string, state: string) {
  await knex('reviews').insert({
    id,
    model_ref: `mlmodel:default/${id}`,
    version: '1',
    state,
    risk_tier: 'high',
    revision: 1,
    approvals_required: 2,
    created_by: 'user:default/maya',
    created_at: 1,
    updated_at: 1,
  });
  const items = [
    oldDefinition('ai-disclosure'),
    oldDefinition('human-oversight'),
    // Configured under a built-in id with its own wording: left alone.
    { ...oldDefinition('event-logging'), title: 'Our own logging rule' },
    {
      id: 'owner-version-license',
      title: 'Owner',
      source: 'Model Cards 4.1',
      minimumTier: 'minimal',
      mode: 'automated',
      check: 'owner-version-license',
    },
  ];
  await knex('review_items').insert(
    items.map((definition, position) => ({
      review_id: id,
      item_id: definition.id,
      position,
      definition: JSON.stringify(definition),
      status: 'pending',
      evidence: '[]',
    })),
  );
}

async function definitions(knex: Knex, reviewId: string) {
  const rows = await knex('review_items')
    .where({ review_id: reviewId })
    .orderBy('position');
  return Object.fromEntries(
    rows.map(r => [r.item_id, JSON.parse(r.definition)]),
  );
}

describe('the checklist built-ins as the migration knows them', () => {
  it('are what the checklist defines now, ids kept', () => {
    for (const [id, after] of Object.entries<Record<string, unknown>>(AFTER)) {
      expect(DEFAULT_CHECKLIST.find(i => i.id === id)).toMatchObject(after);
    }
  });
});

describe.each(ids)('the checklist sources migration on %s', databaseId => {
  it('updates open reviews, keeps closed ones and configured wording, and goes down again', async () => {
    const knex = await databases.init(databaseId);
    await migrateToBefore(knex);
    await insertReview(knex, 'open-review-0000000000000000000001', 'in_review');
    await insertReview(knex, 'closed-review-000000000000000000001', 'approved');
    const closedBefore = await definitions(
      knex,
      'closed-review-000000000000000000001',
    );
    await knex.migrate.up({ directory, name: FILE });

    const open = await definitions(knex, 'open-review-0000000000000000000001');
    expect(open['ai-disclosure']).toEqual({
      id: 'ai-disclosure',
      mode: 'attestation',
      ...AFTER['ai-disclosure'],
    });
    expect(open['ai-disclosure']).toMatchObject({
      source: 'EU AI Act Art. 50(1)',
      appliesWhen: { transparencyDuty: 'interaction' },
    });
    expect(open['human-oversight'].source).toBe('EU AI Act Art. 14');
    expect(open['human-oversight'].description).toBe(
      AFTER['human-oversight'].description,
    );
    expect(open['event-logging'].title).toBe('Our own logging rule');
    expect(open['owner-version-license'].title).toBe('Owner');
    expect(
      await definitions(knex, 'closed-review-000000000000000000001'),
    ).toEqual(closedBefore);

    await knex.migrate.down({ directory, name: FILE });
    const down = await definitions(knex, 'open-review-0000000000000000000001');
    expect(down['ai-disclosure']).toEqual(oldDefinition('ai-disclosure'));
    expect(down['human-oversight']).toEqual(oldDefinition('human-oversight'));
    await knex.destroy();
  });
});
