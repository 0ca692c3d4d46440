/**
 * For tests of the built airlock command: a module hook that records every module a child process
 * resolves and makes tsx unresolvable (a child that tried to compile TypeScript fails rather than
 * passing slowly), and a rebuild when a source changed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/airlock.js', import.meta.url));

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (/^tsx(\\/|$)/.test(specifier)) throw new Error('tsx is not available in this test');
  const r = await next(specifier, context);
  appendFileSync(process.env.LOADED_LOG, r.url + '\\n');
  return r;
}`;

/** Writes the hook into `dir`; returns the node arguments and env that install it, logging to `log`. */
export function moduleLog(dir: string, log: string): { nodeArgs: string[]; env: NodeJS.ProcessEnv } {
  const hook = join(dir, 'module-log-hook.mjs');
  writeFileSync(
    hook,
    `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});\n`,
  );
  writeFileSync(log, '');
  // Nothing inherited but PATH: no NODE_OPTIONS (so no --import tsx), no settings of the parent.
  return { nodeArgs: ['--import', hook], env: { PATH: process.env.PATH, LOADED_LOG: log } };
}

/** The URLs the child resolved, in order. */
export function loadedModules(log: string): string[] {
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

/**
 * In a work tree being edited a source may change between one test and the next, and the bin
 * would then build again and say so; building first keeps each check about what it checks.
 */
export function buildIfStale(): void {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}
