// Which JavaScript build of the CLI may run: the one scripts/build.mjs wrote, if every source file it
// was built from is unchanged since. Plain JavaScript with no imports beyond node:fs, because the bin
// reads it before anything else; a stat per source file (~150) costs about a millisecond.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The build folder, packages/server/dist/: build.json names the current build and its inputs. */
export const DIST_DIR = new URL('../dist/', import.meta.url);

/**
 * `{ main }` (a file: URL of the built cli/main.js) when the build is present and fresh, otherwise
 * `{ reason }`: a short phrase saying why not, with `changed` (the source's path) when it is stale.
 */
export function currentBuild(distDir = DIST_DIR) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('build.json', distDir), 'utf8'));
  } catch {
    return { reason: 'there is no JavaScript build (npm install makes it; so does `npm run build`)' };
  }
  const changed = changedInput(manifest, distDir);
  if (changed) return { reason: `${changed} changed after the last build`, changed };
  return { main: new URL(`${manifest.dir}/main.js`, distDir) };
}

/**
 * The first input whose size or mtime differs from what the manifest recorded (or that is gone), as
 * a path from the repository root; null when none did. Manifest paths are relative to distDir.
 */
export function changedInput(manifest, distDir = DIST_DIR) {
  // Plain string paths: a URL object per file costs more than the stat.
  const dist = fileURLToPath(distDir);
  for (const [path, [mtimeMs, size]] of Object.entries(manifest.inputs)) {
    const st = statSync(dist + path, { throwIfNoEntry: false });
    if (st?.mtimeMs !== mtimeMs || st.size !== size)
      return fileURLToPath(new URL(path, distDir)).slice(fileURLToPath(new URL('../../../', distDir)).length);
  }
  return null;
}
