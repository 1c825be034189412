#!/usr/bin/env node
/*
 * CI's closing report: every step's own time (recorded by scripts/step.js), then the
 * unit, browser, production, install and Developer Hub results added up into one line.
 * A test that passed only on its retry is counted as flaky, not passed; a flaky test
 * not listed in .ci/known-flaky.txt, and a database suite skipped although its
 * connection variable was set, fail the run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { flakyTests } = require('./lib/flaky');
const { provenance, writeBenchRecord } = require('./lib/provenance');

const cache = path.resolve(__dirname, '..', '.cache');
const read = name => {
  const file = path.join(cache, name);
  return fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : undefined;
};

// ------------------------------------------------------------------ step times
let ciRecord;
const stepsDir = path.join(cache, 'steps');
const steps = (fs.existsSync(stepsDir) ? fs.readdirSync(stepsDir) : [])
  .filter(file => file.endsWith('.json'))
  .map(file => read(path.join('steps', file)))
  .sort((a, b) => a.started.localeCompare(b.started));
if (steps.length > 0) {
  const first = Date.parse(steps[0].started);
  const ciStart = read('ci-started.json');
  const origin = ciStart ? Date.parse(ciStart.started) : first;
  console.log('\nstep                 start    took  result');
  for (const step of steps) {
    const at = Math.round((Date.parse(step.started) - origin) / 1000);
    console.log(
      `${step.name.padEnd(20)} ${`+${at} s`.padStart(
        7,
      )} ${`${step.seconds} s`.padStart(7)}  ${
        step.passed ? 'passed' : 'FAILED'
      }`,
    );
  }
  const end = Math.max(
    ...steps.map(s => Date.parse(s.started) + s.seconds * 1000),
  );
  const wall = Math.round((Date.now() - origin) / 1000);
  console.log(
    `wall clock${
      ciStart ? ' since CI started' : ''
    }: ${wall} s (last step ended at +${Math.round(
      (end - origin) / 1000,
    )} s)\n`,
  );
  // CI's own time is a measured figure too (docs/benchmarks.md), written below.
  if (ciStart) {
    ciRecord = {
      figures: [
        {
          name: 'CI on a clean clone, wall clock',
          value: wall,
          unit: 's',
          goal: '<= 720 s',
        },
        ...steps.map(step => ({
          name: `step ${step.name}${step.passed ? '' : ' (FAILED)'}`,
          value: step.seconds,
          unit: 's',
          start: `+${Math.round((Date.parse(step.started) - origin) / 1000)} s`,
        })),
      ],
    };
  }
}

// ------------------------------------------------------------------ results
let passed = 0;
let failed = 0;
let flaky = 0;
const problems = [];

const unit = read('unit-result.json');
if (unit) {
  passed += unit.passed;
  failed += unit.failed;
  for (const { name, variable } of unit.skippedDatabases ?? []) {
    problems.push(
      `database suite skipped although ${variable} is set: ${name}`,
    );
  }
} else {
  failed += 1;
  problems.push('the unit tests wrote no result (.cache/unit-result.json)');
}

const e2e = read('e2e-results.json');
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected;
  const { known, new: fresh } = flakyTests(e2e);
  flaky += known.length + fresh.length;
  for (const test of known) {
    console.log(`flaky (known: ${test.reason}): ${test.title}`);
  }
  for (const test of fresh) {
    failed += 1;
    problems.push(`new flaky test (passed only on its retry): ${test.title}`);
  }
} else {
  failed += 1;
  problems.push('the browser tests wrote no result (.cache/e2e-results.json)');
}

// The production bundle started as its image would start it (make production-test):
// one test per check.
const production = read('production-test-result.json');
if (production) {
  passed += production.passed;
  failed += production.failed;
} else {
  failed += 1;
  problems.push('the production test wrote no result');
}
// The install test of the packed packages in a fresh app (make install-test) and the
// Developer Hub exports loaded dynamically (make dynamic-plugins): one test each.
for (const name of [
  'install-test-result.json',
  'dynamic-plugins-result.json',
]) {
  if (read(name)?.passed) passed += 1;
  else {
    failed += 1;
    problems.push(`${name.replace('-result.json', '')} did not pass`);
  }
}
for (const problem of problems) console.log(`ci: ${problem}`);
const result = `${passed} passed, ${failed} failed${
  flaky ? `, ${flaky} flaky` : ''
}`;
if (ciRecord) {
  writeBenchRecord('ci', provenance('CI=true bash .ci/run'), {
    ...ciRecord,
    result,
  });
}
console.log(result);
process.exit(failed === 0 ? 0 : 1);
