#!/usr/bin/env node
// Builds the web console (Vite) into packages/web/dist, which the server serves at /. Run by the root
// build (scripts/build.mjs: `npm install`, `npm run build`) and by `npm run build -w @airlock/web`.
//
// Skipped when nothing it is built from changed (a hash of the sources, the config and the lockfile,
// kept in dist/.inputs), so a second `npm install` costs milliseconds. The new build is made beside
// the old one and swapped in by rename; the previous build's hashed files are carried over, so a page
// loaded before the swap can still fetch the chunks it names.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(WEB, '..', '..');
const DIST = join(WEB, 'dist');
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'scripts/build-web.mjs'];
// The Fly page bundles the SDK and core from source (vite.config.ts): a change there rebuilds too.
const SOURCE_DEPS = ['packages/core/src', 'packages/sdk/src'];
const COMPRESSIBLE = /\.(m?js|css|svg|html|json)$/;

export async function buildWeb() {
  const say = (m) => console.error(`airlock web: ${m}`);
  const inputs = inputsHash();
  if (readText(join(DIST, '.inputs')) === inputs && existsSync(join(DIST, 'index.html'))) {
    say('packages/web/dist is up to date');
    return;
  }
  let vite;
  try {
    vite = await import('vite');
  } catch {
    say(
      'vite is not installed (installed without devDependencies?): the console is not built; the API works without it',
    );
    return;
  }
  const started = performance.now();
  say('building the console (Vite)…');
  removeAbandonedBuilds();
  const out = join(WEB, `.dist-${process.pid}`);
  try {
    await vite.build({
      root: WEB,
      configFile: join(WEB, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: out, emptyOutDir: true },
    });
    carryOverPreviousAssets(out);
    for (const file of walk(join(out, 'assets')))
      if (COMPRESSIBLE.test(file)) writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
    writeFileSync(join(out, '.inputs'), inputs);
    const old = join(WEB, `.dist-old-${process.pid}`);
    if (existsSync(DIST)) renameSync(DIST, old);
    renameSync(out, DIST);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(out, { recursive: true, force: true });
    throw e;
  }
  const sizes = pageSizes();
  say(
    `packages/web/dist in ${Math.round(performance.now() - started)} ms; JS gzip: first page ${kb(sizes.first)}, flight page +${kb(sizes.flight)}, upload page +${kb(sizes.upload)}, fly page +${kb(sizes.fly)}`,
  );
}

/** Gzip bytes of the JS each page loads: the entry and its static imports, then each lazy page's own. */
export function pageSizes(dist = DIST) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const closure = (key, seen = new Set()) => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const k of manifest[key].imports ?? []) closure(k, seen);
    return seen;
  };
  const gz = (keys) =>
    [...keys].reduce(
      (n, k) => n + gzipSync(readFileSync(join(dist, manifest[k].file)), { level: 9 }).length,
      0,
    );
  const first = closure('index.html');
  const lazy = (src) => gz([...closure(src)].filter((k) => !first.has(k)));
  return {
    first: gz(first),
    flight: lazy('src/pages/flight/flight-page.tsx'),
    upload: lazy('src/pages/upload/upload-page.tsx'),
    fly: lazy('src/pages/fly/fly-page.tsx'),
  };
}

function carryOverPreviousAssets(out) {
  const manifest = join(DIST, '.vite', 'manifest.json');
  if (!existsSync(manifest)) return;
  const files = Object.values(JSON.parse(readFileSync(manifest, 'utf8'))).flatMap((e) => [
    e.file,
    ...(e.css ?? []),
    ...(e.assets ?? []),
  ]);
  for (const f of files)
    if (existsSync(join(DIST, f)) && !existsSync(join(out, f))) cpSync(join(DIST, f), join(out, f));
}

/** Folders of builds whose process is gone (killed mid-build): they would be linted and never used. */
function removeAbandonedBuilds() {
  for (const name of readdirSync(WEB)) {
    const pid = Number(/^\.dist-(?:old-)?(\d+)$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(WEB, name), { recursive: true, force: true });
    }
  }
}

function inputsHash() {
  const h = createHash('sha256');
  const lock = join(ROOT, 'package-lock.json');
  const files = [
    ...INPUTS.flatMap((i) => walk(join(WEB, i))),
    ...SOURCE_DEPS.flatMap((d) => walk(join(ROOT, d)).filter((f) => !f.endsWith('.test.ts'))),
    ...(existsSync(lock) ? [lock] : []),
  ];
  for (const p of files.sort()) h.update(relative(ROOT, p)).update('\0').update(readFileSync(p));
  return h.digest('hex');
}

function walk(p) {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p).flatMap((n) => walk(join(p, n)));
}

function readText(p) {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return null;
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWeb();
