/**
 * Issue #13 row 2: a pilot with 10,000 flights gets a page of their list in < 200 ms, plain, filtered
 * (date range, aircraft, format) and sorted (start, duration, distance, max altitude), on PGlite and on
 * PostgreSQL (when AIRLOCK_TEST_DATABASE_URL is set, e.g. postgres://postgres@127.0.0.1:5432/test).
 * Each flight's summary is sealed under the pilot's key (the row holds only id, format, size, upload
 * time), so a filtered or sorted page opens the pilot's rows; the side-by-side column is the plain
 * newest-first page, which the database answers by its index alone.
 *
 * The 10,000 rows are sealed exactly as an import seals them (meta and list keys; one real parsed
 * summary, varied: start day, aircraft, format, duration, distance, altitude) and inserted 500 to a
 * statement, not uploaded.
 * Every query runs on the service (FlightLogService.list), first once with nothing of this pilot's
 * opened in memory ("cold": the list index dropped, as after 5 idle minutes or a restart), then 5 more
 * times ("warm", median): a pilot paging and changing filters.
 *
 *   node --import tsx bench/flight-list.ts [--flights 10000]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFlightLog } from '@airlock/core';
import { MemoryBlobStore } from '../packages/server/src/blobs/index.ts';
import { encodeOffset } from '../packages/server/src/flightlogs/flightlog-query.ts';
import { sealListKeys, sealMeta } from '../packages/server/src/flightlogs/flightlog-view.ts';
import { type FlightLogQuery, FlightLogService } from '../packages/server/src/flightlogs/index.ts';
import { silentLogger } from '../packages/server/src/log/index.ts';
import { type Database, forEachTestDatabase } from '../packages/server/src/storage/index.ts';
import { testAccounts } from '../packages/server/src/testing/test-accounts.ts';
import { fmt, machineInfo, markdownTable, progress, REPO_DIR, writeResults } from './lib/report.ts';

const { values: args } = parseArgs({ options: { flights: { type: 'string', default: '10000' } } });
const FLIGHTS = Number(args.flights);
const REPEAT = 5;
const FLOOR_MS = 200;
const LIMIT = 50;
const SAMPLE = join(REPO_DIR, '..', 'shared', 'data', 'flightlogs', 'ulog', 'sample_px4_events.ulg');
const AIRCRAFT = ['PX4 x500', 'DJI Mini 2', 'ArduCopter Hexa', 'Skywalker X8', 'PX4 VTOL Standard'];
const FORMATS = ['ulog', 'ulog', 'dataflash', 'tlog', 'dji-txt', 'gpx', 'csv'];

const QUERIES: { name: string; q: FlightLogQuery; page?: number }[] = [
  { name: 'page 1, newest upload first (plain)', q: {} },
  { name: 'page 50, newest upload first (plain, keyset)', q: {}, page: 50 },
  { name: 'from/to: one month', q: { from: '2024-03-01', to: '2024-03-31' } },
  { name: 'aircraft contains "mini"', q: { aircraft: 'mini' } },
  { name: 'format = dataflash', q: { format: 'dataflash' } },
  { name: 'sort start, asc', q: { sort: 'start', order: 'asc' } },
  { name: 'sort start, asc, page 50', q: { sort: 'start', order: 'asc' }, page: 50 },
  { name: 'sort duration, desc', q: { sort: 'duration' } },
  { name: 'sort distance, desc', q: { sort: 'distance' } },
  { name: 'sort max_alt, asc', q: { sort: 'max_alt', order: 'asc' } },
  { name: 'uploaded asc (oldest first)', q: { order: 'asc' } },
  {
    name: 'month + aircraft + format, sort distance',
    q: { from: '2024-01-01', to: '2024-06-30', aircraft: 'px4', format: 'ulog', sort: 'distance' },
  },
];

const parsed = parseFlightLog(readFileSync(SAMPLE), { name: 'sample_px4_events.ulg' });
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const results: Record<string, { query: string; firstMs: number; medianMs: number; items: number }[]> = {};
const fillMs: Record<string, number> = {};
for (const factory of forEachTestDatabase()) {
  const { db, dispose } = await factory.open();
  try {
    const { keyring, accounts } = testAccounts(db);
    const service = new FlightLogService(db, keyring, new MemoryBlobStore(), { maxBytes: 1e8 }, silentLogger);
    const pilot = await accounts.signUp('many@example.org', 'correct horse battery staple');
    const other = await accounts.signUp('other@example.org', 'correct horse battery staple');
    const t0 = performance.now();
    await fill(db, pilot.id, await keyring.get(pilot.id));
    fillMs[factory.name] = performance.now() - t0;
    progress(`${factory.name}: ${FLIGHTS} flights sealed and inserted in ${fmt(fillMs[factory.name], 0)} ms`);
    await service.importBytes(other.id, readFileSync(SAMPLE), { filename: 'other.ulg' });

    const rows: (typeof results)[string] = [];
    for (const { name, q, page } of QUERIES) {
      const cursor = page ? await cursorOf(service, pilot.id, q, page) : undefined;
      const ask = async () => {
        const s = performance.now();
        const out = await service.list(pilot.id, { limit: LIMIT, cursor, ...q });
        return { ms: performance.now() - s, items: out.items.length };
      };
      // Another pilot's requests in between, and this pilot's opened keys dropped: a cold answer.
      await service.list(other.id, { limit: LIMIT, sort: 'start' });
      await service.list(other.id, { limit: LIMIT });
      service.listIndex.forget(pilot.id);
      const first = await ask();
      const again: number[] = [];
      for (let i = 0; i < REPEAT; i++) again.push((await ask()).ms);
      rows.push({ query: name, firstMs: first.ms, medianMs: median(again), items: first.items });
      progress(`${factory.name}: ${name}: first ${fmt(first.ms, 0)} ms, then ${fmt(median(again), 0)} ms`);
    }
    results[factory.name] = rows;
  } finally {
    await dispose();
  }
}

const names = Object.keys(results);
console.log(
  markdownTable(
    ['query (limit 50)', ...names.flatMap((n) => [`${n} cold`, `${n} warm (median of ${REPEAT})`]), 'floor'],
    QUERIES.map(({ name }, i) => [
      name,
      ...names.flatMap((n) => [
        `${fmt(results[n][i].firstMs, 0)} ms`,
        `${fmt(results[n][i].medianMs, 0)} ms`,
      ]),
      `< ${FLOOR_MS} ms`,
    ]),
  ),
);
const worst = (pick: (r: (typeof results)[string][number]) => number) =>
  Math.max(...names.flatMap((n) => results[n].map(pick)));
const verdict = (ms: number) => `${fmt(ms, 0)} ms (${ms < FLOOR_MS ? 'met' : 'BELOW FLOOR'})`;
console.log(
  `\n${FLIGHTS} flights of one pilot; worst warm answer ${verdict(worst((r) => r.medianMs))}, worst cold ${verdict(worst((r) => r.firstMs))}. Fill: ${names.map((n) => `${n} ${fmt(fillMs[n] / 1000, 1)} s`).join(', ')}. Load ${machineInfo().loadavg1m}.`,
);
progress(`wrote ${writeResults('flight-list', { flights: FLIGHTS, limit: LIMIT, fillMs, results })}`);

/** The cursor of page `page` (1-based) of a query, as a client paging through would hold it. */
async function cursorOf(
  service: FlightLogService,
  pilotId: string,
  q: FlightLogQuery,
  page: number,
): Promise<string | undefined> {
  if (q.sort || q.order || q.from || q.to || q.aircraft || q.format) return encodeOffset((page - 1) * LIMIT);
  let cursor: string | undefined;
  for (let p = 1; p < page; p++)
    cursor = (await service.list(pilotId, { limit: LIMIT, cursor })).next_cursor ?? undefined;
  return cursor;
}

