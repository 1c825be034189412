#!/usr/bin/env node
/*
 * Runs one step of `make test` or `make e2e` and records how long it took, so CI's
 * summary can print every step's own time:
 *
 *   node scripts/step.js NAME [--log | --bench] -- COMMAND [ARGS...]
 *
 * The record goes to .cache/steps/NAME.json ({ name, started, seconds, passed }). With
 * --log the output goes to .cache/logs/NAME.log instead of the terminal (for steps that
 * run side by side) and its last lines are printed when the step fails. With --bench
 * (the `yarn bench:*` scripts) the output shows as usual and is also kept, with the
 * date, commit, machine and command, in docs/benchmarks/records/NAME.json, from which
 * scripts/benchmarks-doc.js writes docs/benchmarks.md. The exit code is the command's.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { provenance, writeBenchRecord } = require('./lib/provenance');

const root = path.resolve(__dirname, '..');
const stepsDir = path.join(root, '.cache', 'steps');
const logsDir = path.join(root, '.cache', 'logs');

function parse(argv) {
  const dash = argv.indexOf('--');
  if (dash < 1 || dash === argv.length - 1) {
    process.stderr.write(
      'usage: node scripts/step.js NAME [--log] -- COMMAND [ARGS...]\n',
    );
    process.exit(2);
  }
  const [name, ...flags] = argv.slice(0, dash);
  return {
    name,
    log: flags.includes('--log'),
    bench: flags.includes('--bench'),
    command: argv[dash + 1],
    args: argv.slice(dash + 2),
  };
}

/**
 * The command as a person types it: `yarn bench:status --db sqlite` when run through a
 * package.json script (its own words left out), else the command itself.
 */
function userCommand(command, args) {
  // The benchmarks' own settings (BENCH_ENTITIES=2000 ...) are part of the command.
  const settings = Object.keys(process.env)
    .filter(key => key.startsWith('BENCH_'))
    .sort()
    .map(key => `${key}=${process.env[key]} `)
    .join('');
  return settings + typedCommand(command, args);
}

function typedCommand(command, args) {
  const script = process.env.npm_lifecycle_event;
  const manifest = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  );
  const definition = manifest.scripts?.[script];
  if (!definition || !definition.includes(' -- ')) {
    return [command, ...args].join(' ');
  }
  const own = definition.split(' -- ')[1].trim().split(/\s+/).length - 1;
  return ['yarn', script, ...args.slice(own)].join(' ');
}

/** The `FIGURE {json}` lines a benchmark prints: name, value, unit, reference, ratio, goal. */
function figures(output) {
  return output
    .split('\n')
    .map(line => /^\s*FIGURE (\{.*\})\s*$/.exec(line))
    .filter(Boolean)
    .flatMap(([, json]) => {
      try {
        return [JSON.parse(json)];
      } catch {
        return [];
      }
    });
}

function main() {
  const { name, log, bench, command, args } = parse(process.argv.slice(2));
  fs.mkdirSync(stepsDir, { recursive: true });
  const started = Date.now();
  const logFile = path.join(logsDir, `${name}.log`);
  let out = 'inherit';
  if (log) {
    fs.mkdirSync(logsDir, { recursive: true });
    out = fs.openSync(logFile, 'w');
    process.stdout.write(`step ${name}: started, output in ${logFile}\n`);
  }
  const about = bench ? provenance(userCommand(command, args)) : undefined;
  const captured = [];
  const child = spawn(command, args, {
    cwd: process.cwd(),
    stdio: ['ignore', bench ? 'pipe' : out, bench ? 'pipe' : out],
  });
  if (bench) {
    for (const [stream, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      stream.on('data', chunk => {
        to.write(chunk);
        captured.push(chunk);
      });
    }
  }
  const forward = signal => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', error => finish(127, error.message));
  child.on('exit', (code, signal) => finish(code ?? 1, signal));

  function finish(code, reason) {
    const seconds = Math.round((Date.now() - started) / 1000);
    const passed = code === 0;
    fs.writeFileSync(
      path.join(stepsDir, `${name}.json`),
      JSON.stringify({
        name,
        started: new Date(started).toISOString(),
        seconds,
        passed,
      }),
    );
    if (bench) {
      const output = Buffer.concat(captured).toString('utf8');
      writeBenchRecord(name, about, {
        seconds,
        passed,
        figures: figures(output),
        output,
      });
      process.stdout.write(
        `step ${name}: kept in docs/benchmarks/records/${name}.json\n`,
      );
    }
    if (log && !passed && fs.existsSync(logFile)) {
      const lines = fs.readFileSync(logFile, 'utf8').split('\n');
      process.stdout.write(
        `step ${name}: last lines of ${logFile}:\n${lines
          .slice(-60)
          .join('\n')}\n`,
      );
    }
    process.stdout.write(
      `step ${name}: ${passed ? 'passed' : 'FAILED'} in ${seconds} s${
        !passed && typeof reason === 'string' ? ` (${reason})` : ''
      }\n`,
    );
    process.exit(code);
  }
}

main();
