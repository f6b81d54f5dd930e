#!/usr/bin/env node
'use strict';
/**
 * `npm start`'s build step: reuses dist/ when nothing it was built from has changed since, and
 * otherwise transpiles src/, migrations/ and ormconfig.ts with swc (under a second, where tsc
 * took 15–23 s on two cores because it type-checks; `npm test` and `npm run typecheck` still do that).
 * Prints one line on stderr saying which, and why. `npm run build` stays tsc, for production.
 *
 * "Nothing has changed" is decided by content: the SHA-256 of every file compiled and of every
 * file that decides how (tsconfig*.json, .swcrc, package-lock.json, this script), recorded in
 * dist/.build-stamp.json after a build has written every file, and removed before a build
 * starts, so a build that fails or is interrupted leaves no stamp and the next start builds again.
 */
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { basename, dirname, join, relative } = require('node:path');

const STAMP = '.build-stamp.json';
/** what `npm start` runs: without it the build is not one */
const ENTRY = join('src', 'main.js');
const COMPILED_DIRS = ['src', 'migrations'];
const COMPILED_FILES = ['ormconfig.ts'];
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', '.swcrc', 'package-lock.json'];
const SCRIPT = 'scripts/build-if-changed.js';

const sha256 = (content) => createHash('sha256').update(content).digest('hex');

/** The TypeScript files tsconfig.build.json compiles, relative to `root`: tests stay out of dist/. */
function compiledFiles(root) {
  const files = COMPILED_FILES.filter((file) => existsSync(join(root, file)));
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__tests__') walk(path);
      } else if (path.endsWith('.ts') && !path.endsWith('.d.ts') && !path.endsWith('.test.ts')) {
        files.push(path);
      }
    }
  };
  COMPILED_DIRS.filter((dir) => existsSync(join(root, dir))).forEach(walk);
  return files.sort();
}

/** Every input's hash by its path; this script's under its path here, whichever tree it builds (a test builds one of its own). */
function fingerprint(root) {
  const hashes = {};
  for (const file of [...compiledFiles(root), ...SETTINGS.filter((file) => existsSync(join(root, file)))]) {
    hashes[file] = sha256(readFileSync(join(root, file)));
  }
  hashes[SCRIPT] = sha256(readFileSync(__filename));
  return hashes;
}

function readStamp(outDir) {
  try {
    return JSON.parse(readFileSync(join(outDir, STAMP), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether dist/ was built from the inputs as they are now, and if not, why not (in words a person can act on). */
function check(root, outDir) {
  const hashes = fingerprint(root);
  const stamp = readStamp(outDir);
  const stale = (reason) => ({ upToDate: false, reason, hashes });
  if (stamp === undefined || typeof stamp.hashes !== 'object') {
    return stale(
      existsSync(join(outDir, ENTRY))
        ? `${relative(root, outDir) || outDir}/ has no build stamp (built by tsc, or a build that did not finish)`
        : 'no build yet',
    );
  }
  if (!existsSync(join(outDir, ENTRY))) return stale(`${join(relative(root, outDir), ENTRY)} is missing`);
  const changes = [];
  for (const [file, hash] of Object.entries(hashes)) {
    if (!(file in stamp.hashes)) changes.push(`${file} added`);
    else if (stamp.hashes[file] !== hash) changes.push(`${file} changed`);
  }
  for (const file of Object.keys(stamp.hashes)) if (!(file in hashes)) changes.push(`${file} removed`);
  if (changes.length === 0) return { upToDate: true, reason: `nothing changed since ${stamp.builtAt}`, hashes };
  return stale(changes.length <= 3 ? changes.join(', ') : `${changes.slice(0, 3).join(', ')} and ${changes.length - 3} more`);
}

/** swc's options for our code: .swcrc (which jest uses too: decorator metadata as tsc emits it), with source maps beside the code, as tsc writes them. */
function swcOptions(root) {
  const { $schema: _schema, ...options } = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
  return { ...options, swcrc: false, sourceMaps: true };
}

/** Transpiles every compiled file into `outDir`; the stamp goes first, and back only once every file is written. */
async function build(root, outDir, hashes) {
  // first: without swc, the build there is stays, stamp and all
  const swc = loadSwc();
  rmSync(join(outDir, STAMP), { force: true });
  // what an earlier build wrote, so that a deleted source leaves no module behind
  for (const top of [
    ...COMPILED_DIRS,
    ...COMPILED_FILES.flatMap((file) => [file.replace(/\.ts$/, '.js'), file.replace(/\.ts$/, '.js.map')]),
  ]) {
    rmSync(join(outDir, top), { recursive: true, force: true });
  }
  const options = swcOptions(root);
  await Promise.all(
    compiledFiles(root).map(async (file) => {
      const out = join(outDir, file.replace(/\.ts$/, '.js'));
      const source = join(root, file);
      const { code, map } = await swc.transformFile(source, {
        ...options,
        filename: source,
        sourceFileName: relative(dirname(out), source),
      });
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${code}\n//# sourceMappingURL=${basename(out)}.map\n`);
      writeFileSync(`${out}.map`, map);
    }),
  );
  const stamp = join(outDir, STAMP);
  writeFileSync(`${stamp}.partial`, `${JSON.stringify({ builtAt: new Date().toISOString(), hashes }, null, 1)}\n`);
  renameSync(`${stamp}.partial`, stamp);
}

/** Only when building: a start that reuses dist/ never loads swc. */
function loadSwc() {
  try {
    return require('@swc/core');
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    // an install without devDependencies, as production's may be
    throw new Error(
      '@swc/core (a devDependency) is not installed: run npm install, or build with npm run build where it is and start with node dist/src/main.js',
      { cause: error },
    );
  }
}

/** Builds when needed: `{ built, reason, ms }`. Rejects (leaving no stamp) when the build fails. */
async function ensureBuilt(root, outDir = join(root, 'dist')) {
  const started = Date.now();
  const state = check(root, outDir);
  if (!state.upToDate) await build(root, outDir, state.hashes);
  return { built: !state.upToDate, reason: state.reason, ms: Date.now() - started };
}

module.exports = { check, build, ensureBuilt, STAMP };

if (require.main === module) {
  const root = join(__dirname, '..');
  ensureBuilt(root).then(
    ({ built, reason, ms }) => {
      process.stderr.write(
        built
          ? `npm start: built dist/ with swc in ${(ms / 1000).toFixed(1)} s (${reason}; not type-checked: npm run typecheck does that)\n`
          : `npm start: reusing the build in dist/ (${reason}; checked in ${ms} ms)\n`,
      );
    },
    (error) => {
      // swc's message names the file, line and column
      process.stderr.write(
        `npm start: the build failed, nothing was started:\n${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
