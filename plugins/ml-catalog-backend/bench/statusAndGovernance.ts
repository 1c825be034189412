/*
 * Deployment status and governance benchmark, on SQLite and PostgreSQL.
 *
 * Seeds 1,000 models x 3 environments x 100 deployment events and 10,000 models with a
 * governance review each (items and decisions), straight into the plugin's tables; then
 * starts the ml-catalog backend in a second process and, over loopback, measures:
 *   - the all-models status read (GET /status)            goal: p95 < 300 ms
 *   - 50 concurrent reporters posting for 30 s             goal: post p95 < 50 ms,
 *     every event counted once (10 % of posts are retries)       nothing lost or doubled
 *   - the all-models compliance read (GET /compliance)     goal: p95 < 500 ms
 *   - a single review read (GET /reviews/:id), 8 clients   goal: p95 < 100 ms
 *
 *   yarn bench:status                       # both databases
 *   yarn bench:status --db sqlite --duration 10
 *
 * Exits non-zero when an event is lost or doubled; a missed speed goal only prints MISS.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { migrateUp } from '../src/database/migrations';
import { DEFAULT_CHECKLIST, itemsForTier } from '../src/governance/checklist';
import { DEPLOYED_MODELS, ENVIRONMENTS, modelRef } from './fixtures';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const DBS =
  flag('db', 'both') === 'both' ? ['sqlite', 'postgres'] : [flag('db', 'both')];
const DURATION_S = Number(flag('duration', '30'));
const EVENTS_PER_ENV = Number(flag('events', '100'));
const GOVERNED_MODELS = Number(flag('models', '10000'));
const REPORTERS = 50;
const POSTGRES = 'postgresql://postgres@127.0.0.1:5432';
const DAY = 86_400_000;

const serviceHeader = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('external:bench'),
  targetPluginId: 'ml-catalog',
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

async function insertChunks(
  knex: Knex,
  table: string,
  rows: object[],
  size = 500,
) {
  for (let i = 0; i < rows.length; i += size) {
    await knex(table).insert(rows.slice(i, i + size));
  }
}

/** Fills the plugin's tables directly: seeding over HTTP would measure the seeding. */
async function seed(knex: Knex) {
  const now = Date.now();
  const start = now - 40 * DAY;
  let events: object[] = [];
  const states: object[] = [];
  const versions: object[] = [];
  for (let m = 0; m < DEPLOYED_MODELS; m++) {
    const model = modelRef(m);
    for (const environment of ENVIRONMENTS) {
      for (let e = 0; e < EVENTS_PER_ENV; e++) {
        const version = String(Math.floor(e / 10) + 1);
        events.push({
          event_id: `seed-${m}-${environment}-${e}`,
          model_ref: model,
          environment,
          version,
          status: 'healthy',
          occurred_at: start + e * 3_600_000,
          received_at: start + e * 3_600_000,
          reported_by: 'external:seed',
        });
        if (events.length >= 5000) {
          await insertChunks(knex, 'deployment_events', events);
          events = [];
        }
      }
      const last = EVENTS_PER_ENV - 1;
      states.push({
        model_ref: model,
        environment,
        event_id: `seed-${m}-${environment}-${last}`,
        version: String(Math.floor(last / 10) + 1),
        status: 'healthy',
        occurred_at: now - 3_600_000,
        since: start + (last - (last % 10)) * 3_600_000,
      });
    }
    for (let v = 1; v <= Math.ceil(EVENTS_PER_ENV / 10); v++) {
      versions.push({
        model_ref: model,
        version: String(v),
        first_reported_at: start + (v - 1) * 10 * 3_600_000,
      });
    }
  }
  await insertChunks(knex, 'deployment_events', events);
  await insertChunks(knex, 'deployment_state', states);
  await insertChunks(knex, 'model_versions', versions);

  const tiers = ['minimal', 'limited', 'high', 'minimal'] as const;
  const reviewIds: string[] = [];
  let reviews: object[] = [];
  let items: object[] = [];
  let decisions: object[] = [];
  const flush = async () => {
    await insertChunks(knex, 'reviews', reviews);
    await insertChunks(knex, 'review_items', items);
    await insertChunks(knex, 'review_decisions', decisions);
    reviews = [];
    items = [];
    decisions = [];
  };
  for (let m = 0; m < GOVERNED_MODELS; m++) {
    const id = randomUUID();
    reviewIds.push(id);
    const tier = tiers[m % 4];
    const approved = m % 5 !== 0;
    reviews.push({
      id,
      model_ref: modelRef(m),
      version: '3',
      state: approved ? 'approved' : 'in_review',
      risk_tier: tier,
      revision: 5,
      approvals_required: tier === 'high' ? 2 : 1,
      created_by: `user:default/owner-${m % 10}`,
      created_at: now - 20 * DAY,
      updated_at: now - 10 * DAY,
      submitted_at: now - 15 * DAY,
      decided_at: approved ? now - 10 * DAY : null,
      expires_at: approved ? now + 170 * DAY : null,
    });
    for (const [position, definition] of itemsForTier(
      DEFAULT_CHECKLIST,
      tier,
    ).entries()) {
      items.push({
        review_id: id,
        item_id: definition.id,
        position,
        definition: JSON.stringify(definition),
        status: 'pass',
        evidence: JSON.stringify([
          `https://ci.example.com/${m}/${definition.id}`,
        ]),
        set_by: `user:default/owner-${m % 10}`,
        set_at: now - 16 * DAY,
      });
    }

    if (approved) {
      decisions.push({
        review_id: id,
        decision: 'approve',
        actor: 'user:default/reviewer',
        decided_at: now - 10 * DAY,
      });
    }
    if (reviews.length >= 1000) await flush();
  }
  await flush();
  return { reviewIds };
}

