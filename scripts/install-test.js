#!/usr/bin/env node
/*
 * make install-test: proves the packed packages work in a Backstage that is not this
 * repository. It creates a fresh app with the create-app of our Backstage release,
 * follows docs/install.md's blocks marked `<!-- install-test: ... -->` word for word,
 * type-checks the legacy exports the guide names, builds the app, boots its backend
 * with the example models, and reads a model, its relations and its pages back
 * through the API and in Chromium. Any wrong step in the guide fails it.
 *
 * INSTALL_TEST_DIR keeps the app in a folder of your choice (default: a temp folder,
 * removed after a passing run). The tarballs come from `make pack` (dist-packs/).
 * `node scripts/install-test.js --steps` only parses the guide and lists its steps.
 */
const {
  spawn,
  spawnSync,
  execFile,
  execFileSync,
} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  waitFor,
  assertPortFree,
  chromiumLaunchOptions,
} = require('./lib/harness');

// The create-app that ships our Backstage release (backstage.json). An upgrade of
// Backstage fails here until this pair is moved along with it.
const BACKSTAGE_RELEASE = '1.55.0';
const CREATE_APP_VERSION = '0.9.2';
const PORT = Number(process.env.INSTALL_TEST_PORT ?? 7037);
const MODEL = 'churn-predictor';

const root = path.resolve(__dirname, '..');
const packs = path.join(root, 'dist-packs');
const screenshots = path.join(root, '.cache', 'screenshots');
const started = Date.now();
const resultFile = path.join(root, '.cache', 'install-test-result.json');

/** What CI's summary counts: one test, passed or failed, and how long it took. */
function record(passed) {
  fs.mkdirSync(path.dirname(resultFile), { recursive: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  fs.writeFileSync(resultFile, JSON.stringify({ passed, seconds }));
}

function step(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(`\ninstall-test [${seconds} s] ${message}\n`);
}

function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
  }
}

/** The install guide the test follows; its marked blocks are the steps. */
const GUIDE = 'docs/install.md';

