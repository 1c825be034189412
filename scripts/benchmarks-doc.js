#!/usr/bin/env node
/*
 * Writes docs/benchmarks.md from the benchmarks' own records: each `yarn bench:*` keeps
 * its output with the date, commit, machine and command in .cache/bench/NAME.json
 * (scripts/step.js --bench), scripts/measure-make-test.sh and CI's summary keep theirs
 * there too. What each benchmark does is read from the header comment of its source
 * file, so the page says what the code does.
 *
 *   node scripts/benchmarks-doc.js            # rewrite docs/benchmarks.md
 *
 * Figures never come from anywhere else: a benchmark without a record is listed with the
 * command that measures it.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const benchDir = path.join(root, '.cache', 'bench');
const page = path.join(root, 'docs', 'benchmarks.md');

/** The benchmarks, in the page's order; `source` holds the header comment that describes it. */
const BENCHES = [
  {
    record: 'make-test',
    title: 'First and later `make test` on a fresh clone',
    text: `\`scripts/measure-make-test.sh\` clones this repository's HEAD into /tmp and times
\`make test\` there twice: the first run (Node 22 fetched when the machine has another,
every dependency installed, type check, lint, API reports, every test) and a later run
with nothing changed. The test database variables are unset, as for a newcomer.
Goals: first run at most 4 minutes, later runs at most 90 seconds.`,
    command: 'scripts/measure-make-test.sh',
  },
  {
    record: 'make-test-empty-caches',
    title: 'First `make test` with empty yarn and npm caches',
    text: 'The same, with empty yarn and npm caches, as on a machine that never installed a Backstage app.',
    command: 'scripts/measure-make-test.sh --empty-caches',
  },
  {
    record: 'ci',
    title: 'CI on a clean clone',
    text: `\`CI=true bash .ci/run\` on \`git clone\` of the repository: \`make test\` with the
PostgreSQL and MariaDB servers of the machine, then \`make e2e\`. Each step's own time,
and when it started from the beginning of the run (steps that overlap ran side by side).
Goal: at most 12 minutes.`,
    command:
      'git clone <repo> /tmp/ci-clone && cd /tmp/ci-clone && CI=true bash .ci/run',
  },
  {
    record: 'bench-catalog',
    title: 'Catalog ingestion',
    source:
      'plugins/catalog-backend-module-ml-catalog/bench/catalogIngestion.ts',
    command: 'yarn bench:catalog',
    earlier: {
      said: 'with `yarn bench:catalog` (N = 10,000) on a 2-core machine, Node 22; peak memory 571 MiB (Resource) and 578 MiB (MLModel) per process',
      output: `Resource  10000 entities in 158.2 s: 63 entities/s (average entity 516 bytes of JSON)
MLModel   10000 entities in 169.5 s: 59 entities/s (average entity 730 bytes of JSON)
MLModel/Resource time ratio: 1.07 (goal <= 1.20: met)`,
    },
  },
  {
    record: 'bench-status',
    title: 'Deployment status and governance',
    source: 'plugins/ml-catalog-backend/bench/statusAndGovernance.ts',
    text: `Deployment posts are committed in groups: while one transaction runs, the posts that
arrive queue, and the next transaction writes all of them in a few multi-row statements.
A post is answered only after its group committed; if a group fails, each of its events
is written again on its own, so no post fails for its neighbours.`,
    command: 'yarn bench:status',
    earlier: {
      said: 'on 2026-12-02 with `yarn bench:status` on a 2-core machine, with browser tests running on it at the time, before the catalog-read reference and the SLA observations were added',
      output: `== sqlite ==
GET /status, 1000 models: p50 152.1 ms, p95 206.6 ms  goal < 300 ms PASS
50 reporters for 30 s: 58498 posts (1950/s), 52654 new, 5844 retries answered as duplicates, 0 errors
  post p50 22.1 ms, p95 48.4 ms, max 144.5 ms  goal p95 < 50 ms PASS
  stored 52654 new events for 52654 unique ids: none lost, none doubled
GET /compliance, 10000 models: p50 494.8 ms, p95 574.2 ms  goal < 500 ms MISS
GET /reviews/:id, 8 clients, 320 reads, 0 errors: p50 10.2 ms, p95 27.1 ms  goal < 100 ms PASS

== postgres ==
GET /status, 1000 models: p50 172.9 ms, p95 253.7 ms  goal < 300 ms PASS
50 reporters for 30 s: 46431 posts (1548/s), 41793 new, 4638 retries answered as duplicates, 0 errors
  post p50 29.5 ms, p95 54.4 ms, max 133.0 ms  goal p95 < 50 ms MISS
  stored 41793 new events for 41793 unique ids: none lost, none doubled
GET /compliance, 10000 models: p50 473.4 ms, p95 534.6 ms  goal < 500 ms MISS
GET /reviews/:id, 8 clients, 320 reads, 0 errors: p50 10.9 ms, p95 23.9 ms  goal < 100 ms PASS`,
    },
  },
  {
    record: 'bench-browser',
    title: 'The model catalog page in the browser',
    source: 'plugins/ml-catalog/bench/modelCatalogBrowser.ts',
    text: `How the page stays fast at this size: one catalog request for every model, asking only
for the fields the table shows, plus one small request for the first page by name so
rows appear before the full list has arrived; filtering, facet counts and sorting run
in the browser on precomputed rows; the table renders only the current page; and the
view is mirrored into the URL without a router navigation.`,
    command: 'yarn bench:browser (make bench-browser)',
    earlier: {
      said: 'with `make bench-browser` (10,000 models, 7 runs each, with the deployment, SLA and compliance columns and the model page header)',
      output: `measure                             ours median/p95     built-in median/p95     ratio  goal
(a) full page load to first rows    443 / 702 ms        1247 / 1333 ms          0.36   ours/built-in <= 1.0: met
(b) in-app navigation to rows       371 / 679 ms        887 / 1088 ms           0.42   built-in/ours >= 2.0: met
(c) text search to updated rows     82 / 101 ms         455 / 490 ms            0.18   ours median < 200 ms: met
(d) facet change to updated rows    169 / 218 ms        394 / 429 ms            0.43   ours median < 200 ms: met

initial bundle: 2585 KiB, of which 6.5 KiB from plugins/ml-catalog (pages and cards load lazily)`,
    },
  },
  {
    record: 'bench-mlflow',
    title: 'MLflow entity ingestion',
    source: 'plugins/catalog-backend-module-mlflow/bench/mlflowIngestion.ts',
    command:
      'yarn workspace @lab2live/plugin-catalog-backend-module-mlflow bench',
  },
];

