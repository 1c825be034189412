#!/usr/bin/env node
/*
 * make pack: builds every publishable Lab2Live package (dist/ with types) and packs it
 * into dist-packs/ as the tarball npm would publish, then prints the sizes.
 * Publishable means a workspace package that is not private (the portal's app and
 * backend are).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist-packs');

function run(cwd, args) {
  const result = spawnSync('yarn', args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`yarn ${args.join(' ')} failed in ${cwd}`);
  }
}

const packages = ['packages', 'plugins']
  .flatMap(dir =>
    fs
      .readdirSync(path.join(root, dir))
      .map(name => path.join(root, dir, name)),
  )
  .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
  .map(dir => ({
    dir,
    manifest: JSON.parse(
      fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
    ),
  }))
  .filter(({ manifest }) => !manifest.private);

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out);
// Type declarations for every package come from one tsc run of the repository
// (incremental: after `make typecheck` it only confirms dist-types/ is current).
run(root, ['tsc']);
// Every library package built in one run, several at a time (the app and the backend
// are bundles, built by `yarn build:backend` when needed).
run(root, ['backstage-cli', 'repo', 'build']);
/** Packs one package; resolves to its tarball's name and size. */
async function packOne({ dir, manifest }) {
  const file = path.join(
    out,
    `${manifest.name.replace('@', '').replace('/', '-')}-${
      manifest.version
    }.tgz`,
  );
  // yarn pack rewrites package.json for the tarball and puts it back; its time stays, so
  // make does not take the manifest for changed and install again.
  const manifestFile = path.join(dir, 'package.json');
  const { atime, mtime } = fs.statSync(manifestFile);
  const child = spawn('yarn', ['pack', '--out', file], { cwd: dir });
  let output = '';
  child.stdout.on('data', chunk => (output += chunk));
  child.stderr.on('data', chunk => (output += chunk));
  const code = await new Promise(resolve => child.on('close', resolve));
  process.stdout.write(output);
  if (code !== 0) throw new Error(`yarn pack failed in ${dir}`);
  fs.utimesSync(manifestFile, atime, mtime);
  return [manifest.name, fs.statSync(file).size];
}

async function packAll() {
  // Two at a time: each pack's prepack (feature detection over the type declarations,
  // the config schema) keeps one core busy for several seconds.
  const rows = [];
  const queue = [...packages];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      rows.push(await packOne(next));
    }
  };
  await Promise.all([worker(), worker()]);
  rows.sort(([a], [b]) => a.localeCompare(b));
  process.stdout.write('\npacked into dist-packs/:\n');
  for (const [name, size] of rows) {
    process.stdout.write(
      `  ${name.padEnd(56)}${(size / 1024).toFixed(1).padStart(8)} KiB\n`,
    );
  }
}

packAll().catch(error => {
  process.stderr.write(`pack: ${error.message}\n`);
  process.exit(1);
});
