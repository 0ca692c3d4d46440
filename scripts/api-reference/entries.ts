// The entries an app imports, read from the packages' `exports`: every subpath of @airlock/sdk, and
// @airlock/core's public entry (its other subpaths are what the SDK's declarations import, not an API).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TSCONFIG = join(ROOT, 'scripts/api-reference/tsconfig.json');

export interface ApiEntry {
  /** What an app writes in its import: `@airlock/sdk/sync`. */
  specifier: string;
  /** The TypeScript source the entry is built from. */
  source: string;
}

export function apiEntries(): ApiEntry[] {
  return [...entriesOf('sdk', () => true), ...entriesOf('core', (subpath) => subpath === '.')];
}

function entriesOf(dir: string, wanted: (subpath: string) => boolean): ApiEntry[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string | { import: string }>;
  };
  return Object.entries(pkg.exports)
    .filter(([subpath, target]) => typeof target === 'object' && !subpath.includes('*') && wanted(subpath))
    .map(([subpath, target]) => ({
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      // ./dist/sync/index.js is built from src/sync/index.ts.
      source: join(
        ROOT,
        'packages',
        dir,
        (target as { import: string }).import.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'),
      ),
    }));
}
