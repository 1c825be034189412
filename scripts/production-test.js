#!/usr/bin/env node
/*
 * make production-test: the production build, run as its image would run it.
 *
 * No Docker engine runs here, so this script does on the host what
 * packages/backend/Dockerfile says, read from the Dockerfile itself: `yarn
 * build:backend` (the bundle and the front end in it), the Dockerfile's COPY steps into
 * a fresh folder under .cache/, its RUN steps (all but the apt-get and corepack ones,
 * which toolchain.sh stands in for), then its CMD with NODE_ENV=production on
 * PostgreSQL (127.0.0.1:5432, databases named for this run and dropped at the end).
 * One test-only config file is layered on top: the port, the database prefix, two
 * example files as catalog locations and a named reporter.
 *
 * Then it checks over HTTP what a production start must and must not do, prints one
 * line per check and `production-test: N passed, N failed`, and exits non-zero on any
 * failure. `--no-build` reuses packages/backend/dist (make e2e builds it first).
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { waitFor, assertPortFree } = require('./lib/harness');

const root = path.resolve(__dirname, '..');
const work = path.join(root, '.cache', 'production-test');
/** What /app holds in the image. */
const image = path.join(work, 'app');
const resultFile = path.join(root, '.cache', 'production-test-result.json');
const PORT = Number(process.env.PRODUCTION_TEST_PORT ?? 7057);
const BASE = `http://localhost:${PORT}`;
const RUN_ID = crypto.randomBytes(4).toString('hex');
/** Backstage makes one database per plugin: `<prefix><pluginId>`. */
const DB_PREFIX = `l2l_prodtest_${RUN_ID}_`;
const CI_TOKEN = crypto.randomBytes(24).toString('hex');
const REVIEW_BOARD = 'group:default/model-risk-board';
const REPORTER_OWNER = 'group:default/payments';
const IN_SCOPE_MODEL = 'mlmodel:default/payment-fraud-detector'; // owned by payments
const OTHER_MODEL = 'mlmodel:default/churn-predictor'; // owned by data-science
const PG = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  password: 'postgres', // ignored under trust authentication
};
const { Client } = require(require.resolve('pg', {
  paths: [path.join(root, 'packages/backend')],
}));

const started = Date.now();
const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;
const say = text => process.stdout.write(`production-test: ${text}\n`);

// ---------------------------------------------------------------- the checks

