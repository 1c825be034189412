#!/usr/bin/env node
/*
 * make dynamic-plugins: Lab2Live for Red Hat Developer Hub. Exports the backend plugin,
 * the backend modules and the front-end plugin as dynamic plugins with the
 * @red-hat-developer-hub/cli (from the npm registry), packs each export into
 * dist-packs/dynamic/ with the integrity a dynamic-plugins.yaml entry names, checks that
 * the front-end export built its module federation bundle, and boots a backend that
 * loads every backend export through Backstage's dynamic feature loader, then reads a
 * model, its relations, the Lab2Live API and the scaffolder actions back.
 */
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { waitFor, assertPortFree } = require('./lib/harness');

const RHDH_CLI_VERSION = '1.9.1';
// The registry here can serve a package before the dependencies it names (babel's
// 7.29.16 plugins want 7.29.16 helpers it lacks), which breaks a fresh install of the
// CLI's unlocked tree. Its dependencies are resolved as of this date instead: versions
// that were measured to install.
const RHDH_CLI_DEPS_BEFORE = '2026-11-20T00:00:00Z';

/**
 * The Developer Hub CLI, installed once (only this step needs it) with its dependencies
 * as of the date above, which `npx -y` cannot pin. It is kept outside the checkout, in
 * $RHDH_CLI_CACHE or ~/.cache/lab2live/rhdh-cli-<version>, so every clone on the machine
 * (CI's included) reuses it.
 */
function rhdhCli() {
  const dir =
    process.env.RHDH_CLI_CACHE ??
    path.join(
      os.homedir(),
      '.cache',
      'lab2live',
      `rhdh-cli-${RHDH_CLI_VERSION}`,
    );
  const bin = path.join(dir, 'node_modules', '.bin', 'rhdh-cli');
  const manifest = {
    private: true,
    dependencies: { '@red-hat-developer-hub/cli': RHDH_CLI_VERSION },
  };
  const manifestFile = path.join(dir, 'package.json');
  const wanted = JSON.stringify(manifest, null, 2);
  if (
    !fs.existsSync(bin) ||
    !fs.existsSync(manifestFile) ||
    fs.readFileSync(manifestFile, 'utf8') !== wanted
  ) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(manifestFile, wanted);
    step(`install @red-hat-developer-hub/cli@${RHDH_CLI_VERSION}`);
    run(
      'npm',
      [
        'install',
        `--before=${RHDH_CLI_DEPS_BEFORE}`,
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ],
      dir,
    );
  }
  return bin;
}
const PORT = 7047;
const TOKEN = crypto.randomBytes(24).toString('hex');
const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist-packs', 'dynamic');
const resultFile = path.join(root, '.cache', 'dynamic-plugins-result.json');
const started = Date.now();

// Our libraries are not on the Developer Hub: each export carries them inside.
const BACKEND = [
  'plugins/ml-catalog-backend',
  'plugins/catalog-backend-module-ml-catalog',
  'plugins/scaffolder-backend-module-ml-catalog',
  'plugins/ml-catalog-backend-module-mlflow',
];
const EMBEDDED = [
  '@lab2live/plugin-ml-catalog-common',
  '@lab2live/plugin-ml-catalog-node',
  '@lab2live/ml-catalog-validate',
];
const FRONTEND = ['plugins/ml-catalog'];

function step(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(`\ndynamic-plugins [${seconds} s] ${message}\n`);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
  }
}