/** The guide's blocks marked `<!-- install-test: ... -->`, in order. */
function readmeSteps() {
  const readme = fs.readFileSync(path.join(root, GUIDE), 'utf8');
  const marker =
    /<!-- install-test: (.+?) -->\s*\n\s*```(\w+)\n([\s\S]*?)\n```/g;
  return [...readme.matchAll(marker)].map(m => ({
    what: m[1],
    lang: m[2],
    // A first line that is a comment names the file; it is not part of the code.
    lines: m[3]
      .split('\n')
      .filter((line, i) => !(i === 0 && /^\/\//.test(line))),
  }));
}

function packedPackages() {
  const tarballs = fs.existsSync(packs)
    ? fs.readdirSync(packs).filter(f => f.endsWith('.tgz'))
    : [];
  if (tarballs.length === 0)
    throw new Error('no tarballs: run make pack first');
  return tarballs.map(file => {
    const manifest = JSON.parse(
      execFileSync('tar', [
        'xzOf',
        path.join(packs, file),
        'package/package.json',
      ]),
    );
    return {
      name: manifest.name,
      version: manifest.version,
      file: path.join(packs, file),
    };
  });
}

/**
 * Host tools taken at the version this repository's yarn.lock holds. create-app's
 * .yarnrc.yml sets `npmMinimalAgeGate: 3d`, which judges each package on its own: for
 * 51 minutes on 2026-12-04, @playwright/test 1.65.2 was out of the gate while the
 * playwright-core 1.65.2 it names exactly was not, and every install failed (YN0016).
 * The host app's own browser tests play no part here, so their runner is pinned.
 */
const HOST_TOOLS_FROM_OUR_LOCK = ['@playwright/test'];

/** `{ name: version }` for each name, as this repository's yarn.lock resolves it. */
function ownLockVersions(names) {
  const lines = fs
    .readFileSync(path.join(root, 'yarn.lock'), 'utf8')
    .split('\n');
  return Object.fromEntries(
    names.map(name => {
      const at = lines.findIndex(line => line.startsWith(`"${name}@npm:`));
      const version = /^ {2}version: (\S+)$/.exec(lines[at + 1] ?? '')?.[1];
      if (at < 0 || !version) throw new Error(`yarn.lock holds no ${name}`);
      return [name, version];
    }),
  );
}

/** The range a guide command gives a Lab2Live name: the packed version's `^` range. */
function packedRange(packages, name) {
  const found = packages.find(p => p.name === name);
  if (!found)
    throw new Error(
      `docs/install.md installs ${name}, which make pack did not pack`,
    );
  return `^${found.version}`;
}

/** The `yarn --cwd DIR add PACKAGE...` lines of the guide's run blocks. */
function guideAdds(steps) {
  return steps
    .filter(({ what }) => what === 'run')
    .flatMap(({ lines }) => lines)
    .map(line => /^yarn --cwd (\S+) add (.+)$/.exec(line.trim()))
    .filter(Boolean)
    .map(([, dir, names]) => ({ dir, names: names.split(/\s+/) }));
}

/** Writes what the guide's `yarn add` lines add into the manifests they name. */
function seedGuideDependencies(app, steps, packages) {
  for (const { dir, names } of guideAdds(steps)) {
    const file = path.join(app, dir, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const name of names) {
      manifest.dependencies = {
        ...manifest.dependencies,
        [name]: packedRange(packages, name),
      };
    }
    fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

function edit(file, change) {
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before)
    throw new Error(`install guide step changed nothing in ${file}`);
  fs.writeFileSync(file, after);
}

/** Applies one guide block to the app, as a person following docs/install.md would. */
function apply(app, readmeStep, packages) {
  const { what, lines } = readmeStep;
  const code = lines.join('\n');
  let m;
  if (what === 'run') {
    for (const line of lines.filter(l => l.trim() && !l.startsWith('#'))) {
      // Without a registry holding Lab2Live, a name needs a range (docs/install.md says why).
      const command = line.replace(
        /(@lab2live\/[a-z0-9-]+)(?![@\w-])/g,
        name => `${name}@${packedRange(packages, name)}`,
      );
      step(`install guide: ${command}`);
      run('bash', ['-c', command], app);
    }
  } else if ((m = /^insert before "(.+)" in (\S+)$/.exec(what))) {
    edit(path.join(app, m[2]), text => {
      if (!text.includes(m[1])) throw new Error(`${m[2]} has no "${m[1]}"`);
      return text.replace(m[1], `${code}\n\n${m[1]}`);
    });
  } else if ((m = /^insert after "(.+)" in (\S+)$/.exec(what))) {
    edit(path.join(app, m[2]), text => {
      if (!text.includes(m[1])) throw new Error(`${m[2]} has no "${m[1]}"`);
      return text.replace(m[1], `${m[1]}\n${code}`);
    });
  } else if ((m = /^insert after the last import in (\S+)$/.exec(what))) {
    edit(path.join(app, m[1]), text => {
      const imports = [...text.matchAll(/^import [\s\S]*?;$/gm)];
      const last = imports[imports.length - 1];
      const at = last.index + last[0].length;
      return `${text.slice(0, at)}\n${code}${text.slice(at)}`;
    });
  } else if (what === 'config') {
    // Config files merge key by key and a list replaces a list: the same as editing
    // app-config.yaml as docs/install.md says.
    fs.writeFileSync(path.join(app, 'app-config.lab2live.yaml'), `${code}\n`);
  } else if (what === 'compile the imports') {
    const imported = [...code.matchAll(/import \{([^}]+)\} from '([^']+)'/g)];
    const names = imported.flatMap(([, list, from]) =>
      list
        .split(',')
        .map(n => n.trim())
        .filter(Boolean)
        .map(name => ({ name, from })),
    );
    const file = [
      '// Written by the Lab2Live install test: the legacy exports docs/install.md names.',
      ...names.map(({ name, from }) => `import { ${name} } from '${from}';`),
      `export const lab2liveLegacyExports = [${names
        .map(n => n.name)
        .join(', ')}];`,
      '',
    ].join('\n');
    fs.writeFileSync(
      path.join(app, 'packages/app/src/lab2liveLegacy.ts'),
      file,
    );
  } else {
    throw new Error(`unknown install-test step in ${GUIDE}: ${what}`);
  }
}

/**
 * The version of each Backstage package the new app names that belongs to the
 * release of its create-app. create-app pins them through a seed lock file fetched
 * from GitHub, which this machine cannot reach; without it, `^` ranges pick packages
 * of later releases that need newer core services (seen: signals-backend 0.3.21 with
 * backend-defaults 0.18). The newest version in range published within a week of
 * create-app (its release and that release's patches) stands in for the seed.
 */
async function releaseVersions(app) {
  const semver = require('semver');
  // What the registry says does not change for versions published before the cutoff,
  // so the answers are kept per machine and every later run (CI's clean clones
  // included) skips the lookups.
  const cacheFile = path.join(
    os.homedir(),
    '.cache',
    'lab2live',
    `release-pins-create-app-${CREATE_APP_VERSION}.json`,
  );
  const cache = fs.existsSync(cacheFile)
    ? JSON.parse(fs.readFileSync(cacheFile, 'utf8'))
    : {};
  const npmTimes = name =>
    new Promise((resolve, reject) =>
      execFile(
        'npm',
        ['view', name, 'time', '--json'],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
        (error, stdout) =>
          error
            ? reject(new Error(`npm view ${name} time: ${error.message}`))
            : resolve(JSON.parse(stdout)),
      ),
    );
  const ranges = new Map();
  for (const dir of ['.', 'packages/app', 'packages/backend']) {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(app, dir, 'package.json'), 'utf8'),
    );
    for (const [name, range] of Object.entries({
      ...pkg.dependencies,
      ...pkg.devDependencies,
    })) {
      if (name.startsWith('@backstage/')) ranges.set(name, range);
    }
  }
  let cutoff = cache['@backstage/create-app'];
  if (cutoff === undefined) {
    cutoff =
      Date.parse(
        (await npmTimes('@backstage/create-app'))[CREATE_APP_VERSION],
      ) +
      7 * 24 * 3600_000;
  }
  const pins = {};
  const missing = [...ranges].filter(
    ([name, range]) => !cache[`${name}@${range}`],
  );
  // The lookups run side by side, a few at a time.
  for (let i = 0; i < missing.length; i += 8) {
    await Promise.all(
      missing.slice(i, i + 8).map(async ([name, range]) => {
        const times = await npmTimes(name);
        const inRelease = Object.keys(times).filter(
          v =>
            semver.valid(v) &&
            !semver.prerelease(v) &&
            semver.satisfies(v, range) &&
            Date.parse(times[v]) <= cutoff,
        );
        cache[`${name}@${range}`] = {
          version: semver.maxSatisfying(inRelease, range),
        };
      }),
    );
  }
  for (const [name, range] of ranges) {
    const { version } = cache[`${name}@${range}`];
    if (version) pins[name] = version;
  }
  cache['@backstage/create-app'] = cutoff;
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify(cache, null, 2));
  return pins;
}

