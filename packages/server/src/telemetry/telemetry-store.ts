import { randomBytes } from 'node:crypto';
import type { TelemetryCategory } from '@airlock/core';
import type { Database, Queryable } from '../storage/index.ts';
import type { AggregateBuffer, CounterRow, ErrorCountRow, ErrorGroupRow } from './aggregate-buffer.ts';
import { BOUNDED_DIMENSIONS, boundCounters, boundErrors, type StoredValues } from './bounded-dimensions.ts';
import type { JournalPosition } from './journal-format.ts';
import { outsideRanges } from './sequence-ranges.ts';

/** Rows per statement; arrays travel as one parameter each, so this only bounds statement size. */
const CHUNK_ROWS = 5000;

/**
 * A stream message is added only while the day it was made is at most this many days ago: the
 * stream's max age (7 days, telemetry-stream/) and one for the seconds a publish may take and for
 * clocks. Its id is kept a day longer (migration 018).
 */
export const STREAM_MESSAGE_DAYS = 8;

/** What identifies a stream message (migration 018): its id, the day it was made, its sequence. */
export interface StreamMessageKey {
  /** The UUID of its Nats-Msg-Id, lower case. */
  id: string;
  /** YYYY-MM-DD (UTC) */
  day: string;
  seq: number;
}

export type ErrorDayRow = ErrorCountRow & Omit<ErrorGroupRow, 'fingerprint'>;

/** How far into a journal the aggregates of a write go (see migration 006). */
export interface JournalCheckpoint {
  journalId: string;
  position: JournalPosition;
}

export interface WriteOptions {
  /** Recorded in the same transaction as the aggregates, so replay never adds them twice. */
  checkpoints?: JournalCheckpoint[];
  /** Distinct values per day in each free-text dimension (and error groups per day); none if unset. */
  maxValues?: number;
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) out.push(rows.slice(i, i + CHUNK_ROWS));
  return out;
}

