/*
 * Deployment status, SLA status and governance benchmark, on SQLite and PostgreSQL.
 *
 * Seeds 1,000 models x 3 environments x 100 deployment events, 10,000 models with a
 * governance review each, and 200 SLA-covered models with 30 days of observations every
 * 5 minutes for 6 indicators (10.4 million rows, with their roll-ups), straight into the
 * plugin's tables; fills the real catalog backend's tables with the 10,000 model
 * entities; then starts the backend in a second process and, over loopback, measures
 * each figure against a reference measured in the same run:
 *   - the catalog's own read of the 10,000 models     reference for reads
 *   - a bare one-row insert, 50 at a time              reference for posts
 *   - the backend's readiness answer, 50 at a time     the HTTP floor, for posts
 *   - the first all-models status read, which sums the roll-ups     shown
 *   - the all-models status read (GET /status, all pages)  goal: p95 < 300 ms
 *   - the status of a page of 20 models (POST /status/by-refs)     shown
 *   - the backend's resident memory (peak)             goal: < 1 GiB
 *   - 50 reporters mixing deployment events and confirmations for 30 s
 *                                                      goal: post p95 < 50 ms, nothing
 *                                                      lost or doubled (counted in the DB)
 *   - the first all-models compliance read, which makes the snapshot    shown
 *   - the all-models compliance read (GET /compliance) goal: <= 1.0x the catalog read
 *   - the same read right after a deployment event     goal: <= 1.0x the catalog read
 *   - a single review read (GET /reviews/:id), 8 clients   goal: p95 < 100 ms
 *
 *   yarn bench:status                       # both databases
 *   yarn bench:status --db sqlite --duration 10
 *   yarn bench:status --db postgres --sla-days 1 --cpu-prof /tmp/prof
 *                                           # the backend's CPU profile, for DevTools
 *
 * Every figure is printed twice: as a sentence, and as one `FIGURE {json}` line with
 * name, value, unit, reference, ratio and goal for scripts. Exits non-zero when an
 * event or a confirmation is lost or doubled; a missed speed goal only prints MISS.
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
import {
  benchEntities,
  DEPLOYED_MODELS,
  ENVIRONMENTS,
  modelRef,
  OBSERVED_OBJECTIVES,
  SLA_MODELS,
} from './fixtures';

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
/** A folder for the backend's CPU profile (node --cpu-prof), written when it stops. */
const CPU_PROFILE_DIR = flag('cpu-prof', '');
const REPORTERS = 50;
/** lab2live.sla.statusMaxAge as the benchmark's backend runs it (the default). */
const STATUS_MAX_AGE_S = 10;
const POSTGRES = 'postgresql://postgres@127.0.0.1:5432';
const DAY = 86_400_000;

const serviceHeader = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('external:bench'),
  targetPluginId: 'ml-catalog',
});

const catalogHeader = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('external:bench'),
  targetPluginId: 'catalog',
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

const FIVE_MINUTES = 300_000;
/** 30 days (`--sla-days`) of 5-minute observations. */
const OBSERVATION_SAMPLES = Number(flag('sla-days', '30')) * 288;

/**
 * 30 days of observations every 5 minutes for each observed objective of the first
 * {@link SLA_MODELS} models, generated by the database itself (10.4 million rows in
 * six statements), then rolled up as the store does: 5-minute rows for the last two
 * days (their retention), hourly and daily rows for the month, and the samples that
 * met each threshold objective.
 */
