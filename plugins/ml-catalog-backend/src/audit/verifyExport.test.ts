import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '@lab2live/ml-catalog-validate';
import type { Knex } from 'knex';
import request from 'supertest';
import { startAuditApp } from '../__testUtils__/auditApp';
import { createTestDatabases } from '../__testUtils__/databases';
import { migrateUp } from '../database/migrations';
import { StatusStore } from '../database/StatusStore';
import { ObservationStore } from '../database/ObservationStore';
import { writeAudit } from './AuditLog';
import { auditEntryHash } from './chain';

const { databases } = createTestDatabases();
const MODEL = 'mlmodel:default/churn-predictor';
const T0 = Date.parse('2026-12-02T10:00:00Z');

/** `lab2live-validate audit FILE`, as a pipeline would run it. */
async function verify(file: string) {
  let stdout = '';
  const code = await run(
    ['audit', file],
    text => {
      stdout += `${text}\n`;
    },
    text => {
      stdout += `${text}\n`;
    },
  );
  return { code, stdout: stdout.trim() };
}

/**
 * A real chain: deployments committed in a group, SLA observations and governance
 * entries, written through the stores on SQLite and exported through the route.
 */
async function exportRealChain(knex: Knex) {
  await migrateUp(knex);
  let now = T0;
  const store = new StatusStore(knex, () => (now += 1000));
  await Promise.all(
    ['staging', 'production'].map((environment, i) =>
      store.addDeploymentEvents([
        {
          eventId: `deploy-${i}`,
          model: MODEL,
          environment,
          version: '8',
          status: 'healthy',
          occurredAt: T0 - 60_000,
          reportedBy: 'external:ci',
        },
      ]),
    ),
  );
  await new ObservationStore(knex, () => (now += 1000)).addObservations([
    {
      model: MODEL,
      indicator: 'latency_p95_ms',
      value: 95,
      observedAt: T0,
      reportedBy: 'external:monitoring',
    },
  ]);
  for (const [action, after] of [
    ['review.created', { review: 'r1', state: 'draft' }],
    [
      'review.item.set',
      {
        review: 'r1',
        item: 'rollback-tested',
        note: 'Drill, "run 7"\nall green',
      },
    ],
    ['review.submitted', { review: 'r1', state: 'in_review' }],
    ['review.approve', { review: 'r1', state: 'approved' }],
  ] as const) {
    now += 1000;
    const occurredAt = now;
    await knex.transaction(tx =>
      writeAudit(tx, occurredAt, {
        actor: action === 'review.approve' ? 'user:default/dana' : '-maya',
        action,
        model: MODEL,
        after,
      }),
    );
  }

  const app = startAuditApp(knex);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab2live-audit-'));
  const download = async (format: 'json' | 'csv') => {
    const res = await request(app)
      .get(
        `/models/mlmodel/default/churn-predictor/audit/export?format=${format}`,
      )
      .set('Authorization', 'Bearer auditor');
    expect(res.status).toBe(200);
    return res.text;
  };
  return { dir, json: await download('json'), csv: await download('csv') };
}

describe('lab2live-validate audit on a real export', () => {
  let knex: Knex;
  let dir: string;
  let json: string;
  let csv: string;
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  /** The JSON export with its entries changed. */
  const tampered = (change: (entries: any[]) => any[]) => {
    const body = JSON.parse(json);
    return JSON.stringify({ ...body, entries: change(body.entries) }, null, 2);
  };

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    ({ dir, json, csv } = await exportRealChain(knex));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds an untouched export intact, as JSON and as CSV', async () => {
    expect(JSON.parse(json).entries).toHaveLength(7);
    for (const file of [write('a.json', json), write('a.csv', csv)]) {
      const result = await verify(file);
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[0]).toBe(
        `audit: 7 entries of ${MODEL}, chain intact`,
      );
    }
  });

  it('names an edited entry', async () => {
    const file = write(
      'edited.json',
      tampered(entries => {
        entries[4].actor = 'user:default/nobody';
        return entries;
      }),
    );
    expect(await verify(file)).toEqual({
      code: 1,
      stdout: `audit: ${file}: entry seq 5: edited (hash does not match its content)`,
    });
  });

  it('names an edited entry whose hash was recomputed, by the link after it', async () => {
    const file = write(
      'rehashed.json',
      tampered(entries => {
        entries[2].after = { review: 'r1', state: 'draft', forged: true };
        entries[2].hash = auditEntryHash(entries[2]);
        return entries;
      }),
    );
    expect(await verify(file)).toEqual({
      code: 1,
      stdout: `audit: ${file}: entry seq 3: edited (its hash is not the prevHash that entry seq 4 recorded)`,
    });
  });

  it('names a removed entry', async () => {
    const file = write(
      'dropped.json',
      tampered(entries => entries.filter(e => e.seq !== 5)),
    );
    expect(await verify(file)).toEqual({
      code: 1,
      stdout: `audit: ${file}: entry seq 5 is missing (seq jumps from 4 to 6)`,
    });
    const first = write(
      'no-first.json',
      tampered(entries => entries.slice(1)),
    );
    expect((await verify(first)).stdout).toBe(
      `audit: ${first}: entry seq 1 is missing (the export starts at seq 2)`,
    );
  });

  it('names reordered entries', async () => {
    const file = write(
      'swapped.json',
      tampered(entries => [
        ...entries.slice(0, 3),
        entries[4],
        entries[3],
        ...entries.slice(5),
      ]),
    );
    expect(await verify(file)).toEqual({
      code: 1,
      stdout: `audit: ${file}: entries out of order at seq 4: seq 5 comes before it`,
    });
  });

  it('finds the same in a CSV export: an edited cell, a removed line, swapped lines', async () => {
    const lines = csv.split('\r\n');
    // Line 0 is the header; line n holds seq n. The note spans two lines in a quoted cell.
    const header = lines[0];
    const rows = csv
      .slice(header.length + 2)
      .split(/\r\n(?=\d+,)/)
      .map(row => row.replace(/\r\n$/, ''));
    expect(rows).toHaveLength(7);
    const save = (name: string, body: string[]) =>
      write(name, [header, ...body, ''].join('\r\n'));

    const edited = save('edited.csv', [
      ...rows.slice(0, 6),
      rows[6].replace('user:default/dana', 'user:default/mallory'),
    ]);
    const dropped = save('dropped.csv', [
      ...rows.slice(0, 2),
      ...rows.slice(3),
    ]);
    const swapped = save('swapped.csv', [
      rows[0],
      rows[2],
      rows[1],
      ...rows.slice(3),
    ]);
    expect(rows[6]).toContain('user:default/dana');
    expect(await verify(edited)).toEqual({
      code: 1,
      stdout: `audit: ${edited}: entry seq 7: edited (hash does not match its content)`,
    });
    expect(await verify(dropped)).toEqual({
      code: 1,
      stdout: `audit: ${dropped}: entry seq 3 is missing (seq jumps from 2 to 4)`,
    });
    expect(await verify(swapped)).toEqual({
      code: 1,
      stdout: `audit: ${swapped}: entries out of order at seq 2: seq 3 comes before it`,
    });
  });
});