function startServer(database: object, models: number) {
  return new Promise<{ child: ChildProcess; base: string }>(
    (resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '-r',
          '@backstage/cli/config/nodeTransform.cjs',
          path.join(__dirname, 'server.ts'),
        ],
        {
          env: {
            ...process.env,
            BENCH_DATABASE: JSON.stringify(database),
            BENCH_MODELS: String(models),
            NODE_ENV: 'production',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let errors = '';
      child.stderr!.on('data', chunk => {
        errors += chunk;
        if (process.env.BENCH_DEBUG) process.stderr.write(chunk);
      });
      child.stdout!.on('data', chunk => {
        const match = /PORT (\d+)/.exec(String(chunk));
        if (match)
          resolve({
            child,
            base: `http://127.0.0.1:${match[1]}/api/ml-catalog`,
          });
      });
      child.on('exit', code =>
        reject(new Error(`server exited ${code}: ${errors.slice(-2000)}`)),
      );
    },
  );
}

async function timed(url: string, init?: RequestInit) {
  const started = performance.now();
  const response = await fetch(url, {
    ...init,
    headers: {
      authorization: serviceHeader,
      'content-type': 'application/json',
    },
  });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

async function repeatRead(url: string, times: number) {
  for (let i = 0; i < 2; i++) await timed(url);
  const latencies: number[] = [];
  let last = '';
  for (let i = 0; i < times; i++) {
    const r = await timed(url);
    if (r.status !== 200)
      throw new Error(`${url} answered ${r.status}: ${r.body}`);
    latencies.push(r.ms);
    last = r.body;
  }
  return { latencies, body: JSON.parse(last) };
}

async function reporters(base: string, durationS: number) {
  const until = Date.now() + durationS * 1000;
  const sent: string[] = [];
  const latencies: number[] = [];
  let created = 0;
  let duplicates = 0;
  let errors = 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: REPORTERS }, async (_, r) => {
      while (Date.now() < until) {
        const retry = sent.length > 0 && n % 10 === 9;
        const eventId = retry
          ? sent[Math.floor(Math.random() * sent.length)]
          : `bench-${r}-${n}`;
        n += 1;
        const model = modelRef(Math.floor(Math.random() * DEPLOYED_MODELS));
        const res = await timed(`${base}/deployments`, {
          method: 'POST',
          body: JSON.stringify({
            eventId,
            model: retry ? model : model,
            version: '9',
            environment: ENVIRONMENTS[n % 3],
            status: 'healthy',
            timestamp: new Date().toISOString(),
          }),
        });
        latencies.push(res.ms);
        if (res.status === 201) {
          created += 1;
          sent.push(eventId);
        } else if (res.status === 200) duplicates += 1;
        else errors += 1;
      }
    }),
  );
  return { latencies, created, duplicates, errors, unique: new Set(sent).size };
}

