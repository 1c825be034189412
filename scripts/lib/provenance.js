/*
 * Where and on what a measurement was made, so every figure in docs/benchmarks.md can
 * say it: date, commit (and whether the tree had uncommitted changes), machine and the
 * command. Records go to docs/benchmarks/records/NAME.json, committed with the page that
 * scripts/benchmarks-doc.js writes from them, so a new checkout keeps every figure's source.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const benchDir = path.join(root, 'docs', 'benchmarks', 'records');

function git(args) {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

function provenance(command) {
  return {
    date: new Date().toISOString(),
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    // Uncommitted changes mean the commit alone does not reproduce the figures.
    // (Records themselves are committed, so earlier ones do not count as changes.)
    uncommittedChanges:
      git(['status', '--porcelain', '--', '.', ':!docs/benchmarks/records']) !==
      '',
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      // Other work on the machine at the time (1-minute load average at the end).
      loadAverage: Number(os.loadavg()[0].toFixed(1)),
    },
    command,
  };
}

/** Writes docs/benchmarks/records/NAME.json: the provenance, then what the measurement adds. */
function writeBenchRecord(name, about, record) {
  fs.mkdirSync(benchDir, { recursive: true });
  const file = path.join(benchDir, `${name}.json`);
  fs.writeFileSync(
    file,
    `${JSON.stringify({ bench: name, ...about, ...record }, null, 2)}\n`,
  );
  return file;
}

module.exports = { provenance, writeBenchRecord, benchDir };

// node scripts/lib/provenance.js NAME COMMAND FIGURES_JSON: a record for a shell script.
if (require.main === module) {
  const [name, command, figures] = process.argv.slice(2);
  const file = writeBenchRecord(name, provenance(command), {
    figures: JSON.parse(figures),
  });
  process.stdout.write(`written to ${path.relative(root, file)}\n`);
}
