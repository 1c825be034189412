/*
 * MLflow entity provider benchmark: how long until a registry's models are in the
 * catalog, against the same entities as YAML?
 *
 * A local registry serves N registered models (3 versions each, `champion` on the
 * newest, a run with metrics and two dataset inputs) 100 per page. Two runs of the real
 * catalog backend on SQLite files, each in a process of its own with a fresh database:
 * - mlflow: the provider's first full run at startup;
 * - yaml: the same MLModel and Dataset entities, written to one YAML file that the
 *   catalog reads as a file location.
 * Each measures from the backend's start until all N models and the datasets are in
 * the catalog, relations included. Prints the times and their ratio (goal <= 1.2x),
 * the registry requests of the full run (goal: at most one per model beyond the
 * pages) and each process's peak memory.
 *
 *   yarn bench                      # N = 5000
 *   BENCH_MODELS=500 yarn bench
 */
import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleMlCatalog from '@lab2live/plugin-catalog-backend-module-ml-catalog';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import {
  FakeRegisteredModel,
  FakeRegistry,
  run,
  version,
} from '../src/__testUtils__/fakeRegistry';
import { toModelEntities } from '../src/toEntities';
import mlflowEntityProviderModule from '../src';

const N = Number(process.env.BENCH_MODELS ?? 5000);
const PAGE_SIZE = 100;
const DATASETS = 50;
const RESULT_PREFIX = 'bench-result=';
const databaseRoot =
  process.env.BENCH_DB_DIR ??
  (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());

function registry() {
  const models: FakeRegisteredModel[] = [];
  const runs: ConstructorParameters<typeof FakeRegistry>[1] = {};
  for (let i = 0; i < N; i++) {
    const name = `model-${i}`;
    models.push({
      name,
      description: `Benchmark model ${i}, registered by team ${i % 10}.`,
      tags: [
        { key: 'owner', value: `group:team-${i % 10}` },
        { key: 'system', value: 'bench' },
        { key: 'type', value: 'classification' },
      ],
      aliases: [{ alias: 'champion', version: '3' }],
      versions: [version(name, 1), version(name, 2), version(name, 3)],
    });
    runs[`${name}-run-3`] = run(
      `${name}-run-3`,
      { auc: 0.8 + (i % 100) / 1000, log_loss: 0.3 },
      [
        {
          name: `features-${i % DATASETS}`,
          digest: `d${i % DATASETS}`,
          context: 'training',
        },
        { name: `holdout-${i % DATASETS}`, context: 'eval' },
      ],
    );
  }
  return new FakeRegistry(models, runs, PAGE_SIZE);
}

const ENTITY_OPTIONS = {
  uiUrl: 'https://mlflow.example.com',
  tags: { owner: 'owner', system: 'system', type: 'type' },
  defaultOwner: 'group:ml-platform',
  environments: ['dev', 'staging', 'production'],
  lifecycleStages: [
    'experimental',
    'development',
    'staging',
    'production',
    'deprecated',
    'retired',
  ],
};

/** The entities the provider makes, as a team would write them in YAML. */
function yamlEntities(): Entity[] {
  const { models, runs } = registry();
  const byRef = new Map<string, Entity>();
  for (const model of models) {
    const { model: entity, datasets } = toModelEntities({
      registered: model,
      described: { environment: 'production', version: model.versions[2] },
      run: runs[`${model.name}-run-3`],
      options: ENTITY_OPTIONS,
    });
    for (const e of [entity, ...datasets]) {
      const annotations = { ...e.metadata.annotations };
      delete annotations[ANNOTATION_LOCATION];
      delete annotations[ANNOTATION_ORIGIN_LOCATION];
      delete annotations['lab2live.io/source'];
      byRef.set(`${e.kind}:${e.metadata.name}`, {
        ...e,
        metadata: { ...e.metadata, annotations },
      });
    }
  }
  return [...byRef.values()];
}

