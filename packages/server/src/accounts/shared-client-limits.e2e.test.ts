// Per-client limits shared by every server through the machine's Redis (REDIS_URL): two servers with
// one master key count one client's sign-ups together, and Redis holds no address.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const REDIS = process.env.AIRLOCK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let servers: TestServer[] = [];
let redis: Redis;
before(async () => {
  redis = new Redis(REDIS);
  // A fresh master key per run: client handles (and so the Redis keys) are new, whatever ran before.
  const env = {
    REDIS_URL: REDIS,
    AIRLOCK_MASTER_KEY: randomBytes(32).toString('base64'),
    AIRLOCK_SIGNUP_PER_CLIENT: '3',
  };
  servers = [await startTestServer({ env }), await startTestServer({ env })];
});
after(async () => {
  for (const s of servers) await s.close();
  redis.disconnect();
});

test("one client's sign-ups are counted across servers, and Redis holds no address", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await fetch(`${servers[i % 2].url}/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `shared${i}-${Date.now()}@example.org`,
        password: 'correct horse battery staple',
      }),
    });
    statuses.push(r.status);
    await r.arrayBuffer();
  }
  assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
  const keys = await redis.keys('airlock:limits:signup*');
  assert.ok(keys.length >= 1, 'the count is in Redis');
  for (const k of keys) {
    assert.doesNotMatch(k, /127\.0\.0\.1|::1/);
    assert.ok((await redis.ttl(k)) > 0, 'each count expires with its window');
  }
  // Cleanup: these keys belong to this run's master key only.
  await redis.del(...keys);
});
