/*
 * Catalog ingestion benchmark: how much do the Lab2Live kinds cost the catalog?
 *
 * Runs the real catalog backend on SQLite files (the local default) twice, each time in
 * a process of its own with a fresh database: once ingesting N plain `Resource` entities, once N `MLModel`
 * entities of similar size that link to datasets, SLAs and services. Prints entities per
 * second for both and the ratio of the times. Goal: MLModel time <= 1.2x Resource time.
 *
 *   yarn bench:catalog            # N = 10000
 *   BENCH_ENTITIES=2000 yarn bench:catalog
 *   BENCH_ONLY=mlmodel ...          # one side only, in this process (for profiling)
 *
 * The database files go to /dev/shm when it exists (BENCH_DB_DIR overrides): on a
 * disk, the catalog's one-transaction-per-entity writes wait on fsync, so both runs
 * would measure the disk, not the work the kinds add.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  EntityProviderConnection,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import catalogModuleMlCatalog from '../src';
import {
  DATASETS,
  description,
  model,
  SLAS,
  SERVICES,
  supportingEntities,
  TEAMS,
} from './generator';

const N = Number(process.env.BENCH_ENTITIES ?? 10_000);
const RESULT_PREFIX = 'bench-result-seconds=';
const databaseRoot =
  process.env.BENCH_DB_DIR ??
  (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());

const location = 'url:https://example.com/bench/catalog-info.yaml';
const withLocation = (entity: Entity): Entity => ({
  ...entity,
  metadata: {
    ...entity.metadata,
    annotations: {
      'backstage.io/managed-by-location': location,
      'backstage.io/managed-by-origin-location': location,
      ...entity.metadata.annotations,
    },
  },
});

/** A plain Resource of similar size, with as many links (dependsOn) as a model. */
function resource(i: number): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `resource-${i}`,
      description: description(i),
      tags: ['tabular', 'classification'],
    },
    spec: {
      type: 'database',
      owner: `group:team-${i % TEAMS}`,
      system: 'bench',
      lifecycle: 'production',
      dependsOn: [
        `component:service-${i % SERVICES}`,
        `component:service-${(i + 1) % SERVICES}`,
        `component:service-${(i + 2) % SERVICES}`,
        `component:service-${(i + 3) % SERVICES}`,
        `component:service-${(i + 4) % SERVICES}`,
      ],
    },
  };
}

async function ingest(label: string, kind: string, entities: Entity[]) {
  const dir = fs.mkdtempSync(path.join(databaseRoot, 'lab2live-bench-'));
  let connection: EntityProviderConnection | undefined;
  const benchProvider = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-provider',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => 'bench',
            connect: async c => {
              connection = c;
            },
          });
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleMlCatalog,
      benchProvider,
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'better-sqlite3',
              connection: { directory: dir },
            },
          },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Group',
                  'Resource',
                  'MLModel',
                  'Dataset',
                  'SLA',
                ],
              },
            ],
            processingInterval: { minutes: 30 },
          },
        },
      }),
    ],
  });

  const count = async (filterKind: string) => {
    const res = await request(backend.server)
      .get(`/api/catalog/entities/by-query?limit=0&filter=kind=${filterKind}`)
      .set('Authorization', mockCredentials.user.header());
    return res.body.totalItems as number;
  };
  const waitFor = async (filterKind: string, expected: number) => {
    for (;;) {
      if ((await count(filterKind)) >= expected) return;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  };

  // Links first (not timed), so both runs resolve their relations against the same set.
  const support = supportingEntities();
  await connection!.applyMutation({
    type: 'full',
    entities: support.map(e => ({
      entity: withLocation(e),
      locationKey: 'bench',
    })),
  });
  await waitFor('sla', SLAS);
  await waitFor('dataset', DATASETS);
  await waitFor('component', SERVICES);

  const started = process.hrtime.bigint();
  await connection!.applyMutation({
    type: 'delta',
    added: entities.map(e => ({
      entity: withLocation(e),
      locationKey: 'bench',
    })),
    removed: [],
  });
  await waitFor(kind, entities.length);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  await backend.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  const bytes = JSON.stringify(entities).length / entities.length;
  const rate = entities.length / seconds;
  console.log(
    `${label.padEnd(9)} ${entities.length} entities in ${seconds.toFixed(
      1,
    )} s: ` +
      `${rate.toFixed(0)} entities/s (average entity ${bytes.toFixed(
        0,
      )} bytes of JSON)`,
  );
  return seconds;
}

/** Runs one side in a child process of its own, so neither run inherits the other's heap or leftovers. */
function runSide(side: 'resource' | 'mlmodel'): number {
  const child = spawnSync(
    process.execPath,
    process.execArgv.concat(__filename),
    {
      env: { ...process.env, BENCH_ONLY: side },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = child.stdout.split('\n');
  const result = lines.find(line => line.startsWith(RESULT_PREFIX));
  for (const line of lines) {
    if (line && !line.startsWith(RESULT_PREFIX)) console.log(line);
  }
  if (child.status !== 0 || !result) {
    throw new Error(`the ${side} run failed (exit code ${child.status})`);
  }
  return Number(result.slice(RESULT_PREFIX.length));
}

async function main() {
  const only = process.env.BENCH_ONLY;
  if (only === 'resource' || only === 'mlmodel') {
    const seconds =
      only === 'resource'
        ? await ingest(
            'Resource',
            'resource',
            Array.from({ length: N }, (_, i) => resource(i)),
          )
        : await ingest(
            'MLModel',
            'mlmodel',
            Array.from({ length: N }, (_, i) => model(i)),
          );
    console.log(
      `${' '.repeat(10)}peak RSS ${(
        process.resourceUsage().maxRSS / 1024
      ).toFixed(0)} MiB`,
    );
    console.log(`${RESULT_PREFIX}${seconds}`);
    return;
  }

  console.log(
    `Catalog ingestion on SQLite files in ${databaseRoot}, ${N} entities per run (Node ${process.version})`,
  );
  const resourceSeconds = runSide('resource');
  const modelSeconds = runSide('mlmodel');
  const ratio = modelSeconds / resourceSeconds;
  console.log(
    `MLModel/Resource time ratio: ${ratio.toFixed(2)} (goal <= 1.20: ${
      ratio <= 1.2 ? 'met' : 'NOT met'
    })`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