async function run(db: string) {
  let database: object;
  let knex: Knex;
  let cleanup: () => Promise<void>;
  if (db === 'sqlite') {
    const dir = fs.mkdtempSync(
      path.join(
        fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(),
        'l2l-bench-',
      ),
    );
    database = { client: 'better-sqlite3', connection: { directory: dir } };
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'ml-catalog.sqlite') },
      useNullAsDefault: true,
    });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const prefix = `l2l_bench_${Date.now()}_`;
    database = {
      client: 'pg',
      connection: POSTGRES,
      prefix,
    };
    const admin = knexFactory({ client: 'pg', connection: POSTGRES });
    await admin.raw('CREATE DATABASE ??', [`${prefix}ml-catalog`]);
    knex = knexFactory({
      client: 'pg',
      connection: `${POSTGRES}/${prefix}ml-catalog`,
    });
    cleanup = async () => {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
        `${prefix}ml-catalog`,
      ]);
      await admin.destroy();
    };
  }
  const results: string[] = [];
  let ok = true;
  let server: ChildProcess | undefined;
  try {
    await migrateUp(knex);
    const seedStart = performance.now();
    const { reviewIds } = await seed(knex);
    const seeded = DEPLOYED_MODELS * ENVIRONMENTS.length * EVENTS_PER_ENV;
    results.push(
      `seeded ${seeded} deployment events and ${reviewIds.length} reviews in ${(
        (performance.now() - seedStart) /
        1000
      ).toFixed(1)} s (directly into the tables)`,
    );
    const started = await startServer(database, GOVERNED_MODELS);
    server = started.child;
    const { base } = started;

    const status = await repeatRead(`${base}/status`, 20);
    const statusP95 = percentile(status.latencies, 95);
    results.push(
      `GET /status, ${status.body.items.length} models: p50 ${ms(
        percentile(status.latencies, 50),
      )}, p95 ${ms(statusP95)}  goal < 300 ms ${verdict(statusP95 < 300)}`,
    );

    const posts = await reporters(base, DURATION_S);
    const [{ count }] = await knex('deployment_events').count({ count: '*' });
    const stored = Number(count) - seeded;
    const exact = stored === posts.unique && posts.errors === 0;
    ok = ok && exact;
    const postP95 = percentile(posts.latencies, 95);
    results.push(
      `${REPORTERS} reporters for ${DURATION_S} s: ${
        posts.latencies.length
      } posts (${(posts.latencies.length / DURATION_S).toFixed(0)}/s), ${
        posts.created
      } new, ${posts.duplicates} retries answered as duplicates, ${
        posts.errors
      } errors`,
      `  post p50 ${ms(percentile(posts.latencies, 50))}, p95 ${ms(
        postP95,
      )}, max ${ms(Math.max(...posts.latencies))}  goal p95 < 50 ms ${verdict(
        postP95 < 50,
      )}`,
      `  stored ${stored} new events for ${posts.unique} unique ids: ${
        exact ? 'none lost, none doubled' : 'MISMATCH'
      }`,
    );

    const compliance = await repeatRead(`${base}/compliance`, 10);
    const complianceP95 = percentile(compliance.latencies, 95);
    results.push(
      `GET /compliance, ${compliance.body.items.length} models: p50 ${ms(
        percentile(compliance.latencies, 50),
      )}, p95 ${ms(complianceP95)}  goal < 500 ms ${verdict(
        complianceP95 < 500,
      )}`,
    );

    const reviewLatencies: number[] = [];
    let reviewErrors = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 40; i++) {
          const id = reviewIds[Math.floor(Math.random() * reviewIds.length)];
          const r = await timed(`${base}/reviews/${id}`);
          if (r.status !== 200) reviewErrors += 1;
          reviewLatencies.push(r.ms);
        }
      }),
    );
    const reviewP95 = percentile(reviewLatencies, 95);
    ok = ok && reviewErrors === 0;
    results.push(
      `GET /reviews/:id, 8 clients, ${
        reviewLatencies.length
      } reads, ${reviewErrors} errors: p50 ${ms(
        percentile(reviewLatencies, 50),
      )}, p95 ${ms(reviewP95)}  goal < 100 ms ${verdict(reviewP95 < 100)}`,
    );
  } finally {
    server?.kill('SIGTERM');
    await new Promise(resolve => setTimeout(resolve, 500));
    await knex.destroy();
    await cleanup();
  }
  console.log(`\n== ${db} ==\n${results.join('\n')}`);
  return ok;
}

async function main() {
  let ok = true;
  for (const db of DBS) ok = (await run(db)) && ok;
  process.exit(ok ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
