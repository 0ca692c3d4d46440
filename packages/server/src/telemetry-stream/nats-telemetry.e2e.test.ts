// Telemetry through the machine's real NATS JetStream (nats://127.0.0.1:4222, or AIRLOCK_TEST_NATS_URL),
// each test on a stream of its own: a 202 means JetStream stored the report; the aggregators add
// each report exactly once, across redeliveries and a kill -9 of the server.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { type AppPerformanceReport, addDays, utcDay } from '@airlock/core';
import { type JsMsg, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startPrivateNats } from '../../../../e2e/cluster/testing/private-nats.ts';
import { createLogger } from '../log/index.ts';
import { type Database, migrate, openPostgresDatabase } from '../storage/index.ts';
import {
  AggregateBuffer,
  addAppPerformance,
  memoizedScrubber,
  STREAM_MESSAGE_DAYS,
  type StreamedReport,
  TelemetryService,
} from '../telemetry/index.ts';
import { killRounds } from '../testing/kill-rounds.ts';
import { busyReport } from '../testing/test-reports.ts';
import { startTestServer } from '../testing/test-server.ts';
import { messageId, NatsStream } from './nats-stream.ts';
import { StreamAggregator } from './stream-aggregator.ts';

const NATS = process.env.AIRLOCK_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const streams: string[] = [];
const newStream = () => {
  const name = `AIRLOCK_TEST_${randomUUID().replaceAll('-', '')}`;
  streams.push(name);
  return name;
};
after(async () => {
  const nc = await connect({ servers: NATS });
  const jsm = await jetstreamManager(nc);
  for (const s of streams) await jsm.streams.delete(s).catch(() => {});
  await nc.close();
});

/** Resolves when the stream's consumer has nothing pending or unacknowledged. */
function drained(stream: string, timeoutMs = 60_000): Promise<void> {
  return drainedAt(NATS, stream, timeoutMs);
}

async function drainedAt(url: string, stream: string, timeoutMs = 60_000): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    const until = Date.now() + timeoutMs;
    for (;;) {
      const c = await jsm.consumers.info(stream, 'aggregator');
      if (c.num_pending === 0 && c.num_ack_pending === 0) return;
      if (Date.now() > until)
        throw new Error(`stream not drained: ${c.num_pending} pending, ${c.num_ack_pending} unacked`);
      await delay(200);
    }
  } finally {
    await nc.close();
  }
}

