#!/usr/bin/env node
/*
 * Runs every jest test of the repository (backstage-cli repo test) and ends with the
 * one plain line CI reads: `tests: N passed, N failed` (plus skipped, when any).
 * Database-backed tests say in their own output when a database was not configured;
 * one skipped while its connection variable is set fails the run, since the server it
 * names was meant to be tested.
 *
 * Outside CI, packages whose files, dependencies and lock entries did not change since
 * their tests last passed with the same database variables are not run again (the
 * Backstage CLI's success cache); their counts from that run are added and said so.
 * CI (CI=true) always runs everything.
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const resultsFile = path.join(root, '.cache', 'jest-results.json');
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.rmSync(resultsFile, { force: true });
fs.rmSync(path.join(root, '.cache', 'unit-result.json'), { force: true });

/** The database engines TestDatabases reaches through BACKSTAGE_TEST_DATABASE_* variables. */
const ENGINES = [
  { name: 'PostgreSQL', test: /postgres/i, variable: /^POSTGRES\d+$/ },
  { name: 'MySQL', test: /mysql|mariadb/i, variable: /^MYSQL\d+$/ },
];
const databaseVariables = Object.keys(process.env)
  .filter(key => /^BACKSTAGE_TEST_DATABASE_\w+_CONNECTION_STRING$/.test(key))
  .filter(key => process.env[key])
  .sort();

/** The variable set for the engine a skipped test names, if any. */
function variableFor(testName) {
  for (const engine of ENGINES) {
    if (!engine.test.test(testName)) continue;
    const set = databaseVariables.find(key =>
      engine.variable.test(
        key.replace(/^BACKSTAGE_TEST_DATABASE_|_CONNECTION_STRING$/g, ''),
      ),
    );
    if (set) return set;
  }
  return undefined;
}

const useCache = !process.env.CI && process.argv.length === 2;
// The success cache does not know the environment: a run with a database must not be
// skipped because the same files passed without it.
const cacheDir = path.join(
  root,
  'node_modules',
  '.cache',
  'lab2live-tests',
  crypto
    .createHash('sha1')
    .update(
      databaseVariables.map(key => `${key}=${process.env[key]}`).join('\n'),
    )
    .digest('hex')
    .slice(0, 12),
);
const countsFile = path.join(cacheDir, 'counts.json');
const storedCounts =
  useCache && fs.existsSync(countsFile)
    ? JSON.parse(fs.readFileSync(countsFile, 'utf8'))
    : {};

const run = spawnSync(
  'yarn',
  [
    'backstage-cli',
    'repo',
    'test',
    '--ci',
    '--json',
    `--outputFile=${resultsFile}`,
    ...(useCache ? ['--success-cache', '--success-cache-dir', cacheDir] : []),
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, CI: 'true' } },
);

/** The workspace package a test file belongs to, e.g. plugins/ml-catalog. */
function packageOf(file) {
  const relative = path.relative(root, file).split(path.sep);
  return relative.slice(0, 2).join('/');
}

const counts = {};
let failed = 0;
let noResults = false;
if (fs.existsSync(resultsFile)) {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  for (const file of results.testResults) {
    const pkg = packageOf(file.name);
    counts[pkg] ??= { passed: 0, skipped: [] };
    for (const test of file.assertionResults) {
      if (test.status === 'passed') counts[pkg].passed += 1;
      if (test.status === 'pending' || test.status === 'todo') {
        counts[pkg].skipped.push(test.fullName);
      }
    }
  }
  // A suite that fails to load counts as a failure even though no test ran.
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} else {
  noResults = true;
}

// Packages the success cache left out keep the counts of the run that passed.
const cached = Object.entries(storedCounts).filter(([pkg]) => !counts[pkg]);
if (useCache && run.status === 0 && failed === 0) {
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(
    countsFile,
    JSON.stringify({ ...Object.fromEntries(cached), ...counts }, null, 2),
  );
}
if (noResults && cached.length === 0) {
  failed += 1;
  console.error('run-tests: jest wrote no results file');
}

const all = [...Object.entries(counts), ...cached];
let passed = 0;
let skipped = 0;
const skippedDatabases = [];
for (const [, { passed: p, skipped: names }] of all) {
  passed += p;
  skipped += names.length;
  // Name every skipped test, so a database that was not configured is visible here.
  for (const name of names) {
    console.log(`skipped: ${name}`);
    const variable = variableFor(name);
    if (variable) skippedDatabases.push({ name, variable });
  }
}
for (const { name, variable } of skippedDatabases) {
  console.error(
    `run-tests: FAILED: "${name}" was skipped although ${variable} is set: the test did not reach that server`,
  );
}
failed += skippedDatabases.length;

const cachedPassed = cached.reduce((sum, [, c]) => sum + c.passed, 0);
const note = cached.length
  ? ` (${cachedPassed} of them in ${cached.length} packages unchanged since they passed, not run again)`
  : '';
fs.writeFileSync(
  path.join(root, '.cache', 'unit-result.json'),
  JSON.stringify({ passed, failed, skipped, cachedPassed, skippedDatabases }),
);
const skippedText = skipped ? `, ${skipped} skipped` : '';
console.log(`tests: ${passed} passed, ${failed} failed${skippedText}${note}`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
