#!/usr/bin/env node
// Builds the airlock CLI and server (with @airlock/core and @airlock/sdk, which are TypeScript source)
// to ESM JavaScript in packages/server/dist, so a command starts without compiling TypeScript, then
// the web console (packages/web/scripts/build-web.mjs) to packages/web/dist.
// Run by `npm install` / `npm ci` (prepare), `npm run build`, and by packages/server/bin/airlock.js
// when a source changed since the last build. --if-stale builds only then.
//
// esbuild, not tsc: it builds the whole graph in well under a second (so a stale build can always be
// rebuilt before `npm start`), and bundling with code splitting leaves a few chunks to load instead
// of ~300 module files, which is most of what a start used to cost. npm packages stay external
// (resolved from node_modules at run time, as with tsx); only the workspace packages are bundled.
//
// Each build goes to dist/<content hash>/ and build.json, written last by rename, names the current
// one: a build never changes files under a running process, and a reader sees the old build or the
// new one, never half of one. A few previous builds are kept for processes that started on them.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { currentBuild } from '../packages/server/bin/build-state.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'packages', 'server', 'dist');
const ENTRY = join(ROOT, 'packages', 'server', 'src', 'cli', 'main.ts');
const KEEP_PREVIOUS = 3;
// A module another thread runs, named by URL (see workerEntries).
const WORKER_URL = /new URL\('(\.\.?\/[^']+\.ts)', import\.meta\.url\)/g;

if (process.argv.includes('--if-stale')) {
  const now = currentBuild(pathToFileURL(`${DIST}${sep}`));
  if (now.main) process.exit(0);
  console.error(`airlock build: ${now.reason}; building`);
}

const started = performance.now();
const { dir, inputs } = await buildOnce();
console.error(
  `airlock build: packages/server/dist/${dir} (${inputs} sources) in ${Math.round(performance.now() - started)} ms`,
);
// Then the web console the server serves at / (packages/web): a no-op when its sources did not change.
// Its failure is reported and fails `npm install`, but leaves the server's build in place.
try {
  const { buildWeb } = await import('../packages/web/scripts/build-web.mjs');
  await buildWeb();
} catch (e) {
  console.error(`airlock web: the console's build failed: ${e?.stack ?? e}`);
  process.exitCode = 1;
}

