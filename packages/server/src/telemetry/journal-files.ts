import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * The folders of the telemetry journal: `<data dir>/telemetry-journal/<folder>/`, one per journal,
 * each with its id, its owner and its segments. A process appends only to a journal it owns; a journal
 * whose owner died (kill -9, a crash) is claimed by the next process that opens the folder, which
 * replays it. Claiming renames the folder, so when two processes start at once only one of them gets
 * it and nothing is replayed twice. Folders are 0700 and files 0600: reports are the users' data.
 */
const ID_FILE = 'journal-id';
const OWNER_FILE = 'owner';

interface Owner {
  pid: number;
  host: string;
  /** Start time of the process (Linux clock ticks), so a reused pid is not taken for the owner. */
  started: string | null;
  /** Tells apart two journals held by one process (tests open several). */
  nonce: string;
}

/** Journals this process holds open, by owner nonce: a journal of our own pid is alive iff listed. */
const heldHere = new Set<string>();

export function privateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function ownerAlive(o: Owner): boolean {
  if (o.host !== hostname()) return true;
  if (o.pid === process.pid) return heldHere.has(o.nonce);
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = processStart(o.pid);
  return !(now && o.started && now !== o.started);
}

function readOwner(dir: string): Owner | null {
  try {
    return JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return null;
  }
}

function writePrivate(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export interface ClaimedJournal {
  id: string;
  dir: string;
  /** Marks the journal as no longer held by this process (its owner file stays, now stale). */
  release(): void;
}

function own(dir: string): ClaimedJournal {
  const nonce = randomBytes(8).toString('hex');
  const owner: Owner = { pid: process.pid, host: hostname(), started: processStart(process.pid), nonce };
  writePrivate(join(dir, OWNER_FILE), JSON.stringify(owner));
  heldHere.add(nonce);
  const id = readFileSync(join(dir, ID_FILE), 'utf8').trim();
  return { id, dir, release: () => heldHere.delete(nonce) };
}

const freshName = () => `j-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;

/** Every journal under `root` whose owner is gone, now owned by this process. */
export function claimOrphans(root: string): ClaimedJournal[] {
  privateDir(root);
  const claimed: ClaimedJournal[] = [];
  for (const name of readdirSync(root)) {
    // Dot-names are journals still being created by someone.
    if (name.startsWith('.')) continue;
    const dir = join(root, name);
    const owner = readOwner(dir);
    if (owner && ownerAlive(owner)) continue;
    const mine = join(root, freshName());
    try {
      renameSync(dir, mine);
    } catch {
      continue; // another process claimed it first
    }
    claimed.push(own(mine));
  }
  return claimed;
}

/** A new, empty journal owned by this process (built under a dot-name, then renamed into view). */
export function createJournal(root: string): ClaimedJournal {
  privateDir(root);
  const building = join(root, `.${freshName()}`);
  privateDir(building);
  writePrivate(join(building, ID_FILE), randomBytes(12).toString('base64url'));
  writePrivate(
    join(building, OWNER_FILE),
    JSON.stringify({ pid: process.pid, host: hostname(), started: null, nonce: 'building' }),
  );
  const dir = join(root, freshName());
  renameSync(building, dir);
  return own(dir);
}
