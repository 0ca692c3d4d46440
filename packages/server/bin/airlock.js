#!/usr/bin/env node
// The airlock command. It runs the JavaScript that `npm install` built (scripts/build.mjs). When a
// source changed since, it builds again first (well under a second; a build swaps in whole, so runs
// at the same time are safe) rather than run stale code or compile TypeScript on every start. With
// no build (installed with --ignore-scripts) or a build that fails, it says so and runs the sources
// through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { currentBuild } from './build-state.js';

let build = currentBuild();
const script = fileURLToPath(new URL('../../../scripts/build.mjs', import.meta.url));
if (build.changed && existsSync(script)) {
  const { spawnSync } = await import('node:child_process');
  const started = performance.now();
  const r = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Math.round(performance.now() - started);
  const was = build.reason;
  build = currentBuild();
  if (build.main) process.stderr.write(`airlock: ${was}: rebuilt in ${ms} ms\n`);
  else
    build.reason = `${was}, and building again failed: ${(r.stderr || r.error?.message || '').trim().split('\n')[0]}`;
}
let cli;
if (build.main) {
  cli = await import(build.main.href);
} else {
  process.stderr.write(`airlock: ${build.reason}; running the TypeScript sources through tsx\n`);
  const { register } = await import('tsx/esm/api');
  // The repository's tsconfig, whatever the cwd: its paths send @airlock/core and @airlock/sdk to
  // their sources (their package.json exports name dist/, which an install without scripts lacks).
  register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
  cli = await import('../src/cli/main.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