async function buildOnce(attempt = 1) {
  const since = Date.now();
  // Every output file sits in one folder at this depth, so a source's path relative to it is the
  // same whatever the folder's final name is.
  const outdir = join(DIST, '_');
  const workers = workerEntries();
  const result = await build({
    entryPoints: [{ in: ENTRY, out: 'main' }, ...[...workers].map(([out, path]) => ({ in: path, out }))],
    absWorkingDir: ROOT,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    // Bundling renames clashing top-level names; error classes and logs rely on .name.
    keepNames: true,
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [externalNpmPackages(), sourceRelativeUrls(outdir, workers)],
  });
  const hash = createHash('sha256');
  const files = result.outputFiles.map((f) => ({ path: relative(outdir, f.path), contents: f.contents }));
  for (const f of files.sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(f.path).update(f.contents);
  const dir = hash.digest('hex').slice(0, 12);
  writeBuildDir(dir, files);

  // mtime and size of every source as read; an edit saved during the build makes it build again.
  const sources = [...Object.keys(result.metafile.inputs), 'scripts/build.mjs'];
  const manifest = { dir, inputs: {} };
  let editedDuring = false;
  for (const input of sources) {
    const st = statSync(join(ROOT, input));
    if (st.mtimeMs >= since) editedDuring = true;
    manifest.inputs[relative(DIST, join(ROOT, input)).split(sep).join('/')] = [st.mtimeMs, st.size];
  }
  if (editedDuring && attempt < 3) return buildOnce(attempt + 1);
  const tmp = join(DIST, `.build.json.${process.pid}`);
  writeFileSync(tmp, `${JSON.stringify(manifest)}\n`);
  renameSync(tmp, join(DIST, 'build.json'));
  prune(dir);
  return { dir, inputs: sources.length };
}

/** Writes the files to a private folder, then renames it into place (a no-op if that build exists). */
function writeBuildDir(dir, files) {
  const final = join(DIST, dir);
  try {
    statSync(join(final, 'main.js'));
    return;
  } catch {}
  const tmp = join(DIST, `.tmp-${process.pid}-${Date.now()}`);
  for (const f of files) {
    mkdirSync(dirname(join(tmp, f.path)), { recursive: true });
    writeFileSync(join(tmp, f.path), f.contents);
  }
  try {
    renameSync(tmp, final);
  } catch (e) {
    // Another build of the same sources got there first: its files are the same bytes.
    rmSync(tmp, { recursive: true, force: true });
    if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
  }
}

/** Keeps the current build and the newest few before it; leftovers of interrupted builds go. */
function prune(current) {
  const dirs = readdirSync(DIST, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== current)
    .map((d) => ({ name: d.name, mtime: statSync(join(DIST, d.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const hourAgo = Date.now() - 3_600_000;
  const old = [
    ...dirs.filter((d) => !d.name.startsWith('.')).slice(KEEP_PREVIOUS),
    ...dirs.filter((d) => d.name.startsWith('.tmp-') && d.mtime < hourAgo),
  ];
  for (const d of old) rmSync(join(DIST, d.name), { recursive: true, force: true });
}

/** Bare imports stay imports of node_modules, except the workspace's own TypeScript packages. */
function externalNpmPackages() {
  return {
    name: 'external-npm-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) =>
        args.path.startsWith('@airlock/') ? undefined : { path: args.path, external: true },
      );
    },
  };
}

/**
 * Modules another thread runs are named by URL, not imported: `new URL('./x-worker.ts',
 * import.meta.url)`. Each such file in a package's src/ becomes an entry of its own (x-worker.js
 * beside main.js), so a worker started from the build runs JavaScript too. Output name → source path.
 */
function workerEntries() {
  const found = new Map();
  const walk = (dir) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, d.name);
      if (d.isDirectory() && d.name !== 'node_modules') walk(p);
      else if (d.name.endsWith('.ts') && !d.name.endsWith('.test.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(WORKER_URL)) {
          const path = join(dirname(p), m[1]);
          if (!existsSync(path)) continue; // an example in a comment
          const out = basename(path, '.ts');
          if (found.has(out) && found.get(out) !== path) throw new Error(`two worker entries named ${out}`);
          found.set(out, path);
        }
      }
    }
  };
  for (const pkg of readdirSync(join(ROOT, 'packages'))) walk(join(ROOT, 'packages', pkg, 'src'));
  return found;
}

/**
 * `import.meta.url` in a bundled module would be the chunk's URL, not the source file's, and the
 * server finds files beside its sources by it (data/, migrations/*.sql, the IP tables' package).
 * So each use becomes the source file's URL, computed from the chunk's, so the checkout may move;
 * except a worker's URL, which becomes the built worker's, beside the chunk.
 */
function sourceRelativeUrls(outdir, workers) {
  const built = new Map([...workers].map(([out, path]) => [path, `./${out}.js`]));
  return {
    name: 'source-relative-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta')) return undefined;
        if (/import\.meta\.(dirname|filename)/.test(text))
          throw new Error(`${args.path}: use import.meta.url (the build rewrites only that)`);
        const rel = relative(outdir, args.path).split(sep).join('/');
        const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
        const contents = text
          .replace(WORKER_URL, (whole, ts) => {
            const out = built.get(join(dirname(args.path), ts));
            return out ? `new URL(${JSON.stringify(out)}, __airlock_build_chunk_url__)` : whole;
          })
          .replaceAll('import.meta.url', url)
          .replaceAll('__airlock_build_chunk_url__', 'import.meta.url');
        return { contents, loader: 'ts' };
      });
    },
  };
}
