#!/usr/bin/env node
/*
 * Runs the Playwright browser tests and ends with the plain line CI reads:
 * `e2e: N passed, N failed`.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const resultsFile = path.join(root, '.cache', 'e2e-results.json');
fs.rmSync(resultsFile, { force: true });

const run = spawnSync(
  'yarn',
  ['playwright', 'test', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

let passed = 0;
let failed = 0;
if (fs.existsSync(resultsFile)) {
  const { stats } = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = stats.expected + stats.flaky;
  failed = stats.unexpected;
} else {
  failed = 1;
  console.error('run-e2e: playwright wrote no results file');
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
