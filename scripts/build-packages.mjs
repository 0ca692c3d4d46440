#!/usr/bin/env node
// Builds the publishable packages, @airlock/core and @airlock/sdk, to what their package.json `exports`
// name: ESM JavaScript in dist/, one .js per source file (so an app's bundler keeps only what it
// imports), and with --types the .d.ts beside it. The monorepo itself never reads dist/: tsconfig's
// `paths` send tsx, tsc and esbuild to the TypeScript sources. dist/ is for `npm pack` and for apps.
//
// Not bundled: the JavaScript is each file transpiled alone by esbuild (already the server's build tool;
// well under a second for both packages), with `.ts` import specifiers rewritten to `.js`. The
// declarations come from `tsc --emitDeclarationOnly`, the compiler that type-checks the project,
// incremental, so only the first build pays the full check (10-20 s). `npm install` (prepare) builds the
// JavaScript; `npm pack` (each package's prepack) builds both.
//
//   node scripts/build-packages.mjs [--types] [--if-stale]
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// In dependency order: the SDK's declarations import core's.
const PACKAGES = ['core', 'sdk'];
const STAMP = '.build-stamp.json';
const withTypes = process.argv.includes('--types');
const ifStale = process.argv.includes('--if-stale');

const started = performance.now();
const built = [];
for (const name of PACKAGES) {
  const dir = join(ROOT, 'packages', name);
  const config = readBuildConfig(dir);
  const inputs = [
    ...config.fileNames,
    ...jsonFiles(config.fileNames),
    join(dir, 'package.json'),
    join(dir, 'tsconfig.build.json'),
    join(ROOT, 'tsconfig.json'),
  ];
  const stamp = { types: withTypes, newest: newestMtime([...inputs, fileURLToPath(import.meta.url)]) };
  if (ifStale && isFresh(dir, stamp)) continue;
  buildPackage(dir, config, stamp);
  built.push(name);
}
if (built.length)
  console.error(
    `airlock build-packages: ${built.join(', ')}${withTypes ? ' (with .d.ts)' : ''} in ${Math.round(performance.now() - started)} ms`,
  );

function readBuildConfig(dir) {
  const path = join(dir, 'tsconfig.build.json');
  const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dir, undefined, path);
  if (parsed.errors.length)
    throw new Error(
      parsed.errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'),
    );
  return parsed;
}

/** JSON files the sources import (`with { type: 'json' }`): copied beside the JavaScript. */
function jsonFiles(sources) {
  const found = new Set();
  for (const file of sources) {
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+\.json)'/g))
      found.add(join(dirname(file), m[1]));
  }
  return [...found];
}

function newestMtime(files) {
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

function isFresh(dir, stamp) {
  try {
    const old = JSON.parse(readFileSync(join(dir, 'dist', STAMP), 'utf8'));
    return old.newest >= stamp.newest && (old.types || !stamp.types);
  } catch {
    return false;
  }
}

/** Builds into a fresh folder, then swaps it in whole: no file of a deleted source survives. */
function buildPackage(dir, config, stamp) {
  const src = join(dir, 'src');
  const tmp = join(dir, `.dist-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const result = esbuild.buildSync({
    entryPoints: config.fileNames,
    outbase: src,
    outdir: tmp,
    bundle: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, jsExtensions(file.text));
  }
  for (const file of jsonFiles(config.fileNames)) {
    mkdirSync(dirname(join(tmp, relative(src, file))), { recursive: true });
    copyFileSync(file, join(tmp, relative(src, file)));
  }
  if (withTypes) copyDeclarations(dir, config, tmp);
  writeFileSync(join(tmp, STAMP), `${JSON.stringify(stamp)}\n`);
  const old = join(dir, `.dist-old-${process.pid}`);
  if (existsSync(join(dir, 'dist'))) renameSync(join(dir, 'dist'), old);
  renameSync(tmp, join(dir, 'dist'));
  rmSync(old, { recursive: true, force: true });
}

/** `./x.ts` → `./x.js` in every relative import and export (esbuild keeps specifiers as written). */
function jsExtensions(code) {
  return code.replace(/((?:from|import)\s*\(?\s*)(["'])(\.{1,2}\/[^"']+)\.ts\2/g, '$1$2$3.js$2');
}

/**
 * `tsc --emitDeclarationOnly` into a cache folder that persists between builds (incremental), then
 * the .d.ts of the current sources into the new dist.
 */
function copyDeclarations(dir, config, tmp) {
  const cache = join(ROOT, 'node_modules', '.cache', 'airlock-build', relative(join(ROOT, 'packages'), dir));
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      ...['-p', join(dir, 'tsconfig.build.json'), '--emitDeclarationOnly', '--incremental'],
      ...['--outDir', join(cache, 'types'), '--tsBuildInfoFile', join(cache, 'types.tsbuildinfo')],
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`tsc (declarations of ${dir}) failed:\n${r.stdout}${r.stderr}`);
  const src = join(dir, 'src');
  for (const file of config.fileNames) {
    const rel = relative(src, file).replace(/\.ts$/, '.d.ts');
    mkdirSync(dirname(join(tmp, rel)), { recursive: true });
    copyFileSync(join(cache, 'types', rel), join(tmp, rel));
  }
}
