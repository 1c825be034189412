/*
 * Flaky browser tests: Playwright retries a failed test once in CI, and a test that
 * passed only on its retry is flaky, not passed. Each is named; one not listed in
 * .ci/known-flaky.txt (title, then " -- " and why it is known) fails the run.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const allowListFile = path.join(root, '.ci', 'known-flaky.txt');

/** Every test of a Playwright JSON report, with its full title and status. */
function playwrightTests(report) {
  const tests = [];
  const walk = (suite, titles) => {
    const here = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        tests.push({
          title: [...here, spec.title].join(' > '),
          status: test.status,
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return tests;
}

/** The titles of .ci/known-flaky.txt with their reasons. */
function knownFlaky() {
  if (!fs.existsSync(allowListFile)) return new Map();
  return new Map(
    fs
      .readFileSync(allowListFile, 'utf8')
      .split('\n')
      .map(line => line.trim())
      .filter(line => line && !line.startsWith('#'))
      .map(line => {
        const [title, reason = ''] = line.split(' -- ');
        return [title.trim(), reason.trim()];
      }),
  );
}

/** The flaky tests of a report, split into known (with reason) and new ones. */
function flakyTests(report) {
  const known = knownFlaky();
  const flaky = playwrightTests(report).filter(t => t.status === 'flaky');
  return {
    known: flaky
      .filter(t => known.has(t.title))
      .map(t => ({ ...t, reason: known.get(t.title) })),
    new: flaky.filter(t => !known.has(t.title)),
  };
}

module.exports = { flakyTests, playwrightTests };
