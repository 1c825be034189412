#!/usr/bin/env node
/*
 * Runs every jest test of the repository (backstage-cli repo test) and ends with the
 * one plain line CI reads: `tests: N passed, N failed` (plus skipped, when any).
 * Database-backed tests say in their own output when a database was not configured.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const resultsFile = path.join(root, '.cache', 'jest-results.json');
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.rmSync(resultsFile, { force: true });

const run = spawnSync(
  'yarn',
  [
    'backstage-cli',
    'repo',
    'test',
    '--ci',
    '--json',
    `--outputFile=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, CI: 'true' } },
);

let summary = { passed: 0, failed: 0, skipped: 0 };
if (fs.existsSync(resultsFile)) {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  // Name every skipped test, so a database that was not configured is visible here.
  for (const file of results.testResults) {
    for (const test of file.assertionResults) {
      if (test.status === 'pending' || test.status === 'todo') {
        console.log(`skipped: ${test.fullName}`);
      }
    }
  }
  summary = {
    passed: results.numPassedTests,
    // A suite that fails to load counts as a failure even though no test ran.
    failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
    skipped: results.numPendingTests + results.numTodoTests,
  };
} else {
  summary.failed = 1;
  console.error('run-tests: jest wrote no results file');
}

const skipped = summary.skipped ? `, ${summary.skipped} skipped` : '';
console.log(
  `tests: ${summary.passed} passed, ${summary.failed} failed${skipped}`,
);
process.exit(run.status === 0 && summary.failed === 0 ? 0 : 1);