/** FLIGHTS rows sealed as an import seals them, 500 to an INSERT, uploads spread over two years. */
async function fill(db: Database, pilotId: string, key: Buffer): Promise<void> {
  const base = Date.UTC(2023, 0, 1);
  for (let start = 0; start < FLIGHTS; start += 500) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = start; i < Math.min(FLIGHTS, start + 500); i++) {
      const id = randomUUID();
      const flown = new Date(base + i * 6_300_000 + (i % 7) * 3_600_000);
      const summary = {
        ...parsed.summary,
        start: flown.toISOString(),
        duration_s: 60 + ((i * 37) % 1800),
        distance_m: (i * 131) % 20_000,
        max_alt_m: (i * 17) % 120,
        aircraft: AIRCRAFT[i % AIRCRAFT.length],
      };
      const meta = sealMeta(key, pilotId, id, {
        filename: `flight-${i}.ulg`,
        sha256: randomBytes(32).toString('hex'),
        summary,
      });
      const n = values.length;
      tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8})`);
      values.push(
        id,
        pilotId,
        randomBytes(32),
        FORMATS[i % FORMATS.length],
        1_000_000 + i,
        meta,
        new Date(flown.getTime() + 86_400_000),
        sealListKeys(key, pilotId, id, summary),
      );
    }
    await db.query(
      `INSERT INTO flightlogs (id, pilot_id, content_hmac, format, size_bytes, meta, created_at, list_keys) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}
