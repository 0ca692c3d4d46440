#!/usr/bin/env node
// Finds every *.test.ts under packages/ (Node 20's test runner does not expand globs) and runs them
// with node's own runner through tsx. Extra arguments are passed on (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages'];
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
const res = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...flags, ...chosen],
  { stdio: 'inherit' },
);
process.exit(res.status ?? 1);
