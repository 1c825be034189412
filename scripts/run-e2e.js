#!/usr/bin/env node
/*
 * Runs the Playwright browser tests and ends with the plain line CI reads:
 * `e2e: N passed, N failed, N flaky`. A test that passed only on its retry is flaky,
 * named here, and fails the run unless .ci/known-flaky.txt lists it (scripts/lib/flaky.js).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { flakyTests } = require('./lib/flaky');

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
let flaky = { known: [], new: [] };
if (fs.existsSync(resultsFile)) {
  const report = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = report.stats.expected;
  failed = report.stats.unexpected;
  flaky = flakyTests(report);
} else {
  failed = 1;
  console.error('run-e2e: playwright wrote no results file');
}
for (const test of flaky.known) {
  console.log(`flaky (known: ${test.reason}): ${test.title}`);
}
for (const test of flaky.new) {
  console.error(
    `run-e2e: FAILED: flaky, passed only on its retry: ${test.title} (fix it, or list it in .ci/known-flaky.txt with the reason)`,
  );
}
const flakyCount = flaky.known.length + flaky.new.length;
console.log(
  `e2e: ${passed} passed, ${failed} failed${
    flakyCount ? `, ${flakyCount} flaky` : ''
  }`,
);
process.exit(
  run.status === 0 && failed === 0 && flaky.new.length === 0 ? 0 : 1,
);