// Rows are written in key order so that concurrent flushes from several servers lock rows in the
// same order and cannot deadlock.
const byKey =
  <T>(key: (r: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * SQL for the telemetry aggregates: additive multi-row upserts (several server instances add up) and
 * the reads behind the operator statistics. The same SQL runs on PGlite and PostgreSQL.
 */
export class TelemetryStore {
  constructor(readonly db: Database) {}

  /**
   * Adds a buffer to the tables in one transaction, with the journal checkpoints; returns the number
   * of upserts it took.
   */
  async write(buffer: AggregateBuffer, options: WriteOptions = {}): Promise<number> {
    if (buffer.size === 0 && (options.checkpoints ?? []).length === 0) return 0;
    return this.db.transaction((tx) => writeIn(tx, buffer, options));
  }

  /**
   * Adds the messages of a stream batch that were never added before, in one transaction with the
   * record of their message ids (migration 018): `build` gets the ids new to the tables and returns
   * their aggregates. Returns how many were new; a second copy of a message, whatever its sequence,
   * adds nothing. Ids are claimed in their sorted order by one INSERT … ON CONFLICT DO NOTHING: a
   * server adding a copy of the same message at the same time waits on the row and then finds it,
   * and two batches never wait on each other in a circle. Messages made more than
   * STREAM_MESSAGE_DAYS days ago are not added (see the migration: they can only be late copies, or
   * publishes answered 503); the database's clock decides, for every server alike.
   */
  async writeStreamBatch(
    stream: string,
    messages: StreamMessageKey[],
    build: (fresh: ReadonlySet<string>) => AggregateBuffer,
    options: WriteOptions = {},
  ): Promise<number> {
    if (messages.length === 0) return 0;
    const sorted = [...messages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO telemetry_stream_applied_messages (msg_id, day)
         SELECT m.id, m.day FROM unnest($1::uuid[], $2::date[]) WITH ORDINALITY AS m(id, day, n)
         WHERE m.day >= (now() AT TIME ZONE 'UTC')::date - $3::int
         ORDER BY m.n
         ON CONFLICT (msg_id) DO NOTHING
         RETURNING msg_id::text AS id`,
        [sorted.map((m) => m.id), sorted.map((m) => m.day), STREAM_MESSAGE_DAYS],
      );
      const fresh = new Set(rows.map((r) => r.id));
      if (fresh.size > 0 && this.legacyRuns !== false) {
        // Added before migration 018 (recorded by sequence only) and not yet acknowledged.
        for (const seq of await this.legacyApplied(tx, stream, messages)) {
          for (const m of messages) if (m.seq === seq) fresh.delete(m.id);
        }
      }
      if (fresh.size === 0) return 0;
      await writeIn(tx, build(fresh), options);
      return fresh.size;
    });
  }

  /** null until looked at: whether migration 015's table still holds any run (then it is read). */
  private legacyRuns: boolean | null = null;

  private async legacyApplied(
    tx: Queryable,
    stream: string,
    messages: StreamMessageKey[],
  ): Promise<number[]> {
    if (this.legacyRuns === null) {
      const { rows } = await tx.query<{ any: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM telemetry_stream_applied_ranges) AS any',
      );
      this.legacyRuns = rows[0].any;
      if (!this.legacyRuns) return [];
    }
    const seqs = messages.map((m) => m.seq);
    const { rows } = await tx.query<{ first: string; last: string }>(
      `SELECT first_seq::text AS first, last_seq::text AS last FROM telemetry_stream_applied_ranges
       WHERE stream = $1 AND first_seq <= $3 AND last_seq >= $2`,
      [stream, Math.min(...seqs), Math.max(...seqs)],
    );
    const outside = outsideRanges(
      seqs,
      rows.map((r) => ({ first: Number(r.first), last: Number(r.last) })),
    );
    return seqs.filter((s) => !outside.has(s));
  }

  /**
   * Forgets the ids of messages made more than STREAM_MESSAGE_DAYS + 1 days ago (no copy of them is
   * added any more: one day of margin for clocks), and migration 015's runs below the stream's first
   * sequence less a million (a restarted nats-server can bring back a few it had deleted).
   */
  async pruneStreamApplied(stream: string, firstSeq: number): Promise<void> {
    await this.db.query(
      `DELETE FROM telemetry_stream_applied_messages
       WHERE day < (now() AT TIME ZONE 'UTC')::date - $1::int`,
      [STREAM_MESSAGE_DAYS + 1],
    );
    if (this.legacyRuns === false) return;
    await this.db.query('DELETE FROM telemetry_stream_applied_ranges WHERE stream = $1 AND last_seq < $2', [
      stream,
      firstSeq - 1_000_000,
    ]);
    const { rows } = await this.db.query<{ any: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM telemetry_stream_applied_ranges) AS any',
    );
    this.legacyRuns = rows[0].any;
  }

  /** The checkpoints of these journals (absent: never flushed, replay from the start). */
  async checkpoints(journalIds: string[]): Promise<Map<string, JournalPosition>> {
    const { rows } = await this.db.query<{ journal_id: string; segment: string; byte_offset: string }>(
      `SELECT journal_id, segment::text, byte_offset::text FROM telemetry_journal_checkpoints
       WHERE journal_id = ANY($1::text[])`,
      [journalIds],
    );
    return new Map(
      rows.map((r) => [r.journal_id, { segment: Number(r.segment), offset: Number(r.byte_offset) }]),
    );
  }

  /** Forgets the checkpoints of journals whose folders are gone. */
  async dropCheckpoints(journalIds: string[]): Promise<void> {
    await this.db.query('DELETE FROM telemetry_journal_checkpoints WHERE journal_id = ANY($1::text[])', [
      journalIds,
    ]);
  }

  async readCounters(from: string, to: string, category?: TelemetryCategory): Promise<CounterRow[]> {
    const { rows } = await this.db.query<Record<string, string>>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, category, dimension, value,
              reports::text AS reports, total::text AS total
       FROM telemetry_counters
       WHERE day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR category = $3::text)
       ORDER BY day, category, dimension, value`,
      [from, to, category ?? null],
    );
    return rows.map((r) => ({
      day: r.day,
      category: r.category as TelemetryCategory,
      dimension: r.dimension,
      value: r.value,
      reports: Number(r.reports),
      total: Number(r.total),
    }));
  }

  async readErrors(from: string, to: string): Promise<ErrorDayRow[]> {
    const { rows } = await this.db.query<Record<string, string>>(
      `SELECT to_char(c.day, 'YYYY-MM-DD') AS day, c.fingerprint, c.reports::text AS reports,
              c.events::text AS events, c.crashes::text AS crashes, g.error_type, g.sample_stack,
              to_char(g.first_day, 'YYYY-MM-DD') AS first_day, to_char(g.last_day, 'YYYY-MM-DD') AS last_day
       FROM telemetry_error_counts c JOIN telemetry_error_groups g ON g.fingerprint = c.fingerprint
       WHERE c.day BETWEEN $1::date AND $2::date
       ORDER BY c.day, c.fingerprint`,
      [from, to],
    );
    return rows.map((r) => ({
      day: r.day,
      fingerprint: r.fingerprint,
      reports: Number(r.reports),
      events: Number(r.events),
      crashes: Number(r.crashes),
      errorType: r.error_type,
      sampleStack: r.sample_stack,
      firstDay: r.first_day,
      lastDay: r.last_day,
    }));
  }

  /** The secret keying repeatable noise; created (randomly) by whichever server needs it first. */
  async noiseKey(): Promise<Buffer> {
    await this.db.query(
      'INSERT INTO telemetry_noise_key (id, key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING',
      [randomBytes(32)],
    );
    const { rows } = await this.db.query<{ key: Uint8Array }>(
      'SELECT key FROM telemetry_noise_key WHERE id = 1',
    );
    return Buffer.from(rows[0].key);
  }
}

async function storedValues(tx: Queryable, rows: CounterRow[]): Promise<StoredValues> {
  const days = [...new Set(rows.filter((r) => BOUNDED_DIMENSIONS.has(r.dimension)).map((r) => r.day))];
  const stored: StoredValues = new Map();
  if (days.length === 0) return stored;
  const { rows: found } = await tx.query<Record<string, string>>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, category, dimension, value FROM telemetry_counters
     WHERE day = ANY($1::date[]) AND dimension = ANY($2::text[])`,
    [days, [...BOUNDED_DIMENSIONS]],
  );
  for (const r of found) {
    const key = `${r.day}|${r.category}|${r.dimension}`;
    let values = stored.get(key);
    if (!values) stored.set(key, (values = new Set()));
    values.add(r.value);
  }
  return stored;
}

async function storedFingerprints(tx: Queryable, rows: ErrorCountRow[]): Promise<StoredValues> {
  const days = [...new Set(rows.map((r) => r.day))];
  const stored: StoredValues = new Map();
  if (days.length === 0) return stored;
  const { rows: found } = await tx.query<{ day: string; fingerprint: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, fingerprint FROM telemetry_error_counts
     WHERE day = ANY($1::date[])`,
    [days],
  );
  for (const r of found) {
    let values = stored.get(r.day);
    if (!values) stored.set(r.day, (values = new Set()));
    values.add(r.fingerprint);
  }
  return stored;
}

async function saveCheckpoint(tx: Queryable, c: JournalCheckpoint): Promise<void> {
  await tx.query(
    `INSERT INTO telemetry_journal_checkpoints (journal_id, segment, byte_offset) VALUES ($1, $2, $3)
     ON CONFLICT (journal_id) DO UPDATE SET segment = EXCLUDED.segment, byte_offset = EXCLUDED.byte_offset`,
    [c.journalId, c.position.segment, c.position.offset],
  );
}

async function upsertCounters(tx: Queryable, rows: CounterRow[]): Promise<number> {
  await tx.query(
    `INSERT INTO telemetry_counters AS t (day, category, dimension, value, reports, total)
     SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
     ON CONFLICT (day, category, dimension, value)
     DO UPDATE SET reports = t.reports + EXCLUDED.reports, total = t.total + EXCLUDED.total`,
    [
      rows.map((r) => r.day),
      rows.map((r) => r.category),
      rows.map((r) => r.dimension),
      rows.map((r) => r.value),
      rows.map((r) => r.reports),
      rows.map((r) => r.total),
    ],
  );
  return 1;
}

async function upsertGroups(tx: Queryable, rows: ErrorGroupRow[]): Promise<number> {
  // The sample stays the first one stored; later reports only widen the day range.
  await tx.query(
    `INSERT INTO telemetry_error_groups AS g (fingerprint, error_type, sample_stack, first_day, last_day)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[])
     ON CONFLICT (fingerprint) DO UPDATE SET first_day = LEAST(g.first_day, EXCLUDED.first_day),
       last_day = GREATEST(g.last_day, EXCLUDED.last_day)`,
    [
      rows.map((r) => r.fingerprint),
      rows.map((r) => r.errorType),
      rows.map((r) => r.sampleStack),
      rows.map((r) => r.firstDay),
      rows.map((r) => r.lastDay),
    ],
  );
  return 1;
}

async function upsertErrorCounts(tx: Queryable, rows: ErrorCountRow[]): Promise<number> {
  await tx.query(
    `INSERT INTO telemetry_error_counts AS c (day, fingerprint, reports, events, crashes)
     SELECT * FROM unnest($1::date[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])
     ON CONFLICT (day, fingerprint) DO UPDATE SET reports = c.reports + EXCLUDED.reports,
       events = c.events + EXCLUDED.events, crashes = c.crashes + EXCLUDED.crashes`,
    [
      rows.map((r) => r.day),
      rows.map((r) => r.fingerprint),
      rows.map((r) => r.reports),
      rows.map((r) => r.events),
      rows.map((r) => r.crashes),
    ],
  );
  return 1;
}

/** The aggregates of `buffer` (bounded, in key order) and the journal checkpoints, inside `tx`. */
async function writeIn(tx: Queryable, buffer: AggregateBuffer, options: WriteOptions): Promise<number> {
  let counters = [...buffer.counters()];
  let groups = [...buffer.errorGroups.values()];
  let errorCounts = [...buffer.errorCounts.values()];
  const checkpoints = options.checkpoints ?? [];
  if (options.maxValues !== undefined) {
    // One bounding flush at a time across servers, or two could each admit the last free place.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('airlock-telemetry-dimensions'))");
    counters = boundCounters(counters, await storedValues(tx, counters), options.maxValues);
    const bounded = boundErrors(
      errorCounts,
      buffer.errorGroups,
      await storedFingerprints(tx, errorCounts),
      options.maxValues,
    );
    errorCounts = bounded.counts;
    groups = bounded.groups;
  }
  counters.sort(byKey((r) => `${r.day}|${r.category}|${r.dimension}|${r.value}`));
  groups.sort(byKey((r) => r.fingerprint));
  errorCounts.sort(byKey((r) => `${r.day}|${r.fingerprint}`));
  let statements = 0;
  for (const c of chunks(counters)) statements += await upsertCounters(tx, c);
  for (const g of chunks(groups)) statements += await upsertGroups(tx, g);
  for (const e of chunks(errorCounts)) statements += await upsertErrorCounts(tx, e);
  for (const c of checkpoints) await saveCheckpoint(tx, c);
  return statements;
}
