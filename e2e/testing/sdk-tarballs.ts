// @airlock/core and @airlock/sdk as an app gets them: `npm pack` (their prepack builds dist/ with
// .d.ts), then `npm ci --offline` of the two tarballs into an empty folder (see offline-lock.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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

export function installSdkTarballs(prefix: string): InstalledSdk {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const packed = execFileSync(
    'npm',
    ['pack', '--json', '-w', 'packages/core', '-w', 'packages/sdk', '--pack-destination', work],
    { cwd: ROOT, env: PLAIN_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tarballs = JSON.parse(packed.slice(packed.indexOf('['))) as Array<{
    filename: string;
    name: string;
    version: string;
  }>;
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
