#!/usr/bin/env node
/* Adds up the unit and browser test results of a CI run into one closing line. */
const fs = require('node:fs');
const path = require('node:path');

const cache = path.resolve(__dirname, '..', '.cache');
const read = name => {
  const file = path.join(cache, name);
  return fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : undefined;
};

const unit = read('jest-results.json');
const e2e = read('e2e-results.json');
let passed = 0;
let failed = 0;
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + unit.numRuntimeErrorTestSuites;
} else {
  failed += 1;
}
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
} else {
  failed += 1;
}
// The production bundle started as its image would start it (make production-test):
// one test per check.
const production = read('production-test-result.json');
if (production) {
  passed += production.passed;
  failed += production.failed;
} else {
  failed += 1;
}
// The install test of the packed packages in a fresh app (make install-test) and the
// Developer Hub exports loaded dynamically (make dynamic-plugins): one test each.
for (const name of [
  'install-test-result.json',
  'dynamic-plugins-result.json',
]) {
  if (read(name)?.passed) passed += 1;
  else failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