async function side(which: 'mlflow' | 'yaml') {
  const dir = fs.mkdtempSync(path.join(databaseRoot, 'lab2live-mlflow-bench-'));
  const file = path.join(dir, 'models.yaml');
  if (which === 'yaml') {
    fs.writeFileSync(
      file,
      yamlEntities()
        .map(e => yaml.stringify(e))
        .join('---\n'),
    );
  }
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };
  const started = process.hrtime.bigint();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleMlCatalog,
      mlflowEntityProviderModule,
      databaseServiceFactory,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'better-sqlite3',
              connection: { directory: dir },
            },
          },
          catalog: {
            rules: [{ allow: ['Location', 'MLModel', 'Dataset'] }],
            processingInterval: { minutes: 30 },
            ...(which === 'yaml'
              ? { locations: [{ type: 'file', target: file }] }
              : {}),
          },
          // Both sides alike: validation and relations through the Lab2Live
          // processor, without declaring the kinds in the catalog's model layer.
          lab2live:
            which === 'mlflow'
              ? {
                  catalogModel: { declareKinds: false },
                  mlflow: {
                    baseUrl: process.env.BENCH_REGISTRY_URL,
                    timeout: 30_000,
                    catalog: {
                      defaultOwner: 'group:ml-platform',
                      pageSize: PAGE_SIZE,
                      uiUrl: 'https://mlflow.example.com',
                    },
                  },
                }
              : { catalogModel: { declareKinds: false } },
        },
      }),
    ],
  });
  if (which === 'mlflow') {
    // The provider's first full run, right after the start (as the scheduler runs it).
    const [task] = await scheduler.getScheduledTasks();
    await scheduler.triggerTask(task.id);
  }
  const count = async (kind: string) => {
    const res = await request(backend.server)
      .get(`/api/catalog/entities/by-query?limit=0&filter=kind=${kind}`)
      .set('Authorization', mockCredentials.user.header());
    return res.body.totalItems as number;
  };
  // Relations are stitched with the entity: the last model and dataset have theirs.
  const related = async (ref: string, type: string) => {
    const res = await request(backend.server)
      .get(`/api/catalog/entities/by-name/${ref}`)
      .set('Authorization', mockCredentials.user.header());
    return (res.body?.relations ?? []).some(
      (r: { type: string }) => r.type === type,
    );
  };
  let lastReport = Date.now();
  for (;;) {
    const [models, datasets] = [await count('mlmodel'), await count('dataset')];
    if (Date.now() - lastReport > 30_000) {
      lastReport = Date.now();
      process.stderr.write(
        `${which}: ${models} models, ${datasets} datasets after ${(
          Number(process.hrtime.bigint() - started) / 1e9
        ).toFixed(0)} s\n`,
      );
    }
    if (
      models >= N &&
      datasets >= 2 * Math.min(N, DATASETS) &&
      (await related(`mlmodel/default/model-${N - 1}`, 'trainedOn')) &&
      (await related(
        `dataset/default/features-${(N - 1) % DATASETS}`,
        'trainingDataFor',
      ))
    ) {
      break;
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await backend.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`${RESULT_PREFIX}${JSON.stringify({ seconds, rss })}`);
}

function runSide(
  which: 'mlflow' | 'yaml',
  env: Record<string, string> = {},
): Promise<{ seconds: number; rss: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, process.execArgv.concat(__filename), {
      env: { ...process.env, ...env, BENCH_ONLY: which },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
    });
    child.on('exit', code => {
      const line = out.split('\n').find(l => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(
          new Error(`the ${which} run failed (exit code ${code})\n${out}`),
        );
      } else {
        resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
      }
    });
  });
}

async function main() {
  const only = process.env.BENCH_ONLY;
  if (only === 'mlflow' || only === 'yaml') {
    await side(only);
    return;
  }
  console.log(
    `MLflow entity provider vs YAML on SQLite files in ${databaseRoot}: ${N} registered models, 3 versions each, ${PAGE_SIZE} per page (Node ${process.version})`,
  );
  // The registry runs here, so the mlflow side's memory is the catalog's alone.
  const fake = registry();
  const url = await fake.start();
  let mlflow;
  try {
    mlflow = await runSide('mlflow', { BENCH_REGISTRY_URL: url });
  } finally {
    await fake.stop();
  }
  const pages = fake.requestsTo('registered-models/search');
  const beyond = fake.requests.length - pages;
  const yamlRun = await runSide('yaml');
  const ratio = mlflow.seconds / yamlRun.seconds;
  const line = (label: string, r: { seconds: number; rss: number }) =>
    console.log(
      `${label.padEnd(
        7,
      )} ${N} models in the catalog with relations in ${r.seconds.toFixed(
        1,
      )} s (${(N / r.seconds).toFixed(0)} models/s), peak RSS ${r.rss.toFixed(
        0,
      )} MiB`,
    );
  line('MLflow', mlflow);
  line('YAML', yamlRun);
  console.log(
    `MLflow/YAML time ratio: ${ratio.toFixed(2)} (goal <= 1.20: ${
      ratio <= 1.2 ? 'met' : 'NOT met'
    })`,
  );
  console.log(
    `Registry requests in the full run: ${
      fake.requests.length
    } = ${pages} search pages + ${beyond} others, ${(beyond / N).toFixed(
      2,
    )} per model beyond the pages (goal <= 1: ${
      beyond <= N ? 'met' : 'NOT met'
    })`,
  );
  // One line per figure for scripts (scripts/step.js --bench keeps them).
  const figures = [
    {
      name: `time until ${N} registered models are in the catalog with relations`,
      value: mlflow.seconds,
      unit: 's',
      reference: 'the same entities as YAML',
      referenceValue: yamlRun.seconds,
      goal: '<= 1.2x',
      met: ratio <= 1.2,
    },
    {
      name: 'registry requests per model beyond the search pages',
      value: beyond / N,
      unit: 'requests',
      reference: 'one per model',
      referenceValue: 1,
      goal: '<= 1',
      met: beyond <= N,
    },
    {
      name: 'peak memory of the catalog reading the registry',
      value: mlflow.rss,
      unit: 'MiB',
      reference: 'the catalog reading YAML',
      referenceValue: yamlRun.rss,
      goal: 'reported',
    },
  ];
  for (const f of figures) {
    console.log(
      `FIGURE ${JSON.stringify({
        ...f,
        value: Math.round(f.value * 100) / 100,
        referenceValue: Math.round(f.referenceValue * 100) / 100,
        ratio: Math.round((f.value / f.referenceValue) * 1000) / 1000,
      })}`,
    );
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
