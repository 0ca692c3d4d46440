// @airlock/core and @airlock/sdk as an app gets them: `npm pack` (their prepack builds dist/ with
// .d.ts), then `npm ci --offline` of the two tarballs into an empty folder (see offline-lock.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './airlock-process.ts';
import { offlineLock } from './offline-lock.ts';

/** This process's environment without its TypeScript loader (--import tsx): the app must not get it. */
export const { NODE_OPTIONS: _loader, ...PLAIN_ENV } = process.env;

export interface InstalledSdk {
  /** The temp folder: the tarballs, and `app/` with them installed. Remove it when done. */
  work: string;
  app: string;
  tarballs: string[];
}

/** What `npm pack --json` says of each tarball. */
export interface PackedTarball {
  filename: string;
  name: string;
  version: string;
  files: Array<{ path: string }>;
}

/**
 * `npm pack` of @airlock/core and @airlock/sdk into `dest`, one test process at a time: each pack's
 * prepack rebuilds dist/ when it is stale and swaps the new folder in, so two files packing at once
 * (sdk-package and sdk-runtimes run side by side) could pack a dist/ another was swapping out.
 */
export function packSdk(dest: string): PackedTarball[] {
  return withPackLock(() => {
    // Built first, whole, so that no prepack rebuilds and swaps dist/ while npm is listing a tarball's
    // files (npm runs the two workspaces' prepack scripts; a CI run packed core without its index).
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-packages.mjs'), '--types', '--if-stale'], {
      cwd: ROOT,
      env: PLAIN_ENV,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const packed = execFileSync(
      'npm',
      ['pack', '--json', '-w', 'packages/core', '-w', 'packages/sdk', '--pack-destination', dest],
      { cwd: ROOT, env: PLAIN_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return JSON.parse(packed.slice(packed.indexOf('['))) as PackedTarball[];
  });
}

/** A lock folder beside node_modules (per clone); one left by a killed process goes after 3 minutes. */
function withPackLock<T>(fn: () => T): T {
  const dir = join(ROOT, 'node_modules', '.cache');
  const lock = join(dir, 'airlock-npm-pack.lock');
  mkdirSync(dir, { recursive: true });
  const gaveUp = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      } catch {}
      if (Date.now() > gaveUp) throw new Error(`${lock} held for 5 minutes`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function installSdkTarballs(prefix: string): InstalledSdk {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const tarballs = packSdk(work);
  const app = join(work, 'app');
  mkdirSync(app);
  const { dependencies, lock } = offlineLock(
    join(ROOT, 'package-lock.json'),
    tarballs.map((t) => ({ path: join(work, t.filename), name: t.name, version: t.version })),
  );
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', type: 'module', dependencies }));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lock));
  execFileSync('npm', ['ci', '--offline', '--no-audit', '--no-fund'], {
    cwd: app,
    env: PLAIN_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { work, app, tarballs: tarballs.map((t) => join(work, t.filename)) };
}
