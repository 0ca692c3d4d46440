import fs, { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const guarded: string[] = [];

/**
 * PGlite's file system layer sets each file's mode with chmod (0666), which the umask does not
 * touch; so, in this process, a chmod of a path inside a guarded data dir (or of an open file) keeps
 * the owner's bits only. The server never needs a file that others can read.
 */
function guardModes(dir: string): void {
  const prefix = resolve(dir) + sep;
  if (guarded.includes(prefix)) return;
  if (guarded.length === 0) {
    const chmod = fs.chmodSync;
    const fchmod = fs.fchmodSync;
    const inside = (p: fs.PathLike) => guarded.some((g) => resolve(String(p)).startsWith(g));
    fs.chmodSync = (p, mode) => chmod(p, inside(p) ? Number(mode) & 0o700 : mode);
    fs.fchmodSync = (fd, mode) => fchmod(fd, Number(mode) & 0o700);
  }
  guarded.push(prefix);
}

/**
 * The data dir holds e-mail hashes, sessions, keys and encrypted logs: only the owner may read it.
 * New files are created 0600 by the umask set here, and PGlite's explicit chmods are held to the
 * owner's bits (guardModes); what an older version left readable is tightened once.
 * Returns how many entries had to be tightened.
 */
export function secureDataDir(dir: string): number {
  process.umask(0o077);
  guardModes(dir);
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