async function seedObservations(knex: Knex, db: string) {
  const now = Date.now();
  const start = now - (now % FIVE_MINUTES) - OBSERVATION_SAMPLES * FIVE_MINUTES;
  const name =
    db === 'sqlite'
      ? `'mlmodel:default/bench-model-' || substr('00000' || m, -5)`
      : `'mlmodel:default/bench-model-' || lpad(m::text, 5, '0')`;
  const from =
    db === 'sqlite'
      ? ''
      : ` FROM generate_series(0, ${SLA_MODELS - 1}) m, generate_series(0, ${
          OBSERVATION_SAMPLES - 1
        }) i`;
  const series =
    db === 'sqlite'
      ? `WITH RECURSIVE i_(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i_ WHERE i < ${
          OBSERVATION_SAMPLES - 1
        }), m_(m) AS (SELECT 0 UNION ALL SELECT m + 1 FROM m_ WHERE m < ${
          SLA_MODELS - 1
        }) `
      : '';
  // A bulk load: the indexes go first and are built once at the end.
  await knex.schema.alterTable('sla_observations', table => {
    table.dropIndex(
      ['model_ref', 'indicator', 'observed_at'],
      'sla_observations_model_idx',
    );
    table.dropIndex(['observed_at'], 'sla_observations_time_idx');
  });
  for (const objective of OBSERVED_OBJECTIVES) {
    let value: string;
    let counts = 'NULL, NULL';
    if ('good' in objective) {
      const good = `(${objective.good})`;
      value =
        objective.indicator === 'error_rate_pct'
          ? `(1000 - ${good}) / 10.0`
          : `${good} / 10.0`;
      counts = `${good}, 1000`;
    } else {
      value = `(${objective.sql})`;
    }
    await knex.raw(
      `${series}INSERT INTO sla_observations
         (model_ref, indicator, value, good, valid, observed_at, reported_by)
       SELECT ${name}, '${objective.indicator}', ${value}, ${counts},
              ${start} + CAST(i AS BIGINT) * ${FIVE_MINUTES}, 'external:seed'
       ${db === 'sqlite' ? 'FROM m_, i_' : from}`,
    );
  }

  await knex.schema.alterTable('sla_observations', table => {
    table.index(
      ['model_ref', 'indicator', 'observed_at'],
      'sla_observations_model_idx',
    );
    table.index(['observed_at'], 'sla_observations_time_idx');
  });

  const thresholds = OBSERVED_OBJECTIVES.filter(o => !('good' in o));
  const criterion = `CASE indicator ${thresholds
    .map(o => `WHEN '${o.indicator}' THEN '${o.op}:${o.target}'`)
    .join(' ')} END`;
  const met = `CASE WHEN ${thresholds
    .map(
      o =>
        `(indicator = '${o.indicator}' AND value ${
          o.op === 'lte' ? '<=' : '>='
        } ${o.target})`,
    )
    .join(' OR ')} THEN 1 ELSE 0 END`;
  const inList = thresholds.map(o => `'${o.indicator}'`).join(', ');
  const insert = `INSERT INTO sla_rollups (model_ref, indicator, criterion, bucket_ms,
      bucket_start, samples, value_sum, value_min, value_max, good, valid)`;
  for (const [size, since] of [
    [FIVE_MINUTES, now - 2 * DAY],
    [3_600_000, 0],
  ]) {
    const bucket = `observed_at - (observed_at % ${size})`;
    // In time order, as the store writes them (a bucket's rows when its observations
    // arrive): rows of one bucket share pages, as they would in production.
    await knex.raw(
      `${insert} SELECT * FROM (
         SELECT model_ref, indicator, '' AS criterion, ${size} AS bucket_ms,
           ${bucket} AS bucket_start, COUNT(*) AS samples, SUM(value) AS value_sum,
           MIN(value) AS value_min, MAX(value) AS value_max,
           COALESCE(SUM(good), 0) AS good, COALESCE(SUM(valid), 0) AS valid
         FROM sla_observations WHERE observed_at >= ${since}
         GROUP BY model_ref, indicator, ${bucket}
         UNION ALL
         SELECT model_ref, indicator, ${criterion}, ${size}, ${bucket},
           COUNT(*), SUM(value), MIN(value), MAX(value), SUM(${met}), COUNT(*)
         FROM sla_observations
         WHERE observed_at >= ${since} AND indicator IN (${inList})
         GROUP BY model_ref, indicator, ${bucket}
       ) r ORDER BY bucket_start, model_ref, indicator, criterion`,
    );
  }
  // Days from the hours: the same sums, a twelfth of the rows to read.
  const day = `bucket_start - (bucket_start % ${DAY})`;
  await knex.raw(
    `${insert} SELECT model_ref, indicator, criterion, ${DAY}, ${day}, SUM(samples),
       SUM(value_sum), MIN(value_min), MAX(value_max), SUM(good), SUM(valid)
     FROM sla_rollups WHERE bucket_ms = 3600000
     GROUP BY model_ref, indicator, criterion, ${day}
     ORDER BY ${day}, model_ref, indicator, criterion`,
  );
  if (db === 'postgres') await knex.raw('ANALYZE');
  const [{ count }] = await knex('sla_observations').count({ count: '*' });
  return Number(count);
}

