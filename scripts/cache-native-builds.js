#!/usr/bin/env node
/*
 * Keeps native addons that an install had to compile in prebuild-install's own cache
 * (the npm cache's `_prebuilds` folder), under the name its download would have had.
 *
 * Our registry carries no prebuilt binaries, so every install of better-sqlite3 compiles
 * SQLite from source: about a minute on one core, repeated by every clean clone, by the
 * install test's fresh app and by the production image's steps. prebuild-install looks
 * in that cache before it downloads or compiles, so the next install of the same
 * version, Node ABI, platform and architecture on this machine unpacks this binary
 * instead. Run after `yarn install` (make setup); a binary already cached is left as is.
 *
 *   node scripts/cache-native-builds.js [PROJECT_DIR]
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const projectDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));

/** Addons installed through prebuild-install, and the binary a prebuilt tarball holds. */
const ADDONS = [
  { name: 'better-sqlite3', binary: 'build/Release/better_sqlite3.node' },
];

function cache(addon) {
  const packageDir = path.join(projectDir, 'node_modules', addon.name);
  const binary = path.join(packageDir, addon.binary);
  if (!fs.existsSync(binary)) return `${addon.name}: not installed here`;
  // prebuild-install's own functions name the file, so its lookup finds it.
  const requireHere = module =>
    require(require.resolve(module, { paths: [packageDir] }));
  const rc = requireHere('prebuild-install/rc');
  const util = requireHere('prebuild-install/util');
  const pkg = JSON.parse(
    fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
  );
  const opts = { ...rc(pkg), pkg };
  if (opts.abi !== process.versions.modules) {
    return `${addon.name}: built for another Node ABI, not cached`;
  }
  const cached = util.cachedPrebuild(util.getDownloadUrl(opts));
  if (fs.existsSync(cached)) return `${addon.name}: already cached`;
  // The binary must load in this Node before it is offered to the next install.
  require(binary);
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  execFileSync('tar', ['-czf', partial, '-C', packageDir, addon.binary]);
  fs.renameSync(partial, cached);
  return `${addon.name}: cached ${path.basename(cached)}`;
}

for (const addon of ADDONS) {
  try {
    console.log(`native builds: ${cache(addon)}`);
  } catch (error) {
    // A cache that cannot be written only costs the next install its compile.
    console.log(`native builds: ${addon.name} not cached (${error.message})`);
  }
}
