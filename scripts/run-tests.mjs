#!/usr/bin/env node
// Finds every *.test.ts under packages/ (Node 20's test runner does not expand globs) and runs them
// with node's own runner through tsx. Extra arguments are passed on (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const roots = ['packages', 'e2e', 'audit'];
const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(p);
  }
}
for (const r of roots) walk(r);
const chosen = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;
chosen.sort();
if (chosen.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// Tests that read the real sample data (airspace files, flight logs: ../shared/data, beside the clone,
// each folder with its SOURCES.md and licence) need it there; the project does not ship 43 MB of
// samples. Without it, those files are left out and named, unless CI=true (then it is an error).
const sharedData = join(root, '..', 'shared', 'data');
let run = chosen;
if (!existsSync(sharedData)) {
  const needing = chosen.filter((f) => readsSharedData(f));
  if (process.env.CI === 'true') {
    console.error(`${sharedData} is missing: ${needing.length} test files read the sample data there`);
    process.exit(1);
  }
  run = chosen.filter((f) => !needing.includes(f));
  console.error(
    `note: ${sharedData} (the sample airspace files and flight logs) is not beside this clone, so the\n` +
      `${needing.length} test files that read it are left out:\n  ${needing.join('\n  ')}\n` +
      'Clone next to shared/ (as CI does) to run them.\n',
  );
}
// Two files at a time, one per core: the suite is CPU-bound (a third slot made CI slower, 630 s
// against 614 s, and made timing-sensitive tests flake).
const res = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...flags, ...run],
  { stdio: 'inherit' },
);
process.exit(res.status ?? 1);

/** Whether a test file, or a project file it imports (relative imports, followed), names shared/data. */
function readsSharedData(file, seen = new Set()) {
  if (seen.has(file) || !existsSync(file)) return false;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  if (text.includes('shared/data')) return true;
  for (const m of text.matchAll(/from '(\.{1,2}\/[^']+\.ts)'/g)) {
    if (readsSharedData(join(dirname(file), m[1]), seen)) return true;
  }
  return false;
}
