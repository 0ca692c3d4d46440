import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data dir holds e-mail hashes, sessions, keys and encrypted logs: only the owner may read it.
 * New files are created 0600 by the umask set here (PGlite creates its files 0666 and its folders
 * 0777 and leaves the rest to the umask); what an older version left readable is tightened once.
 * Returns how many entries had to be tightened.
 */
export function secureDataDir(dir: string): number {
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return tighten(dir);
}

function tighten(path: string): number {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return 0;
  let fixed = 0;
  const want = st.isDirectory() ? 0o700 : 0o600;
  if ((st.mode & 0o777) !== want) {
    chmodSync(path, want);
    fixed++;
  }
  if (st.isDirectory()) for (const name of readdirSync(path)) fixed += tighten(join(path, name));
  return fixed;
}

/** Entries below `dir` that anyone but the owner can read, write or enter (for tests and `doctor`). */
export function exposedEntries(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) out.push(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
  };
  walk(dir);
  return out;
}
