// A package-lock.json for an app that depends on local tarballs, written from the repository's own
// lock: `npm ci --offline` then installs with no network. `npm install --offline` cannot do it, since
// resolving a version range needs the registry's package documents, which `npm ci` never caches;
// the tarballs of every version the repository's lock names are in npm's cache after its install.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * The lock of an app in `appDir` whose dependencies are the given tarballs (in `appDir/..`), with each
 * tarball's dependencies laid out as in the repository's lock at `rootLockPath`.
 */
export function offlineLock(
  rootLockPath: string,
  tarballs: Array<{ path: string; name: string; version: string }>,
): { dependencies: Record<string, string>; lock: object } {
  const root = JSON.parse(readFileSync(rootLockPath, 'utf8')).packages as Record<string, LockEntry>;
  const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  const packages: Record<string, LockEntry> = {};
  const dependencies: Record<string, string> = {};
  const pending: Array<[string, Record<string, string>]> = [];
  for (const t of tarballs) {
    const spec = `file:../${basename(t.path)}`;
    const manifest = root[`node_modules/${t.name}`] ?? {};
    const workspace = root[manifest.resolved ?? ''] ?? {};
    const integrity = `sha512-${createHash('sha512').update(readFileSync(t.path)).digest('base64')}`;
    packages[`node_modules/${t.name}`] = {
      version: t.version,
      resolved: spec,
      integrity,
      ...(workspace.dependencies ? { dependencies: workspace.dependencies } : {}),
    };
    dependencies[t.name] = spec;
    pending.push([`node_modules/${t.name}`, workspace.dependencies ?? {}]);
  }
  // Node's lookup: the package's own node_modules first, then each folder up to the top.
  while (pending.length) {
    const [from, deps] = pending.pop() as [string, Record<string, string>];
    for (const name of Object.keys(deps)) {
      if (tarballs.some((t) => t.name === name)) continue;
      let dir = from;
      let found: string | null = null;
      for (;;) {
        const key = join(dir, 'node_modules', name);
        if (root[key]) {
          found = key;
          break;
        }
        if (!dir.includes('node_modules')) break;
        dir = dir.slice(0, dir.lastIndexOf('node_modules')).replace(/\/$/, '');
      }
      if (!found) throw new Error(`${name} (needed by ${from}) is not in the repository's lock`);
      if (packages[found]) continue;
      const { dev: _d, devOptional: _o, peer: _p, ...entry } = root[found];
      packages[found] = { ...entry, resolved: entry.resolved ?? registryTarball(found, entry, registry) };
      pending.push([found, { ...entry.dependencies, ...entry.optionalDependencies }]);
    }
  }
  return {
    dependencies,
    lock: {
      name: 'app',
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name: 'app', dependencies }, ...packages },
    },
  };
}

/**
 * Where the registry serves a package's tarball. A lock written without `resolved` fields leaves npm to
 * ask the registry for the package's document (which `--offline` cannot); with the URL and the
 * integrity, npm takes the tarball from its cache.
 */
function registryTarball(key: string, entry: LockEntry, registry: string): string {
  const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const file = name.slice(name.lastIndexOf('/') + 1);
  return `${registry.replace(/\/$/, '')}/${name}/-/${file}-${entry.version}.tgz`;
}