test('reports through NATS: 202 once stored, counted once, and the stream keeps none of them', async () => {
  const stream = newStream();
  const t = await startTestServer({
    env: { NATS_URL: NATS, AIRLOCK_NATS_STREAM: stream, AIRLOCK_STATS_MIN_GROUP: '1' },
  });
  try {
    const body = JSON.stringify(busyReport(utcDay(), 5));
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${t.url}/v1/telemetry/app_performance`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }).then((r) => r.status),
      ),
    );
    assert.deepEqual([...new Set(answers)], [202]);
    await drained(stream);
    const stats = await t.services.telemetry.readStats({
      from: utcDay(),
      to: utcDay(),
      category: 'app_performance',
    });
    assert.equal(stats.counters.find((c) => c.dimension === 'report')?.reports, 40);
    // A work queue: acknowledged reports are deleted from the stream, not kept beside the aggregates.
    const nc = await connect({ servers: NATS });
    const info = await (await jetstreamManager(nc)).streams.info(stream);
    await nc.close();
    assert.equal(info.state.messages, 0);
  } finally {
    await t.close();
  }
});

test('a message is added once by its id, whatever its sequence or stream; too old, not at all', async () => {
  const t = await startTestServer({ env: { AIRLOCK_STATS_MIN_GROUP: '1' } });
  try {
    const apply = (batch: StreamedReport[], stream = 'S@1') =>
      t.services.telemetry.applyStreamBatch(stream, batch);
    const payload = new TextEncoder().encode(JSON.stringify(busyReport(utcDay(), 3)));
    const message = (seq: number, over: Partial<StreamedReport> = {}): StreamedReport => ({
      id: randomUUID(),
      day: utcDay(),
      seq,
      category: 'app_performance',
      payload,
      ...over,
    });
    // What migration 015 recorded before the upgrade (read while the table holds any run).
    await t.services.db.query(
      "INSERT INTO telemetry_stream_applied_ranges (stream, first_seq, last_seq) VALUES ('S@1', 20, 29)",
    );
    const batch = [1, 2, 3].map((seq) => message(seq));
    assert.equal(await apply(batch), 3);
    assert.equal(await apply(batch), 0);
    assert.equal(await apply([...batch, message(4)]), 1);
    // Stored again under new sequences (a publish retried across a nats-server restart), or in a
    // recreated stream: the same messages, so nothing.
    assert.equal(await apply(batch.map((m, i) => ({ ...m, seq: 100 + i }))), 0);
    assert.equal(await apply(batch, 'S@2'), 0);
    // Two copies in one batch: once.
    const twice = message(9);
    assert.equal(await apply([twice, { ...twice, seq: 10 }]), 1);
    // Made more than STREAM_MESSAGE_DAYS days ago: it could only be a late copy (or a publish that was
    // answered 503), its id may be forgotten: dropped. At the limit, still added.
    assert.equal(await apply([message(11, { day: addDays(utcDay(), -STREAM_MESSAGE_DAYS - 1) })]), 0);
    assert.equal(await apply([message(12, { day: addDays(utcDay(), -STREAM_MESSAGE_DAYS) })]), 1);
    // Added before migration 018 (a run of sequences) and redelivered after the upgrade: not again.
    assert.equal(await apply([message(25), message(30)]), 1);
    // A message holding the reports of one turn (a JSON array) counts each of them, once.
    const two = new TextEncoder().encode(
      `[${new TextDecoder().decode(payload)},${new TextDecoder().decode(payload)}]`,
    );
    const turn = [message(40, { payload: two })];
    assert.equal(await apply(turn), 1);
    assert.equal(await apply(turn), 0);
    const stats = await t.services.telemetry.readStats({
      from: addDays(utcDay(), -STREAM_MESSAGE_DAYS),
      to: utcDay(),
      category: 'app_performance',
    });
    // 3 + 1 + 1 (twice) + 1 (at the limit) + 1 (seq 30) + 2 (the turn)
    assert.equal(
      stats.counters.filter((c) => c.dimension === 'report').reduce((n, c) => n + c.reports, 0),
      9,
    );
    // Ids of messages made more than the limit and a day ago are forgotten (one day of margin for
    // clocks); younger ones kept: the 9 messages above that were recorded, and one a day older.
    for (const days of [STREAM_MESSAGE_DAYS + 1, STREAM_MESSAGE_DAYS + 2])
      await t.services.db.query(
        'INSERT INTO telemetry_stream_applied_messages (msg_id, day) VALUES ($1, $2)',
        [randomUUID(), addDays(utcDay(), -days)],
      );
    await t.services.telemetry.store.pruneStreamApplied('S@1', 1);
    const kept = await t.services.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM telemetry_stream_applied_messages',
    );
    assert.equal(Number(kept.rows[0].n), 10);
  } finally {
    await t.close();
  }
});

// Real PostgreSQL (AIRLOCK_TEST_DATABASE_URL, else the machine's), a schema of each test's own; every
// "server" below is its own pool, telemetry service, NATS connection and aggregator.
const PG = process.env.AIRLOCK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const quiet = createLogger('error', () => {});

async function onePostgres() {
  const schema = `airlock_test_${randomBytes(6).toString('hex')}`;
  const pools: Database[] = [];
  return {
    async service(): Promise<TelemetryService> {
      const db = await openPostgresDatabase(PG, { schema, max: 4 });
      if (pools.length === 0) await migrate(db);
      pools.push(db);
      return new TelemetryService(db, { log: quiet, minGroup: 1 });
    },
    async counted(): Promise<number> {
      const { rows } = await pools[0].query<{ n: string }>(
        "SELECT COALESCE(SUM(reports), 0)::text AS n FROM telemetry_counters WHERE dimension = 'report' AND value = 'all'",
      );
      return Number(rows[0].n);
    },
    async close() {
      await pools[0]?.query(`DROP SCHEMA ${schema} CASCADE`);
      for (const db of pools) await db.close();
    },
  };
}

/** Dies (as a kill -9 would leave things) between the batch's commit and its acknowledgement. */
class KilledAfterCommit extends StreamAggregator {
  private onKill: () => void = () => {};
  readonly killed = new Promise<void>((resolve) => {
    this.onKill = resolve;
  });

  protected override acknowledge(): void {
    this.onKill();
    throw new Error('killed after the commit, before the acknowledgement');
  }
}

/** Acknowledges each batch only after the ack wait, so JetStream hands it to another server meanwhile. */
class AcksLate extends StreamAggregator {
  protected override acknowledge(messages: JsMsg[]): void {
    setTimeout(() => super.acknowledge(messages), 1500);
  }
}

const reportText = JSON.stringify(busyReport(utcDay(), 2));
/** A message as a server publishes a turn that took in one report: its aggregates. */
const oneReport = (() => {
  const b = new AggregateBuffer();
  addAppPerformance(busyReport(utcDay(), 2) as AppPerformanceReport, b, memoizedScrubber());
  return b.encode();
})();

test('killed between commit and acknowledgement, acknowledged after the ack wait, two servers at once: each report counted once (PostgreSQL)', async () => {
  const name = newStream();
  const pg = await onePostgres();
  const open: Array<{ close(): Promise<void> }> = [];
  const server = async <T extends StreamAggregator>(
    Aggregator: new (s: NatsStream, t: TelemetryService, l: typeof quiet, o?: object) => T,
  ) => {
    const stream = await NatsStream.open(NATS, name, quiet, 1); // ack wait 1 s
    const aggregator = new Aggregator(stream, await pg.service(), quiet);
    open.push({ close: async () => (await aggregator.stop(), await stream.close()) });
    return { stream, aggregator };
  };
  try {
    // 1. Reports stored, then a server adds a batch, commits, and dies before acknowledging it.
    const a = await server(KilledAfterCommit);
    await Promise.all(Array.from({ length: 30 }, () => a.stream.publish(oneReport)));
    a.aggregator.start();
    await a.aggregator.killed;
    await a.aggregator.stop();
    const afterKill = await pg.counted();
    assert.ok(afterKill > 0, 'the killed server committed its batch');
    // 2. After the ack wait JetStream hands the batch to another server, which finds its ids.
    const b = await server(StreamAggregator);
    b.aggregator.start();
    await drained(name);
    assert.equal(await pg.counted(), 30);
    assert.ok(b.aggregator.counts.duplicates > 0, 'the batch was delivered again and skipped');
    // 3. A server that acknowledges after the ack wait: JetStream hands its batch out again (to it, or
    // to the server that starts meanwhile), while both add reports at the same time.
    await b.aggregator.stop();
    const c = await server(AcksLate);
    await Promise.all(Array.from({ length: 25 }, () => c.stream.publish(oneReport)));
    c.aggregator.start();
    while (c.aggregator.counts.batches === 0) await delay(50);
    const d = await server(StreamAggregator);
    d.aggregator.start();
    for (let i = 0; i < 3; i++) {
      await Promise.all(Array.from({ length: 25 }, (_, k) => (k % 2 ? c : d).stream.publish(oneReport)));
      await delay(200);
    }
    await drained(name);
    assert.equal(await pg.counted(), 130);
    assert.ok(
      c.aggregator.counts.duplicates + d.aggregator.counts.duplicates > 0,
      'a batch acknowledged late was delivered again, and skipped',
    );
  } finally {
    for (const o of open.reverse()) await o.close().catch(() => {});
    await pg.close();
  }
});

test('the same message id stored again beyond the duplicate window, and across a nats-server restart: counted once', async () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'airlock-nats-restart-'));
  const nats = await startPrivateNats(join(dir, 'nats'));
  const pg = await onePostgres();
  const name = 'AIRLOCK_TELEMETRY';
  const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
  let stream: NatsStream | undefined;
  let aggregator: StreamAggregator | undefined;
  try {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    // The stream as the servers make it, but with a 1 s duplicate window.
    await jsm.streams.add({
      name,
      subjects: [`${name}.*`],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: 1000 * 1_000_000,
    });
    stream = await NatsStream.open(nats.url, name, quiet, 1);
    aggregator = new StreamAggregator(stream, await pg.service(), quiet);
    aggregator.start();
    const ids = Array.from({ length: 5 }, () => messageId());
    const publishAll = () =>
      Promise.all(ids.map((msgID) => js.publish(`${name}.aggregates`, oneReport, { msgID })));
    const published = Date.now();
    assert.ok((await publishAll()).every((ack) => !ack.duplicate));
    // Within the window JetStream drops the copies; beyond it, it stores them: added nothing.
    assert.ok((await publishAll()).every((ack) => ack.duplicate));
    await drainedAt(nats.url, name);
    assert.equal(await pg.counted(), 5);
    await delay(published + 1200 - Date.now());
    const again = await publishAll();
    assert.ok(
      again.every((ack) => !ack.duplicate && ack.seq > 5),
      'stored again under new sequences',
    );
    await drainedAt(nats.url, name);
    assert.equal(await pg.counted(), 5);
    // nats-server restarted (SIGTERM, its store kept) with messages waiting (as servers published
    // before they sent aggregates: an array of reports): each added once after it, and copies stored
    // after the restart (a publish retried across it) added nothing.
    await aggregator.stop();
    const waiting = Array.from({ length: 5 }, () => messageId());
    await Promise.all(
      waiting.map((msgID) => js.publish(`${name}.app_performance`, `[${reportText}]`, { msgID })),
    );
    await nats.restart();
    const afterRestart = await Promise.all(
      [...ids, ...waiting].map((msgID, i) =>
        i < ids.length
          ? js.publish(`${name}.aggregates`, oneReport, { msgID, retries: 20 })
          : js.publish(`${name}.app_performance`, `[${reportText}]`, { msgID, retries: 20 }),
      ),
    );
    assert.ok(
      afterRestart.slice(0, 5).every((ack) => !ack.duplicate),
      'the restart forgot the deleted ids',
    );
    aggregator = new StreamAggregator(stream, await pg.service(), quiet);
    aggregator.start();
    await drainedAt(nats.url, name);
    assert.equal(await pg.counted(), 10);
    // Through the server's own publisher too, after the restart.
    await Promise.all(Array.from({ length: 3 }, () => stream!.publish(oneReport)));
    await drainedAt(nats.url, name);
    assert.equal(await pg.counted(), 13);
  } finally {
    await aggregator?.stop();
    await stream?.close();
    await nc.close();
    await nats.stop();
    await pg.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kill -9 during ingest through NATS: every 202 is counted, none twice', {
  timeout: 300_000,
}, async (t) => {
  const stream = newStream();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'airlock-nats-kill-'));
  try {
    const r = await killRounds({
      dataDir,
      rounds: 2,
      senders: 8,
      killAfterMs: [400, 1200],
      env: { NATS_URL: NATS, AIRLOCK_NATS_STREAM: stream, AIRLOCK_NATS_ACK_WAIT_S: '2' },
      drained: () => drained(stream),
    });
    t.diagnostic(JSON.stringify(r));
    assert.ok(r.acknowledged > 0, 'reports were answered 202 before each kill');
    assert.equal(r.lost, 0, `lost ${r.lost} of ${r.acknowledged} acknowledged reports`);
    assert.equal(
      r.doubleCounted,
      0,
      `counted ${r.counted}, at most ${r.acknowledged + r.unanswered} possible`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
