#!/usr/bin/env node
// `npm run bench [name...]`: runs the named benches (default: every bench/*.ts not starting with _)
// one after another with `node --import tsx`, never in parallel (they measure the machine).
// A name may be given with or without ".ts" or "bench/". Exits non-zero when any bench fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const all = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'))
  .sort();
const names = process.argv.slice(2);
const chosen = names.length ? names.map((n) => `${basename(n).replace(/\.ts$/, '')}.ts`) : all;
const unknown = chosen.filter((f) => !existsSync(join(benchDir, f)));
if (unknown.length) {
  console.error(`no such bench: ${unknown.join(', ')} (have: ${all.join(', ')})`);
  process.exit(2);
}

const failed = [];
for (const file of chosen) {
  console.error(`\n=== bench/${file} ===`);
  const started = Date.now();
  const res = spawnSync(process.execPath, ['--import', 'tsx', join('bench', file)], {
    cwd: root,
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const status = res.error
    ? res.error.message
    : res.signal
      ? `killed by ${res.signal}`
      : `exit ${res.status}`;
  console.error(`=== bench/${file}: ${status} after ${seconds} s ===`);
  if (res.error || res.status !== 0) failed.push(`${file} (${status})`);
}
if (failed.length) {
  console.error(`\n${failed.length} of ${chosen.length} benches failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.error(`\nall ${chosen.length} benches passed`);