const results = [];
function record(passed, what, detail) {
  results.push({ passed, what, detail });
  say(`${passed ? 'PASS' : 'FAIL'}  ${what}${detail ? ` (${detail})` : ''}`);
}
async function check(what, fn) {
  try {
    record(true, what, await fn());
  } catch (error) {
    record(false, what, error.message);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function http(method, url, { token, body, headers = {} } = {}) {
  const response = await fetch(`${BASE}${url}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text,
    json,
  };
}
const brief = res =>
  `${res.status} ${
    res.json?.error
      ? JSON.stringify(res.json.error.message)
      : res.text.slice(0, 120)
  }`;

// ---------------------------------------------------------------- the Dockerfile

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function readDockerfile() {
  const text = fs.readFileSync(
    path.join(root, 'packages/backend/Dockerfile'),
    'utf8',
  );
  return text
    .split('\n')
    .filter(line => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)
    .map(line => {
      const [, op, args] = line.match(/^(\w+)\s+(.*)$/);
      return { op: op.toUpperCase(), args: args.trim() };
    });
}

/**
 * Whether docker would send `source` with the build context: .dockerignore leaves out
 * everything (`*`) and lets in the paths it names with `!`.
 */
function inBuildContext(source) {
  const lines = fs
    .readFileSync(path.join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'));
  if (lines[0] !== '*') {
    throw new Error('.dockerignore should start by leaving out everything (*)');
  }
  return lines.includes(`!${source}`);
}

/** The Dockerfile's ENV, COPY and RUN steps done in `image`; returns ENV and CMD. */
function buildImageFolder(instructions) {
  const env = {};
  let cmd;
  for (const { op, args } of instructions) {
    if (op === 'FROM') {
      const major = args.match(/^node:(\d+)/)?.[1];
      const ours = process.versions.node.split('.')[0];
      if (major !== ours) {
        throw new Error(
          `the image runs Node ${major}, this host Node ${ours}: the test would not run what the image runs`,
        );
      }
    } else if (op === 'ENV') {
      for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) {
        env[key] = value;
      }
    } else if (op === 'COPY') {
      const parts = args.split(/\s+/).filter(part => !part.startsWith('--'));
      const dest = path.join(image, parts.pop());
      fs.mkdirSync(dest, { recursive: true });
      for (const source of parts) {
        if (!inBuildContext(source)) {
          throw new Error(
            `the Dockerfile copies ${source}, which .dockerignore keeps out of the build context`,
          );
        }
        fs.cpSync(
          path.join(root, source),
          path.join(dest, path.basename(source)),
          {
            recursive: true,
          },
        );
      }
    } else if (op === 'RUN') {
      const command = args.replace(/--mount=\S+\s*/g, '').trim();
      if (/apt-get|corepack/.test(command)) {
        say(`(host toolchain stands in for: ${command.slice(0, 60)}...)`);
        continue;
      }
      say(`RUN ${command}`);
      const runStarted = Date.now();
      // As in a docker build: the image's ENV and no CI variable; the host's toolchain
      // on PATH and Node's headers for node-gyp (npm_config_nodedir, toolchain.sh).
      const buildEnv = { ...process.env, ...env };
      delete buildEnv.CI;
      const run = spawnSync('sh', ['-c', command], {
        cwd: image,
        env: buildEnv,
        encoding: 'utf8',
      });
      if (run.status !== 0) {
        throw new Error(
          `RUN ${command} failed (${run.status}):\n${(
            run.stdout + run.stderr
          ).slice(-3000)}`,
        );
      }
      say(`  done in ${Math.round((Date.now() - runStarted) / 1000)} s`);
    } else if (op === 'CMD') {
      cmd = JSON.parse(args);
    }
  }
  if (!cmd) throw new Error('the Dockerfile has no CMD');
  return { env, cmd };
}

// ---------------------------------------------------------------- PostgreSQL, port

async function dropDatabases() {
  const client = new Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${DB_PREFIX}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    }
    return rows.length;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- the backend

/** Starts the Dockerfile's CMD in its own process group, as the container would. */
function startBackend({ cmd, env }, extraEnv, logName) {
  const [program, ...args] = cmd;
  const child = spawn(
    program === 'node' ? process.execPath : program,
    [...args, '--config', path.join(work, 'app-config.production-test.yaml')],
    {
      cwd: image,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A container's environment: the image's ENV and what the operator passes in,
      // none of this machine's variables besides PATH and HOME.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...env,
        ...extraEnv,
      },
    },
  );
  const logFile = path.join(work, logName);
  const log = fs.createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.exited = new Promise(resolve =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  child.logFile = logFile;
  running.add(child);
  child.exited.then(() => running.delete(child));
  return child;
}

const running = new Set();
async function stopAll() {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const killed = await Promise.race([
      child.exited,
      new Promise(resolve => setTimeout(() => resolve(undefined), 10_000)),
    ]);
    if (!killed) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll()
      .then(dropDatabases)
      .finally(() => process.exit(1));
  });
}

function operatorEnv(overrides = {}) {
  const env = {
    APP_BASE_URL: BASE,
    BACKEND_BASE_URL: BASE,
    POSTGRES_HOST: PG.host,
    POSTGRES_PORT: String(PG.port),
    POSTGRES_USER: PG.user,
    POSTGRES_PASSWORD: PG.password,
    LAB2LIVE_CI_TOKEN: CI_TOKEN,
    LAB2LIVE_REVIEW_BOARD: REVIEW_BOARD,
    NODE_ENV: 'production',
    ...overrides,
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete env[key];
  }
  return env;
}

function writeTestConfig() {
  fs.writeFileSync(
    path.join(work, 'app-config.production-test.yaml'),
    [
      '# production-test only, layered on app-config.production.yaml.',
      'backend:',
      `  listen: { port: ${PORT} }`,
      // Databases of this run only: <prefix><pluginId>, dropped at the end.
      `  database: { prefix: ${DB_PREFIX} }`,
      'catalog:',
      // Static locations from config are read whatever locations the API allows.
      '  locations:',
      '    - type: file',
      `      target: ${path.join(root, 'examples/entities/org.yaml')}`,
      '      rules: [{ allow: [Group, User] }]',
      '    - type: file',
      `      target: ${path.join(root, 'examples/entities/models.yaml')}`,
      'lab2live:',
      '  reporters:',
      '    - subject: ci-pipelines',
      `      models: { owners: [${REPORTER_OWNER}] }`,
      '      environments: [staging, production]',
      '',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------- main

async function main() {
  fs.rmSync(resultFile, { force: true });
  await assertPortFree(PORT, 'PRODUCTION_TEST_PORT');

  if (!process.argv.includes('--no-build')) {
    say('yarn build:backend (the backend bundle, with the front end)');
    const build = spawnSync('yarn', ['build:backend'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new Error('yarn build:backend failed');
    say(`  built in ${seconds()}`);
  }
  for (const file of ['skeleton.tar.gz', 'bundle.tar.gz']) {
    if (!fs.existsSync(path.join(root, 'packages/backend/dist', file))) {
      throw new Error(
        `packages/backend/dist/${file} is missing: run yarn build:backend`,
      );
    }
  }

  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(image, { recursive: true });
  const installStarted = Date.now();
  const container = buildImageFolder(readDockerfile());
  say(
    `image folder ready in ${Math.round(
      (Date.now() - installStarted) / 1000,
    )} s: ${path.relative(root, image)}`,
  );
  writeTestConfig();

  try {
    await check(
      'without lab2live.governance.reviewBoard the backend refuses to start, naming the key',
      async () => {
        const child = startBackend(
          container,
          operatorEnv({ LAB2LIVE_REVIEW_BOARD: undefined }),
          'backend-without-review-board.log',
        );
        const exit = await Promise.race([
          child.exited,
          new Promise(resolve => setTimeout(() => resolve(undefined), 120_000)),
        ]);
        const log = fs.readFileSync(child.logFile, 'utf8');
        expect(exit, 'it was still running after 120 s');
        expect(exit.code !== 0, `it exited with ${exit.code}`);
        // The log is JSON lines; the key must be in a message.
        const message = log
          .split('\n')
          .map(line => {
            try {
              return JSON.parse(line).message ?? '';
            } catch {
              return line;
            }
          })
          .find(text => text.includes('lab2live.governance.reviewBoard'));
        expect(message, `its log does not name the key:\n${log.slice(-1500)}`);
        const cause = message.slice(
          message.indexOf('lab2live.governance.reviewBoard'),
        );
        return `exit ${exit.code}: "${cause.slice(0, 100)}..."`;
      },
    );
    // Nothing of that start may remain: the real start below begins fresh.
    await stopAll();
    await dropDatabases();

    say(`starting: NODE_ENV=production ${container.cmd.join(' ')}`);
    const backend = startBackend(container, operatorEnv(), 'backend.log');
    let exited = false;
    backend.exited.then(() => {
      exited = true;
    });

    await check(
      'the backend is up: /.backstage/health/v1/readiness',
      async () => {
        const readyStarted = Date.now();
        await waitFor(
          'readiness',
          async () => {
            if (exited) throw new Error('the backend exited');
            return (
              (await http('GET', '/.backstage/health/v1/readiness')).status ===
              200
            );
          },
          180_000,
        );
        return `200 after ${Math.round((Date.now() - readyStarted) / 1000)} s`;
      },
    );
    if (exited) {
      throw new Error(
        `the backend exited; its log:\n${fs
          .readFileSync(backend.logFile, 'utf8')
          .slice(-3000)}`,
      );
    }

    await check('the built app is served at /', async () => {
      const res = await http('GET', '/');
      expect(res.status === 200, `GET / answered ${res.status}`);
      expect(res.type.startsWith('text/html'), `content type ${res.type}`);
      expect(res.text.includes('<title>Lab2Live</title>'), 'no Lab2Live title');
      return `200 ${res.type}, ${res.text.length} bytes`;
    });

    await check(
      'guest sign-in is refused (there is no guest provider)',
      async () => {
        const res = await http(
          'GET',
          '/api/auth/guest/refresh?env=production',
          {
            headers: {
              'X-Requested-With': 'XMLHttpRequest',
              Cookie: 'lab2live-sign-in-as=dana',
            },
          },
        );
        expect(res.status === 404, `answered ${brief(res)}`);
        expect(!res.json?.backstageIdentity, 'it issued an identity');
        return brief(res);
      },
    );

    await check(
      'a file location is refused with a 400 naming the allowed type',
      async () => {
        const res = await http('POST', '/api/catalog/locations', {
          token: CI_TOKEN,
          body: { type: 'file', target: '/etc/passwd' },
        });
        expect(res.status === 400, `answered ${brief(res)}`);
        expect(
          res.json?.error?.message ===
            'Registered locations must be of an allowed type ["url"]',
          `answered ${brief(res)}`,
        );
        const list = await http('GET', '/api/catalog/locations', {
          token: CI_TOKEN,
        });
        expect(
          !list.text.includes('/etc/passwd'),
          'the location was stored anyway',
        );
        return brief(res);
      },
    );

    await check('an unknown static token is refused with 401', async () => {
      const read = await http('GET', '/api/catalog/entities?limit=1', {
        token: 'not-a-configured-token-0123456789',
      });
      expect(read.status === 401, `a catalog read answered ${brief(read)}`);
      const write = await http('POST', '/api/ml-catalog/deployments', {
        token: 'not-a-configured-token-0123456789',
        body: deployment(IN_SCOPE_MODEL, 'staging', 'unknown-token'),
      });
      expect(write.status === 401, `a deployment answered ${brief(write)}`);
      return `catalog ${read.status}, deployments ${write.status}`;
    });

    await check(
      'the example models and the organisation are in the catalog',
      async () => {
        const catalogStarted = Date.now();
        for (const ref of [IN_SCOPE_MODEL, OTHER_MODEL, REVIEW_BOARD]) {
          const [kind, rest] = ref.split(':');
          await waitFor(
            ref,
            async () =>
              (
                await http(
                  'GET',
                  `/api/catalog/entities/by-name/${kind}/${rest}`,
                  { token: CI_TOKEN },
                )
              ).status === 200,
            180_000,
          );
        }
        return `after ${Math.round((Date.now() - catalogStarted) / 1000)} s`;
      },
    );

    let reporterAccepted = false;
    await check(
      `the named reporter (ci-pipelines) reports for a model of ${REPORTER_OWNER}: 201`,
      async () => {
        const res = await http('POST', '/api/ml-catalog/deployments', {
          token: CI_TOKEN,
          body: deployment(IN_SCOPE_MODEL, 'staging', 'in-scope'),
        });
        expect(res.status === 201, `answered ${brief(res)}`);
        reporterAccepted = true;
        return `${res.status}`;
      },
    );
    // A refusal proves the scope only when the same reporter is accepted in scope.
    const inScopeFirst = () =>
      expect(
        reporterAccepted,
        'proves nothing: the reporter was refused for its own model too',
      );

    await check(
      "the named reporter is refused for another team's model: 403",
      async () => {
        const res = await http('POST', '/api/ml-catalog/deployments', {
          token: CI_TOKEN,
          body: deployment(OTHER_MODEL, 'staging', 'other-model'),
        });
        expect(res.status === 403, `answered ${brief(res)}`);
        inScopeFirst();
        expect(
          res.json?.error?.name === 'NotAllowedError',
          `error ${res.json?.error?.name}`,
        );
        return brief(res);
      },
    );

    await check(
      'the named reporter is refused for an environment it is not named for: 403',
      async () => {
        const res = await http('POST', '/api/ml-catalog/deployments', {
          token: CI_TOKEN,
          body: deployment(IN_SCOPE_MODEL, 'dev', 'other-environment'),
        });
        expect(res.status === 403, `answered ${brief(res)}`);
        inScopeFirst();
        return brief(res);
      },
    );

    await check('the backend is still running', async () => {
      expect(!exited, 'it exited');
      return `after ${seconds()}`;
    });
  } finally {
    await stopAll();
    const dropped = await dropDatabases().catch(error => {
      say(`could not drop the test databases: ${error.message}`);
      return 0;
    });
    say(`stopped the backend, dropped ${dropped} databases (${DB_PREFIX}*)`);
  }
}

function deployment(model, environment, what) {
  return {
    eventId: `production-test-${RUN_ID}-${what}`,
    model,
    environment,
    version: '1',
    status: 'healthy',
    timestamp: new Date().toISOString(),
  };
}

main()
  .catch(error => {
    record(false, 'the production test ran to the end', error.message);
  })
  .finally(() => {
    const passed = results.filter(r => r.passed).length;
    const failed = results.length - passed;
    fs.mkdirSync(path.dirname(resultFile), { recursive: true });
    fs.writeFileSync(
      resultFile,
      JSON.stringify({ passed, failed, checks: results }, null, 2),
    );
    if (failed > 0) {
      say(`logs: ${path.relative(root, work)}/*.log`);
    }
    say(`took ${seconds()}`);
    console.log(`production-test: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  });
