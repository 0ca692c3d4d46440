// AckedPublisher against the machine's NATS JetStream (nats://127.0.0.1:4222, or AIRLOCK_TEST_NATS_URL):
// settled by JetStream's answer, never before it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { AckedPublisher } from './acked-publisher.ts';

const NATS = process.env.AIRLOCK_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

test('stored once per message id; refused where no stream listens; failed when unanswered', async () => {
  const nc = await connect({ servers: NATS });
  const jsm = await jetstreamManager(nc);
  const name = `AIRLOCK_TEST_${randomUUID().replaceAll('-', '')}`;
  await jsm.streams.add({ name, subjects: [`${name}.*`], duplicate_window: 60_000_000_000 });
  try {
    const p = new AckedPublisher(nc, 300);
    const id = randomUUID();
    await Promise.all([p.publish(`${name}.a`, '[1]', id), p.publish(`${name}.a`, '[2]', randomUUID())]);
    // A retry under the same id (its acknowledgement lost) is acknowledged as a duplicate, not stored.
    await p.publish(`${name}.a`, '[1]', id);
    assert.equal((await jsm.streams.info(name)).state.messages, 2);
    await assert.rejects(p.publish(`${name}_NONE.a`, '[3]', randomUUID()), { code: 'NATS_503' });
    // A reply subject nobody answers: the sweep fails it after the timeout (300 ms here).
    const silent = nc.subscribe(`${name}_SILENT.>`);
    await assert.rejects(p.publish(`${name}_SILENT.a`, '[4]', randomUUID()), {
      code: 'TIMEOUT',
      reconnected: false,
    });
    // The connection dropped while it waited: marked, so the stream does not retry it (see NatsStream).
    const crossing = p.publish(`${name}_SILENT.a`, '[5]', randomUUID());
    await nc.reconnect();
    await assert.rejects(crossing, { code: 'TIMEOUT', reconnected: true });
    silent.unsubscribe();
    p.close();
  } finally {
    await jsm.streams.delete(name).catch(() => {});
    await nc.close();
  }
});
