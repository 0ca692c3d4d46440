// Tests only: every new embedded database a test process opens (in memory, or in a folder that holds
// none yet) starts from one tarball of a new, migrated, empty PGlite data dir instead of running
// initdb and the migrations again (~1.5 s of CPU each on CI's 2 cores). The tarball is PGlite's own
// dump, made once per content of what a new database is made from (PGlite's version, its start
// parameters, the migrations and the code applying them) and kept in the temp dir, so the test files
// of a run share it. The schema is the migrations' own: `migrate()` on a database started from it
// finds everything applied. First starts of a real server (`airlock serve`, a child process) still run
// initdb and every migration; set AIRLOCK_TEST_PGLITE_TEMPLATE=off to make tests do so too.
//
// Imported for its effect by the test helpers that open databases (test-server.ts,
// storage/test-databases.ts, audit/audit.test.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../storage/migrate.ts';
import {
  dumpNewPgliteDatabase,
  PGLITE_START_PARAMS,
  startNewPgliteDatabasesFrom,
} from '../storage/pglite-database.ts';

const STORAGE = join(dirname(fileURLToPath(import.meta.url)), '..', 'storage');
const CACHE = join(tmpdir(), 'airlock-test-cache');

/** What a new migrated database is made of; any change makes (and names) a new template. */
function templateKey(): string {
  const h = createHash('sha256');
  // Its package.json is not exported: found beside the entry point (dist/index.*).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
  h.update(`${pkg.name}@${pkg.version}`).update('\0');
  h.update(JSON.stringify(PGLITE_START_PARAMS)).update('\0');
  for (const file of ['migrate.ts', 'pglite-database.ts']) h.update(readFileSync(join(STORAGE, file)));
  const migrations = join(STORAGE, 'migrations');
  for (const name of readdirSync(migrations).sort())
    h.update(name)
      .update('\0')
      .update(readFileSync(join(migrations, name)))
      .update('\0');
  return h.digest('hex').slice(0, 16);
}

async function makeTemplate(): Promise<Buffer> {
  const file = join(CACHE, `pglite-${templateKey()}.tar.gz`);
  try {
    return readFileSync(file);
  } catch {
    // Not made yet (or made by another version of the schema): made here, swapped in whole by rename,
    // so test files making it at the same time each write a complete one.
  }
  const dump = Buffer.from(await (await dumpNewPgliteDatabase(migrate)).arrayBuffer());
  mkdirSync(CACHE, { recursive: true });
  const tmp = `${file}.${process.pid}`;
  writeFileSync(tmp, dump);
  renameSync(tmp, file);
  return dump;
}

let template: Promise<Buffer> | undefined;
function load(): Promise<Blob> {
  template ??= makeTemplate();
  return template.then((bytes) => new Blob([new Uint8Array(bytes)]));
}

if (process.env.AIRLOCK_TEST_PGLITE_TEMPLATE !== 'off') startNewPgliteDatabasesFrom(load);
