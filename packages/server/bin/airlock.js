#!/usr/bin/env node
// The airlock command. It runs the JavaScript that `npm install` built (scripts/build.mjs) when that
// build is present and no source changed since; otherwise it says so and runs the TypeScript sources
// through tsx (correct, but a slower start), so it never runs stale code.
import { currentBuild } from './build-state.js';

const build = currentBuild();
let cli;
if (build.main) {
  cli = await import(build.main.href);
} else {
  process.stderr.write(`airlock: ${build.reason}; running the TypeScript sources through tsx\n`);
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
