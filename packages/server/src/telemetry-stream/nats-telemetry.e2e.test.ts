// Telemetry through the machine's real NATS JetStream (nats://127.0.0.1:4222, or AIRLOCK_TEST_NATS_URL),
// each test on a stream of its own: a 202 means JetStream stored the report; the aggregators add
// each report exactly once, across redeliveries and a kill -9 of the server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { utcDay } from '@airlock/core';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { killRounds } from '../testing/kill-rounds.ts';
import { busyReport } from '../testing/test-reports.ts';
import { startTestServer } from '../testing/test-server.ts';

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
async function drained(stream: string, timeoutMs = 60_000): Promise<void> {
  const nc = await connect({ servers: NATS });
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

test('a batch delivered twice is added once (the sequences are recorded with the aggregates)', async () => {
  const t = await startTestServer({ env: { AIRLOCK_STATS_MIN_GROUP: '1' } });
  try {
    const payload = new TextEncoder().encode(JSON.stringify(busyReport(utcDay(), 3)));
    const batch = [1, 2, 3].map((seq) => ({ seq, category: 'app_performance' as const, payload }));
    assert.equal(await t.services.telemetry.applyStreamBatch('S@1', batch), 3);
    assert.equal(await t.services.telemetry.applyStreamBatch('S@1', batch), 0);
    assert.equal(await t.services.telemetry.applyStreamBatch('S@1', [...batch, { ...batch[0], seq: 4 }]), 1);
    // A batch holding one sequence twice (redelivered within one fetch after a NATS restart): once.
    assert.equal(
      await t.services.telemetry.applyStreamBatch('S@1', [
        { ...batch[0], seq: 9 },
        { ...batch[0], seq: 9 },
      ]),
      1,
    );
    // The same sequence in a recreated stream (another identity) is another report.
    assert.equal(await t.services.telemetry.applyStreamBatch('S@2', batch.slice(0, 1)), 1);
    // A message holding the reports of one turn (a JSON array) counts each of them, once.
    const two = new TextEncoder().encode(
      `[${new TextDecoder().decode(payload)},${new TextDecoder().decode(payload)}]`,
    );
    const message = [{ seq: 10, category: 'app_performance' as const, payload: two }];
    assert.equal(await t.services.telemetry.applyStreamBatch('S@1', message), 1);
    assert.equal(await t.services.telemetry.applyStreamBatch('S@1', message), 0);
    const stats = await t.services.telemetry.readStats({
      from: utcDay(),
      to: utcDay(),
      category: 'app_performance',
    });
    assert.equal(stats.counters.find((c) => c.dimension === 'report')?.reports, 8);
  } finally {
    await t.close();
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