/** Exports one package and packs the export; returns what dynamic-plugins.yaml needs. */
function exportPackage(dir) {
  const cwd = path.join(root, dir);
  step(`export ${dir}`);
  fs.rmSync(path.join(cwd, 'dist-dynamic'), { recursive: true, force: true });
  const { dependencies = {} } = JSON.parse(
    fs.readFileSync(path.join(cwd, 'package.json'), 'utf8'),
  );
  const embed = EMBEDDED.filter(name => name in dependencies).flatMap(name => [
    '--embed-package',
    name,
  ]);
  // make pack (a prerequisite) has built every package: a backend export takes its
  // dist/ as it is rather than building it and its embedded packages once more.
  const noBuild = BACKEND.includes(dir) ? ['--no-build'] : [];
  run(rhdhCli(), ['plugin', 'export', ...noBuild, ...embed], cwd);
  const exported = path.join(cwd, 'dist-dynamic');
  const manifest = JSON.parse(
    fs.readFileSync(path.join(exported, 'package.json'), 'utf8'),
  );
  const file = execFileSync(
    'npm',
    ['pack', '--silent', '--pack-destination', out],
    { cwd: exported, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  )
    .trim()
    .split('\n')
    .pop();
  const tarball = path.join(out, file);
  const integrity = `sha512-${crypto
    .createHash('sha512')
    .update(fs.readFileSync(tarball))
    .digest('base64')}`;
  return { dir, exported, name: manifest.name, tarball, integrity };
}

/** Boots the dynamic-plugins host with the backend exports and reads Lab2Live back. */
async function loadInBackend(exports) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'l2l-dynamic-'));
  const pluginsRoot = path.join(work, 'dynamic-plugins-root');
  fs.mkdirSync(pluginsRoot);
  for (const e of exports) {
    // As the Developer Hub installs them: one folder per plugin, named after it.
    fs.cpSync(e.exported, path.join(pluginsRoot, path.basename(e.dir)), {
      recursive: true,
      dereference: true,
    });
  }
  const config = path.join(work, 'app-config.yaml');
  fs.writeFileSync(
    config,
    [
      'app: { baseUrl: http://localhost:3000 }',
      'backend:',
      `  baseUrl: http://localhost:${PORT}`,
      `  listen: { port: ${PORT} }`,
      '  database: { client: better-sqlite3, connection: ":memory:" }',
      // The host has no sign-in; this test calls it as a service with a static token.
      `  auth: { externalAccess: [{ type: static, options: { token: ${TOKEN}, subject: dynamic-plugins-test } }] }`,
      `dynamicPlugins: { rootDirectory: ${pluginsRoot} }`,
      // Governance does not start without its review board.
      'lab2live: { governance: { reviewBoard: [group:default/model-risk-board] } }',
      'catalog:',
      '  processingInterval: { seconds: 5 }',
      '  rules: [{ allow: [Component, System, API, Resource, Location, Group, User, Template, MLModel, Dataset, SLA] }]',
      '  locations:',
      `    - { type: file, target: ${path.join(
        root,
        'examples/entities/models.yaml',
      )} }`,
      '',
    ].join('\n'),
  );
  step('boot a backend that loads the backend exports dynamically');
  const host = spawn(
    process.execPath,
    [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      'dynamic-plugins-host.ts',
      '--config',
      config,
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Plugins outside the backend's folder reach its shared modules through
      // NODE_PATH, as in the Developer Hub's image.
      env: {
        ...process.env,
        NODE_ENV: 'development',
        NODE_PATH: path.join(root, 'node_modules'),
      },
    },
  );
  const logFile = path.join(work, 'host.log');
  const log = fs.createWriteStream(logFile);
  host.stdout.pipe(log);
  host.stderr.pipe(log);
  const base = `http://localhost:${PORT}`;
  const get = async url => {
    const res = await fetch(`${base}${url}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    return { status: res.status, body: await res.text() };
  };
  let exited = false;
  host.on('exit', () => {
    exited = true;
  });
  try {
    await waitFor(
      'the host backend to be ready',
      async () => {
        if (exited) throw new Error('the host backend exited');
        return (await fetch(`${base}/.backstage/health/v1/readiness`)).ok;
      },
      180_000,
    );
    const model = await waitFor(
      'mlmodel:default/churn-predictor in the catalog',
      async () => {
        const res = await get(
          '/api/catalog/entities/by-name/mlmodel/default/churn-predictor',
        );
        return res.status === 200 ? JSON.parse(res.body) : undefined;
      },
      120_000,
    );
    const relations = model.relations.map(r => `${r.type} ${r.targetRef}`);
    if (!relations.includes('trainedOn dataset:default/churn-features')) {
      throw new Error(
        `the dynamic catalog module emitted no trainedOn relation: ${relations.join(
          ', ',
        )}`,
      );
    }
    const status = await get(
      '/api/ml-catalog/models/mlmodel/default/churn-predictor/status',
    );
    if (status.status !== 200) {
      throw new Error(
        `the dynamic ml-catalog plugin answered ${status.status}: ${status.body}`,
      );
    }
    const actions = await get('/api/scaffolder/v2/actions');
    if (!actions.body.includes('lab2live:risk:assess')) {
      throw new Error(
        'the dynamic scaffolder module did not register lab2live:risk:assess',
      );
    }
    const hostLog = fs.readFileSync(logFile, 'utf8');
    for (const e of exports) {
      if (!hostLog.includes(e.name)) {
        throw new Error(`the host did not load ${e.name}`);
      }
    }
  } catch (error) {
    const lines = fs.readFileSync(logFile, 'utf8').split('\n');
    process.stdout.write(
      `\nthe host's log (${logFile}), last lines:\n${lines
        .slice(-40)
        .join('\n')}\n`,
    );
    throw error;
  } finally {
    host.kill('SIGTERM');
  }
  fs.rmSync(work, { recursive: true, force: true });
}

function checkFrontendExport(e) {
  const manifest = JSON.parse(
    fs.readFileSync(
      path.join(e.exported, 'dist-scalprum', 'plugin-manifest.json'),
      'utf8',
    ),
  );
  for (const script of manifest.loadScripts) {
    if (!fs.existsSync(path.join(e.exported, 'dist-scalprum', script))) {
      throw new Error(`${e.name}: ${script} is missing from dist-scalprum`);
    }
  }
  return manifest.name;
}

async function main() {
  fs.rmSync(resultFile, { force: true });
  await assertPortFree(PORT, undefined);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const backend = BACKEND.map(exportPackage);
  const frontend = FRONTEND.map(exportPackage);
  const scopes = frontend.map(checkFrontendExport);
  await loadInBackend(backend);

  process.stdout.write('\ndynamic plugins packed into dist-packs/dynamic/:\n');
  for (const e of [...backend, ...frontend]) {
    const size = (fs.statSync(e.tarball).size / 1024).toFixed(1);
    process.stdout.write(
      `  ${path.basename(e.tarball).padEnd(64)}${size.padStart(
        9,
      )} KiB\n    integrity: ${e.integrity}\n`,
    );
  }
  process.stdout.write(`  front-end scope: ${scopes.join(', ')}\n`);
}

main()
  .then(() => {
    fs.mkdirSync(path.dirname(resultFile), { recursive: true });
    fs.writeFileSync(resultFile, JSON.stringify({ passed: true }));
    process.stdout.write(
      `\ndynamic-plugins: passed in ${Math.round(
        (Date.now() - started) / 1000,
      )} s\n`,
    );
  })
  .catch(error => {
    fs.mkdirSync(path.dirname(resultFile), { recursive: true });
    fs.writeFileSync(resultFile, JSON.stringify({ passed: false }));
    process.stderr.write(`\ndynamic-plugins: FAILED: ${error.message}\n`);
    process.exit(1);
  });