/** The catalog's search rows of an entity: every scalar leaf, lower-cased. */
function searchRows(entityId: string, entity: object) {
  const rows: object[] = [];
  const seen = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach(v => walk(v, key));
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        walk(v, key ? `${key}.${k}` : k);
      }
    } else {
      const text = String(value);
      const unique = `${key}\u0000${text.toLocaleLowerCase('en-US')}`;
      if (seen.has(unique)) return;
      seen.add(unique);
      rows.push({
        entity_id: entityId,
        key: key.toLocaleLowerCase('en-US'),
        original_value: text.length > 200 ? null : text,
        value: text.length > 200 ? null : text.toLocaleLowerCase('en-US'),
      });
    }
  };
  const { relations, ...rest } = entity as { relations?: Array<any> };
  walk(rest, '');
  // Relations are searched by type: `relations.hassla` = the target's ref.
  for (const relation of relations ?? []) {
    walk(relation.targetRef, `relations.${relation.type}`);
  }
  return rows;
}

/**
 * Writes the 10,000 model entities (and the rest of the fixtures) into the real
 * catalog's tables as its processing would leave them: refresh state, final entity,
 * search rows. Ingesting them through the catalog would take minutes on this machine
 * and is measured by `yarn bench:catalog`; here only its read is the reference.
 */