/** The first block comment of a source file, without its stars. */
function headerComment(file) {
  const full = path.join(root, file);
  if (!fs.existsSync(full)) return undefined;
  const match = /^\s*\/\*([\s\S]*?)\*\//.exec(fs.readFileSync(full, 'utf8'));
  if (!match) return undefined;
  return match[1]
    .split('\n')
    .map(line => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/** Splits a header comment into prose and its indented command or list lines. */
function describe(comment) {
  const out = [];
  let code = [];
  const flush = () => {
    if (code.length) out.push('```text', ...code, '```', '');
    code = [];
  };
  for (const line of comment.split('\n')) {
    if (/^ {2,}\S/.test(line)) code.push(line.replace(/^ {2}/, ''));
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function readRecords() {
  if (!fs.existsSync(benchDir)) return new Map();
  return new Map(
    fs
      .readdirSync(benchDir)
      .filter(file => file.endsWith('.json'))
      .map(file => {
        const record = JSON.parse(
          fs.readFileSync(path.join(benchDir, file), 'utf8'),
        );
        return [record.bench ?? file.replace(/\.json$/, ''), record];
      }),
  );
}

function provenanceLine(record) {
  const m = record.machine ?? {};
  const when = record.date.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const tree = record.uncommittedChanges
    ? ' (with uncommitted changes in the tree)'
    : '';
  const took = record.seconds ? `, took ${record.seconds} s` : '';
  return `Measured ${when} at commit \`${record.commit}\`${tree} on ${
    m.cores
  } cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}${
    m.loadAverage !== undefined ? `, load average ${m.loadAverage}` : ''
  }, with \`${record.command}\`${took}${
    record.passed === false ? ', and it exited with an error' : ''
  }:`;
}

const cell = value =>
  value === undefined || value === null ? '' : String(value);

function figuresTable(figures) {
  const hasReference = figures.some(f => f.reference !== undefined);
  const hasRatio = figures.some(f => f.ratio !== undefined);
  const hasStart = figures.some(f => f.start !== undefined);
  const head = [
    'figure',
    ...(hasStart ? ['start'] : []),
    'value',
    ...(hasReference ? ['reference'] : []),
    ...(hasRatio ? ['ratio'] : []),
    'goal',
  ];
  const rows = figures.map(f => [
    cell(f.name),
    ...(hasStart ? [cell(f.start)] : []),
    `${cell(f.value)}${f.unit ? ` ${f.unit}` : ''}`,
    ...(hasReference
      ? [
          typeof f.reference === 'object' && f.reference !== null
            ? `${cell(f.reference.value)}${
                f.reference.unit ? ` ${f.reference.unit}` : ''
              }${f.reference.name ? ` (${f.reference.name})` : ''}`
            : cell(f.reference),
        ]
      : []),
    ...(hasRatio
      ? [typeof f.ratio === 'number' ? f.ratio.toFixed(2) : cell(f.ratio)]
      : []),
    cell(f.goal),
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = r => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(head),
    `| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

/** The output worth reading: without FIGURE lines, yarn's noise and backend logs. */
function outputExcerpt(output) {
  const lines = output
    .split('\n')
    .filter(line => !/^\s*FIGURE \{/.test(line))
    .filter(
      line => !/^\{"level":|^\d{4}-\d\d-\d\dT.*(info|warn|debug)/.test(line),
    )
    .filter(line => !/^step bench-/.test(line));
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  return lines.slice(-40).join('\n');
}

function section(bench, record) {
  const out = [`## ${bench.title}`, ''];
  const comment = bench.source && headerComment(bench.source);
  if (comment) out.push(describe(comment), '');
  if (bench.text) out.push(bench.text, '');
  if (!record) {
    out.push(
      `No measurement with its date, commit and machine recorded yet: run \`${bench.command}\`, then \`node scripts/benchmarks-doc.js\`.`,
      '',
    );
    if (bench.earlier) {
      out.push(
        `The figures published before runs kept their own record, measured ${bench.earlier.said}; the commit and the machine's load were not recorded, so they are history, not a reference:`,
        '',
        '```text',
        bench.earlier.output,
        '```',
        '',
      );
    }
    return out.join('\n');
  }
  out.push(provenanceLine(record), '');
  if (record.figures?.length) out.push(figuresTable(record.figures), '');
  if (record.output) {
    out.push(
      'The benchmark printed:',
      '',
      '```text',
      outputExcerpt(record.output),
      '```',
      '',
    );
  }
  return out.join('\n');
}

function render() {
  const records = readRecords();
  const known = new Set(BENCHES.map(b => b.record));
  const extra = [...records.keys()]
    .filter(name => !known.has(name))
    .sort()
    .map(name => ({
      record: name,
      title: name,
      command: records.get(name).command,
    }));
  const benches = [...BENCHES, ...extra].filter(
    b =>
      records.has(b.record) ||
      b.source === undefined ||
      headerComment(b.source),
  );
  return [
    '# Benchmarks',
    '',
    '<!-- Written by scripts/benchmarks-doc.js from .cache/bench/*.json: change the script',
    '     or re-run the benchmarks, not this page. -->',
    '',
    'Every figure on this page comes from a record the measurement wrote itself, with the',
    'date, the commit, the machine and the command. Figures on these shared 2-core machines',
    'move by tens of percent between runs; compare runs of the same command on the same',
    'machine. To measure again: run the command shown, then `node scripts/benchmarks-doc.js`.',
    '',
    ...benches.map(b => section(b, records.get(b.record))),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n*$/, '\n');
}

// Formatted as `make lint` wants every file (the repository's prettier settings).
const prettier = require('prettier');
const text = prettier.format(render(), {
  ...prettier.resolveConfig.sync(page),
  filepath: page,
});
fs.writeFileSync(page, text);
process.stdout.write(`wrote ${path.relative(root, page)}\n`);
