import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The folder name used when AIRLOCK_DATA_DIR is not set. */
export const DEFAULT_DATA_DIR = 'airlock-data';

export interface ResolvedDataDir {
  /** Absolute path, resolved once; everything else uses this. */
  path: string;
  /** Whether the folder already holds an Airlock data dir (a database, a key or a lock). */
  exists: boolean;
  /** How it was chosen, for the start-up line and error messages. */
  how: 'configured' | 'found' | 'new';
}

/** Whether `dir` looks like an Airlock data dir rather than any folder of that name. */
export function isDataDir(dir: string): boolean {
  return ['pglite', 'master.key', 'airlock.lock'].some((f) => existsSync(join(dir, f)));
}

/**
 * Resolves the data dir once. A configured absolute path is taken as it is. The default relative
 * name is looked up from `cwd` upwards, the way git finds `.git`: a command run from a subfolder of
 * the project must use the project's data, not silently create a second one with a new master key.
 * A configured relative path is relative to `cwd`.
 */
export function resolveDataDir(configured: string, cwd = process.cwd()): ResolvedDataDir {
  if (isAbsolute(configured) || configured !== DEFAULT_DATA_DIR) {
    const path = resolve(cwd, configured);
    return { path, exists: isDataDir(path), how: 'configured' };
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, configured);
    if (isDataDir(candidate)) return { path: candidate, exists: true, how: 'found' };
    if (dirname(dir) === dir) break;
  }
  return { path: resolve(cwd, configured), exists: false, how: 'new' };
}