async function seedCatalog(knex: Knex, models: number) {
  const farFuture = '2100-01-01 00:00:00';
  const entities = benchEntities(models);
  let states: object[] = [];
  let finals: object[] = [];
  let references: object[] = [];
  let search: object[] = [];
  const flush = async () => {
    await insertChunks(knex, 'refresh_state', states, 200);
    await insertChunks(knex, 'final_entities', finals, 200);
    await insertChunks(knex, 'refresh_state_references', references, 400);
    await insertChunks(knex, 'search', search, 400);
    states = [];
    finals = [];
    references = [];
    search = [];
  };
  for (const entity of entities) {
    const uid = randomUUID();
    const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
      entity.metadata.name
    }`.toLocaleLowerCase('en-US');
    const final = {
      ...entity,
      metadata: { ...entity.metadata, uid, etag: uid.slice(0, 8) },
      relations: (entity.relations ?? []).map(r => ({
        ...r,
        target: (() => {
          const [kind, rest] = r.targetRef.split(':');
          const [namespace, name] = rest.split('/');
          return { kind, namespace, name };
        })(),
      })),
    };
    const json = JSON.stringify(final);
    states.push({
      entity_id: uid,
      entity_ref: ref,
      unprocessed_entity: JSON.stringify(entity),
      processed_entity: json,
      errors: '[]',
      next_update_at: farFuture,
      last_discovery_at: farFuture,
      location_key: null,
    });
    finals.push({
      entity_id: uid,
      hash: uid,
      final_entity: json,
      entity_ref: ref,
      last_updated_at: new Date().toISOString(),
    });
    references.push({ source_key: 'bench', target_entity_ref: ref });
    search.push(...searchRows(uid, final));
    if (states.length >= 1000) await flush();
  }
  await flush();
  return entities.length;
}

/** A bare one-row insert into the same database, `clients` at a time, for `seconds`. */
async function bareInserts(knex: Knex, clients: number, seconds: number) {
  await knex.schema.createTable('bench_bare_insert', table => {
    table.increments('id');
    table.string('payload', 255).notNullable();
  });
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let n = 0; Date.now() < until; n++) {
        const started = performance.now();
        await knex('bench_bare_insert').insert({ payload: `${c}-${n}` });
        latencies.push(performance.now() - started);
      }
    }),
  );
  await knex.schema.dropTable('bench_bare_insert');
  return latencies;
}

/**
 * The backend's own readiness answer, `clients` at a time, for `seconds`: the floor of
 * any request to this backend from this load generator on this machine (HTTP, the
 * root router, the client's own work), with no plugin, auth or database in it.
 */
async function readinessFloor(base: string, clients: number, seconds: number) {
  const url = `${new URL(base).origin}/.backstage/health/v1/readiness`;
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const res = await timed(url);
        if (res.status !== 200) {
          throw new Error(`${url} answered ${res.status}: ${res.body}`);
        }
        latencies.push(res.ms);
      }
    }),
  );
  return latencies;
}

/** The resident memory of a process, now and at its peak, in MiB. */
function memoryOf(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (key: string) =>
    Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  return { rss: read('VmRSS'), peak: read('VmHWM') };
}

function startServer(database: object, models: number) {
  return new Promise<{ child: ChildProcess; base: string }>(
    (resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          ...(CPU_PROFILE_DIR
            ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(CPU_PROFILE_DIR)]
            : []),
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
      // The catalog's own routes take a token for the catalog.
      authorization: url.includes('/api/catalog/')
        ? catalogHeader
        : serviceHeader,
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

/**
 * Reads every page of a paged list `times` times (after two warm-up reads): the time of
 * one read is that of all its pages, one after the other.
 */
async function repeatPagedRead(url: string, times: number) {
  const readAll = async () => {
    let total = 0;
    let pages = 0;
    const items: Array<{ slaStatus?: string }> = [];
    let cursor: string | undefined;
    do {
      const r = await timed(
        cursor ? `${url}?cursor=${encodeURIComponent(cursor)}` : url,
      );
      if (r.status !== 200)
        throw new Error(`${url} answered ${r.status}: ${r.body}`);
      const body = JSON.parse(r.body);
      total += r.ms;
      pages += 1;
      items.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    return { ms: total, pages, items };
  };
  // The first read sums every roll-up it needs; the later ones reuse the sums.
  const first = (await readAll()).ms;
  await readAll();
  const latencies: number[] = [];
  let last = { ms: 0, pages: 0, items: [] as Array<{ slaStatus?: string }> };
  for (let i = 0; i < times; i++) {
    last = await readAll();
    latencies.push(last.ms);
  }
  return { first, latencies, pages: last.pages, body: { items: last.items } };
}

/** Events go to the first half of the deployed models, confirmations to the second. */
const CONFIRMED_FROM = DEPLOYED_MODELS / 2;
/** The version every seeded environment runs (a version per 10 events). */
const SEEDED_VERSION = String(Math.floor((EVENTS_PER_ENV - 1) / 10) + 1);

/**
 * 50 reporters for `durationS`: three posts in four are deployment events (a tenth of
 * them retries of an id already sent), one in four confirms what a model still runs.
 */
async function reporters(base: string, durationS: number) {
  const until = Date.now() + durationS * 1000;
  const sent: string[] = [];
  const latencies: number[] = [];
  const confirmedAt = new Map<string, number>();
  let created = 0;
  let duplicates = 0;
  let confirmations = 0;
  let errors = 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: REPORTERS }, async (_, r) => {
      while (Date.now() < until) {
        n += 1;
        const environment = ENVIRONMENTS[n % 3];
        if (n % 4 === 3) {
          const model = modelRef(
            CONFIRMED_FROM +
              Math.floor(Math.random() * (DEPLOYED_MODELS - CONFIRMED_FROM)),
          );
          const at = Date.now();
          const res = await timed(`${base}/deployments/confirmations`, {
            method: 'POST',
            body: JSON.stringify({
              confirmations: [
                {
                  model,
                  environment,
                  version: SEEDED_VERSION,
                  timestamp: new Date(at).toISOString(),
                },
              ],
            }),
          });
          latencies.push(res.ms);
          const body = res.status === 200 ? JSON.parse(res.body) : undefined;
          if (body?.confirmed === 1) {
            confirmations += 1;
            const key = `${model} ${environment}`;
            confirmedAt.set(key, Math.max(confirmedAt.get(key) ?? 0, at));
          } else errors += 1;
          continue;
        }
        const retry = sent.length > 0 && n % 10 === 9;
        const eventId = retry
          ? sent[Math.floor(Math.random() * sent.length)]
          : `bench-${r}-${n}`;
        const model = modelRef(Math.floor(Math.random() * CONFIRMED_FROM));
        const res = await timed(`${base}/deployments`, {
          method: 'POST',
          body: JSON.stringify({
            eventId,
            model,
            version: '9',
            environment,
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
  return {
    latencies,
    created,
    duplicates,
    confirmations,
    confirmedAt,
    errors,
    unique: new Set(sent).size,
  };
}

/** One figure: printed for people and as a `FIGURE {json}` line for scripts. */
interface Figure {
  name: string;
  value: number;
  unit: string;
  reference: string;
  referenceValue: number;
  goal: string;
  met?: boolean;
}

async function run(db: string) {
  let database: object;
  let knex: Knex;
  let cleanup: () => Promise<void>;
  let catalogKnex: () => Knex;
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
    catalogKnex = () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'catalog.sqlite') },
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
    catalogKnex = () =>
      knexFactory({ client: 'pg', connection: `${POSTGRES}/${prefix}catalog` });
    cleanup = async () => {
      for (const name of ['ml-catalog', 'catalog']) {
        await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
          `${prefix}${name}`,
        ]);
      }
      await admin.destroy();
    };
  }
  const results: string[] = [];
  const figures: Figure[] = [];
  const figure = (f: Figure, sentence: string) => {
    figures.push(f);
    const ratio = f.value / f.referenceValue;
    results.push(
      `${sentence}  [${ratio.toFixed(2)}x ${f.reference}${
        f.met === undefined ? '' : `; goal ${f.goal} ${verdict(f.met)}`
      }]`,
    );
  };
  let ok = true;
  let server: ChildProcess | undefined;
  try {
    await migrateUp(knex);
    process.stderr.write(`[${db}] ${new Date().toISOString()} seeding\n`);
    const seedStart = performance.now();
    const { reviewIds } = await seed(knex);
    const seeded = DEPLOYED_MODELS * ENVIRONMENTS.length * EVENTS_PER_ENV;
    const observationsStart = performance.now();
    process.stderr.write(
      `[${db}] ${new Date().toISOString()} seeding observations\n`,
    );
    const observations = await seedObservations(knex, db);
    results.push(
      `seeded ${seeded} deployment events and ${reviewIds.length} reviews in ${(
        (observationsStart - seedStart) /
        1000
      ).toFixed(
        1,
      )} s, ${observations} SLA observations of ${SLA_MODELS} models with their roll-ups in ${(
        (performance.now() - observationsStart) /
        1000
      ).toFixed(1)} s (directly into the tables)`,
    );
    process.stderr.write(
      `[${db}] ${new Date().toISOString()} seeded, starting the backend\n`,
    );
    const started = await startServer(database, GOVERNED_MODELS);
    server = started.child;
    const { base } = started;
    const catalogDb = catalogKnex();
    const catalogEntities = await seedCatalog(catalogDb, GOVERNED_MODELS);
    process.stderr.write(
      `[${db}] ${new Date().toISOString()} catalog seeded, measuring\n`,
    );
    await catalogDb.destroy();

    // The reference for reads: the catalog backend's own read of the 10,000 models.
    const catalogUrl = base.replace(/ml-catalog$/, 'catalog');
    const catalogRead = await repeatRead(
      `${catalogUrl}/entities?filter=kind=mlmodel`,
      6,
    );
    const catalogP95 = percentile(catalogRead.latencies, 95);
    const catalogReference = 'catalog read p95';
    results.push(
      `reference: GET /api/catalog/entities?filter=kind=mlmodel, ${
        catalogRead.body.length
      } of ${catalogEntities} entities: p50 ${ms(
        percentile(catalogRead.latencies, 50),
      )}, p95 ${ms(catalogP95)}`,
    );
    figures.push({
      name: 'catalog_read_p95',
      value: catalogP95,
      unit: 'ms',
      reference: catalogReference,
      referenceValue: catalogP95,
      goal: 'reference',
    });

    const status = await repeatPagedRead(`${base}/status`, 20);
    const statusP95 = percentile(status.latencies, 95);
    const withSla = status.body.items.filter(
      (i: { slaStatus?: string }) => i.slaStatus,
    ).length;
    figure(
      {
        name: 'status_read_p95',
        value: statusP95,
        unit: 'ms',
        reference: catalogReference,
        referenceValue: catalogP95,
        goal: '< 300 ms',
        met: statusP95 < 300,
      },
      `GET /status, every page (${status.pages}), ${
        status.body.items.length
      } models (${withSla} with SLA status from ${observations} observations' roll-ups): p50 ${ms(
        percentile(status.latencies, 50),
      )}, p95 ${ms(statusP95)}`,
    );
    figure(
      {
        name: 'status_first_read',
        value: status.first,
        unit: 'ms',
        reference: catalogReference,
        referenceValue: catalogP95,
        goal: 'shown',
      },
      `GET /status, the first read (sums the roll-ups that the next ${STATUS_MAX_AGE_S} s of reads reuse): ${ms(
        status.first,
      )}`,
    );

    // A page of the model catalog, a team or a service: 20 models named in the body.
    const pageModels = Array.from({ length: 20 }, (_, i) => modelRef(i * 7));
    const pageReads: number[] = [];
    for (let i = 0; i < 22; i++) {
      const r = await timed(`${base}/status/by-refs`, {
        method: 'POST',
        body: JSON.stringify({ models: pageModels }),
      });
      if (r.status !== 200) {
        throw new Error(`POST /status/by-refs answered ${r.status}`);
      }
      if (i >= 2) pageReads.push(r.ms);
    }
    figure(
      {
        name: 'status_page_read_p95',
        value: percentile(pageReads, 95),
        unit: 'ms',
        reference: catalogReference,
        referenceValue: catalogP95,
        goal: 'shown',
      },
      `POST /status/by-refs, a page of 20 models, 20 times: p50 ${ms(
        percentile(pageReads, 50),
      )}, p95 ${ms(percentile(pageReads, 95))}`,
    );

    const afterRead = memoryOf(server.pid!);

    const bare = await bareInserts(knex, REPORTERS, 5);
    const bareP95 = percentile(bare, 95);
    results.push(
      `reference: bare one-row insert, ${REPORTERS} at a time for 5 s: ${
        bare.length
      } inserts, p50 ${ms(percentile(bare, 50))}, p95 ${ms(bareP95)}`,
    );
    figures.push({
      name: 'bare_insert_p95',
      value: bareP95,
      unit: 'ms',
      reference: 'bare insert p95',
      referenceValue: bareP95,
      goal: 'reference',
    });

    const floor = await readinessFloor(base, REPORTERS, 5);
    const floorP95 = percentile(floor, 95);
    results.push(
      `reference: the backend's readiness answer, ${REPORTERS} at a time for 5 s: ${
        floor.length
      } requests (${(floor.length / 5).toFixed(0)}/s), p50 ${ms(
        percentile(floor, 50),
      )}, p95 ${ms(floorP95)}`,
    );
    figures.push({
      name: 'readiness_p95',
      value: floorP95,
      unit: 'ms',
      reference: 'readiness p95',
      referenceValue: floorP95,
      goal: 'reference',
    });

    const posts = await reporters(base, DURATION_S);
    const [{ count }] = await knex('deployment_events').count({ count: '*' });
    const stored = Number(count) - seeded;
    const states = await knex('deployment_state')
      .whereIn('model_ref', [
        ...new Set([...posts.confirmedAt.keys()].map(k => k.split(' ')[0])),
      ])
      .select('model_ref', 'environment', 'confirmed_at');
    const lostConfirmations = [...posts.confirmedAt.entries()].filter(
      ([key, at]) => {
        const state = states.find(
          row => `${row.model_ref} ${row.environment}` === key,
        );
        return !state || Number(state.confirmed_at) < at;
      },
    ).length;
    const exact =
      stored === posts.unique && posts.errors === 0 && lostConfirmations === 0;
    ok = ok && exact;
    const postP95 = percentile(posts.latencies, 95);
    figure(
      {
        name: 'post_p95',
        value: postP95,
        unit: 'ms',
        reference: 'bare insert p95',
        referenceValue: bareP95,
        goal: '< 50 ms',
        met: postP95 < 50,
      },
      `${REPORTERS} reporters for ${DURATION_S} s: ${
        posts.latencies.length
      } posts (${(posts.latencies.length / DURATION_S).toFixed(0)}/s): ${
        posts.created
      } new events, ${posts.duplicates} retries answered as duplicates, ${
        posts.confirmations
      } confirmations, ${posts.errors} errors; post p50 ${ms(
        percentile(posts.latencies, 50),
      )}, p95 ${ms(postP95)}, max ${ms(Math.max(...posts.latencies))}; ${(
        postP95 / floorP95
      ).toFixed(2)}x the readiness answer's p95`,
    );
    results.push(
      `  stored ${stored} new events for ${posts.unique} unique ids; ${
        posts.confirmedAt.size
      } environments confirmed, ${lostConfirmations} confirmation(s) missing in the database: ${
        exact ? 'none lost, none doubled' : 'MISMATCH'
      }`,
    );
    figures.push({
      name: 'lost_or_doubled',
      value: Math.abs(stored - posts.unique) + lostConfirmations + posts.errors,
      unit: 'count',
      reference: 'events and confirmations sent',
      referenceValue: posts.unique + posts.confirmations,
      goal: '0',
      met: exact,
    });

    // The first all-models read makes the snapshot: the catalog's read of every model
    // with the fields compliance needs, and every part of compliance computed.
    const fields = await repeatRead(
      `${catalogUrl}/entities?filter=kind=mlmodel&fields=kind,apiVersion,metadata.name,metadata.namespace,metadata.title,spec,relations`,
      6,
    );
    const firstCompliance = await timed(`${base}/compliance`);
    figure(
      {
        name: 'compliance_first_read',
        value: firstCompliance.ms,
        unit: 'ms',
        reference: catalogReference,
        referenceValue: catalogP95,
        goal: 'shown',
      },
      `GET /compliance, the first read (makes the snapshot; of it, the catalog's read with the fields compliance needs takes p50 ${ms(
        percentile(fields.latencies, 50),
      )}): ${ms(firstCompliance.ms)}`,
    );
    const compliance = await repeatRead(`${base}/compliance`, 10);
    const complianceP95 = percentile(compliance.latencies, 95);
    figure(
      {
        name: 'compliance_read_p95',
        value: complianceP95,
        unit: 'ms',
        reference: catalogReference,
        referenceValue: catalogP95,
        goal: '<= 1.0x catalog read',
        met: complianceP95 <= catalogP95,
      },
      `GET /compliance, ${compliance.body.items.length} models: p50 ${ms(
        percentile(compliance.latencies, 50),
      )}, p95 ${ms(complianceP95)}`,
    );

    // Each read right after a deployment event: the snapshot computes that model again.
    const afterChange: number[] = [];
    for (let i = 0; i < 10; i++) {
      const posted = await timed(`${base}/deployments`, {
        method: 'POST',
        body: JSON.stringify({
          eventId: `bench-change-${i}`,
          model: modelRef(i),
          version: '10',
          environment: ENVIRONMENTS[ENVIRONMENTS.length - 1],
          status: 'healthy',
          timestamp: new Date().toISOString(),
        }),
      });
      if (posted.status !== 201) {
        throw new Error(`the deployment event answered ${posted.status}`);
      }
      const read = await timed(`${base}/compliance`);
      if (read.status !== 200) {
        throw new Error(`GET /compliance answered ${read.status}`);
      }
      afterChange.push(read.ms);
    }
    const afterChangeP95 = percentile(afterChange, 95);
    figure(
      {
        name: 'compliance_read_after_change_p95',
        value: afterChangeP95,
        unit: 'ms',
        reference: catalogReference,
        referenceValue: catalogP95,
        goal: '<= 1.0x catalog read',
        met: afterChangeP95 <= catalogP95,
      },
      `GET /compliance right after a deployment event, 10 times: p50 ${ms(
        percentile(afterChange, 50),
      )}, p95 ${ms(afterChangeP95)}`,
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
    figure(
      {
        name: 'review_read_p95',
        value: reviewP95,
        unit: 'ms',
        reference: catalogReference,
        referenceValue: catalogP95,
        goal: '< 100 ms',
        met: reviewP95 < 100,
      },
      `GET /reviews/:id, 8 clients, ${
        reviewLatencies.length
      } reads, ${reviewErrors} errors: p50 ${ms(
        percentile(reviewLatencies, 50),
      )}, p95 ${ms(reviewP95)}`,
    );

    const memory = memoryOf(server.pid!);
    figure(
      {
        name: 'backend_rss_peak',
        value: memory.peak,
        unit: 'MiB',
        reference: 'the 1 GiB goal',
        referenceValue: 1024,
        goal: '< 1024 MiB',
        met: memory.peak < 1024,
      },
      `backend resident memory: ${afterRead.rss.toFixed(
        0,
      )} MiB after the status reads, ${memory.rss.toFixed(
        0,
      )} MiB at the end, peak ${memory.peak.toFixed(0)} MiB`,
    );
  } finally {
    if (server && server.exitCode === null) {
      // Until it has stopped (a CPU profile is written then), 10 s at most.
      const exited = new Promise(resolve => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([
        exited,
        new Promise(resolve => setTimeout(resolve, 10_000)),
      ]);
    }
    await knex.destroy();
    await cleanup();
  }
  console.log(`\n== ${db} ==\n${results.join('\n')}`);
  for (const f of figures) {
    console.log(
      `FIGURE ${JSON.stringify({
        db,
        ...f,
        ratio: Math.round((f.value / f.referenceValue) * 1000) / 1000,
        value: Math.round(f.value * 10) / 10,
        referenceValue: Math.round(f.referenceValue * 10) / 10,
      })}`,
    );
  }
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