async function checkRunningApp(base, alive) {
  const refresh = await fetch(
    `${base}/api/auth/guest/refresh?env=development`,
    {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    },
  );
  if (!refresh.ok) throw new Error(`guest sign-in answered ${refresh.status}`);
  const token = (await refresh.json()).backstageIdentity.token;
  const get = async url => {
    const res = await fetch(`${base}${url}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return {
      status: res.status,
      body: res.ok ? await res.json() : await res.text(),
    };
  };

  step(`API: the catalog holds mlmodel:default/${MODEL} with its relations`);
  const model = await waitFor(
    `mlmodel:default/${MODEL} in the catalog`,
    () =>
      alive(async () => {
        const res = await get(
          `/api/catalog/entities/by-name/mlmodel/default/${MODEL}`,
        );
        return res.status === 200 ? res.body : undefined;
      }),
    120_000,
  );
  const relations = model.relations.map(r => `${r.type} ${r.targetRef}`);
  for (const expected of [
    'ownedBy group:default/data-science',
    'partOf system:default/customer-retention',
    'trainedOn dataset:default/churn-features',
    'hasSla sla:default/churn-scoring',
    'servedBy component:default/churn-scoring-api',
  ]) {
    if (!relations.includes(expected)) {
      throw new Error(
        `relation "${expected}" missing; got ${relations.join(', ')}`,
      );
    }
  }
  const invalid = await fetch(`${base}/api/ml-catalog/status`);
  if (invalid.status !== 401) {
    throw new Error(
      `the Lab2Live API answered ${invalid.status} without a token`,
    );
  }
  const status = await get(
    `/api/ml-catalog/models/mlmodel/default/${MODEL}/status`,
  );
  if (status.status !== 200) {
    throw new Error(
      `the Lab2Live status API answered ${status.status}: ${JSON.stringify(
        status.body,
      )}`,
    );
  }

  step('browser: the model catalog page and the model page');
  const { chromium } = require('@playwright/test');
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${base}/ml-models`);
    const enter = page.getByRole('button', { name: 'Enter' });
    const title = page.getByText('Customer churn predictor').first();
    await waitFor(
      'the sign-in page or the model list',
      async () => (await enter.isVisible()) || (await title.isVisible()),
      60_000,
    );
    if (await enter.isVisible()) await enter.click();
    await title.waitFor({ timeout: 60_000 });
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({
      path: path.join(screenshots, 'install-test-ml-models.png'),
    });
    await page.goto(`${base}/catalog/default/mlmodel/${MODEL}`);
    await page.getByText('Model card').first().waitFor({ timeout: 60_000 });
    await page.getByText('Intended use').first().waitFor({ timeout: 30_000 });
    // The compliance badge of the model page's header, in this app too.
    await page
      .getByLabel(/^Compliance: /)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({
      path: path.join(screenshots, 'install-test-model-page.png'),
      fullPage: true,
    });
  } finally {
    await browser.close();
  }
}

