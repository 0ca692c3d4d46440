import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'airlock.lock';

/** What the lock file says about its holder. The file is 0600 in a 0700 folder: only the owner reads it. */
export interface LockHolder {
  pid: number;
  host: string;
  kind: 'server' | 'cli';
  /** Process start time in clock ticks (Linux), so a reused pid is not mistaken for the holder. */
  procStart: string | null;
  startedAt: string;
  /** Set once the server listens: where the CLI finds it. */
  url?: string;
  /** Operator token for local CLI calls, readable only by whoever can read the data dir. */
  token?: string;
  /** Distinguishes this holder from a later one with the same pid. */
  nonce: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    const who =
      holder.kind === 'server'
        ? `an Airlock server (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ', starting'})`
        : `an airlock command (pid ${holder.pid})`;
    const what =
      holder.kind === 'server'
        ? 'Stop it first, or use it: the airlock CLI talks to the running server by itself.'
        : 'Wait for it to finish, or stop it.';
    super(
      `${dir} is in use by ${who} since ${holder.startedAt}${holder.host !== hostname() ? ` on host ${holder.host}` : ''}. ${what}`,
    );
    this.name = 'DataDirLockedError';
  }
}

function procStart(pid: number): string | null {
  try {
    // Field 22 of /proc/PID/stat, counted after the command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote `h` still runs (on this host; another host's lock is never stale). */
export function isAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true;
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = procStart(h.pid);
  return !(now && h.procStart && now !== h.procStart);
}

/** The current holder of `dir`'s lock, or null when there is none or it is stale. */
export function readLock(dir: string): LockHolder | null {
  let holder: LockHolder;
  try {
    holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
  return typeof holder.pid === 'number' && isAlive(holder) ? holder : null;
}

export interface DataDirLock {
  readonly holder: LockHolder;
  /** Records the URL the server listens on, for the CLI. */
  setUrl(url: string): void;
  release(): void;
}

/**
 * Takes the data dir for this process, before anything heavy is opened: one owner at a time, a second
 * one refused at once naming the first. Created with link(2), which fails when the file exists, so two
 * processes starting together cannot both win; a lock whose process is gone is taken over.
 */
export function lockDataDir(dir: string, kind: LockHolder['kind']): DataDirLock {
  const path = join(dir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    kind,
    procStart: procStart(process.pid),
    startedAt: new Date().toISOString(),
    ...(kind === 'server' ? { token: randomBytes(32).toString('base64url') } : {}),
    nonce: randomBytes(8).toString('hex'),
  };
  const write = (h: LockHolder) => {
    const tmp = `${path}.${process.pid}.${h.nonce}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(h)}\n`, { mode: 0o600 });
    return tmp;
  };
  for (let attempt = 0; ; attempt++) {
    const tmp = write(holder);
    try {
      linkSync(tmp, path);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const current = readRaw(path);
      if (current && isAlive(current)) throw new DataDirLockedError(dir, current);
      if (attempt >= 2) throw new Error(`could not take ${path}: it keeps changing`);
      // Stale: its process is gone. Remove it only if it is still the same stale file.
      if (readRaw(path)?.nonce === current?.nonce) unlinkQuiet(path);
    } finally {
      unlinkQuiet(tmp);
    }
  }
  let released = false;
  return {
    holder,
    setUrl(url) {
      holder.url = url;
      renameSync(write(holder), path);
    },
    release() {
      if (released) return;
      released = true;
      if (readRaw(path)?.nonce === holder.nonce) unlinkQuiet(path);
    },
  };
}

function readRaw(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}