async function main() {
  fs.rmSync(resultFile, { force: true });
  const release = JSON.parse(
    fs.readFileSync(path.join(root, 'backstage.json'), 'utf8'),
  );
  if (release.version !== BACKSTAGE_RELEASE) {
    throw new Error(
      `backstage.json is ${release.version}: set BACKSTAGE_RELEASE and CREATE_APP_VERSION in ${__filename}`,
    );
  }
  // A server left on the port would answer the checks in place of the app under test.
  await assertPortFree(PORT, 'INSTALL_TEST_PORT');
  const packages = packedPackages();
  const work =
    process.env.INSTALL_TEST_DIR ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'l2l-install-'));
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  // create-app checks for yarn where it runs; corepack needs a version to run there.
  const { packageManager } = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  );
  fs.writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ private: true, packageManager }),
  );
  const app = path.join(work, 'app');
  // The app's yarn asks the registry npm is configured with.
  const registry = execFileSync('npm', ['config', 'get', 'registry'], {
    encoding: 'utf8',
  }).trim();
  process.env.YARN_NPM_REGISTRY_SERVER = registry;
  // The new app is a user's own, not a CI checkout: its lock file may change (yarn
  // turns immutable installs on when CI is set).
  process.env.YARN_ENABLE_IMMUTABLE_INSTALLS = 'false';
  // Its node_modules links the files this machine's yarn store already holds (the root
  // install's), as `make setup` does, instead of copying them again.
  process.env.YARN_NM_MODE = 'hardlinks-global';

  step(
    `npx @backstage/create-app@${CREATE_APP_VERSION} (Backstage ${BACKSTAGE_RELEASE})`,
  );
  run(
    'npx',
    [
      '-y',
      `@backstage/create-app@${CREATE_APP_VERSION}`,
      '--path',
      'app',
      '--skip-install',
    ],
    work,
    {
      BACKSTAGE_APP_NAME: 'lab2live-host',
    },
  );

  step(`pin the host's Backstage packages to release ${BACKSTAGE_RELEASE}`);
  const releasePins = await releaseVersions(app);

  step(
    'the tarballs of make pack stand in for the registry (install guide step 1)',
  );
  const manifestFile = path.join(app, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  manifest.resolutions = {
    ...manifest.resolutions,
    ...releasePins,
    ...ownLockVersions(HOST_TOOLS_FROM_OUR_LOCK),
    ...Object.fromEntries(packages.map(p => [p.name, `file:${p.file}`])),
  };
  // The host skips the same builds this repository skips (keytar, ssh2, ...): tools
  // neither app uses, whose compiling would only slow the test down.
  manifest.dependenciesMeta = {
    ...manifest.dependenciesMeta,
    ...JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
      .dependenciesMeta,
  };
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  const steps = readmeSteps();
  if (steps.length < 5)
    throw new Error(`${GUIDE} has ${steps.length} install-test blocks`);
  // The app's one full install already holds what the guide's `yarn add` lines add, so
  // yarn links its 2,500 packages once; those lines still run below, word for word,
  // and must succeed, but find the tree in place.
  seedGuideDependencies(app, steps, packages);
  run('yarn', ['install'], app);
  for (const readmeStep of steps) {
    if (readmeStep.what !== 'run') step(`install guide: ${readmeStep.what}`);
    apply(app, readmeStep, packages);
  }

  step('type check (both frontend systems) and build the app');
  run('yarn', ['tsc', '--noEmit'], app);
  run('yarn', ['workspace', 'app', 'build'], app);

  step('boot the backend with the example models');
  await assertPortFree(PORT, 'INSTALL_TEST_PORT');
  fs.writeFileSync(
    path.join(app, 'app-config.install-test.yaml'),
    [
      `app: { baseUrl: 'http://localhost:${PORT}' }`,
      'backend:',
      `  baseUrl: http://localhost:${PORT}`,
      `  listen: { port: ${PORT} }`,
      `  cors: { origin: 'http://localhost:${PORT}' }`,
      'catalog:',
      '  processingInterval: { seconds: 5 }',
      '  locations:',
      '    - type: file',
      `      target: ${path.join(root, 'examples/entities/models.yaml')}`,
      '',
    ].join('\n'),
  );
  const backend = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.lab2live.yaml',
      '--config',
      '../../app-config.install-test.yaml',
    ],
    { cwd: app, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const log = fs.createWriteStream(path.join(work, 'backend.log'));
  backend.stdout.pipe(log);
  backend.stderr.pipe(log);
  // The backend under test is watched: if it exits, the test stops at once with its log
  // rather than waiting out its timeouts.
  let exited;
  backend.on('exit', (code, signal) => {
    exited = `the host backend exited (${signal ?? `code ${code}`})`;
  });
  const alive = async check => {
    if (exited) throw new Error(exited);
    return check();
  };
  const base = `http://localhost:${PORT}`;
  try {
    await waitFor(
      'the backend to be ready',
      () =>
        alive(
          async () =>
            (
              await fetch(`${base}/.backstage/health/v1/readiness`)
            ).ok,
        ),
      180_000,
    );
    await checkRunningApp(base, alive);
    if (exited) throw new Error(exited);
  } catch (error) {
    process.stdout.write(
      `\nthe host backend's log (${path.join(
        work,
        'backend.log',
      )}), last lines:\n`,
    );
    const lines = fs
      .readFileSync(path.join(work, 'backend.log'), 'utf8')
      .split('\n');
    process.stdout.write(`${lines.slice(-40).join('\n')}\n`);
    throw error;
  } finally {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (!process.env.INSTALL_TEST_DIR)
    fs.rmSync(work, { recursive: true, force: true });
  process.stdout.write(`\ninstall-test: passed in ${seconds} s\n`);
}

if (process.argv.includes('--steps')) {
  const steps = readmeSteps();
  for (const { what, lang, lines } of steps)
    process.stdout.write(`${what} (${lang}, ${lines.length} lines)\n`);
  process.stdout.write(`install-test: ${steps.length} steps in ${GUIDE}\n`);
  process.exit(steps.length < 5 ? 1 : 0);
}

main()
  .then(() => record(true))
  .catch(error => {
    record(false);
    process.stderr.write(`\ninstall-test: FAILED: ${error.message}\n`);
    process.exit(1);
  });
