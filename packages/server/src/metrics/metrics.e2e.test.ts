// GET /metrics and /v1/ready over loopback: Prometheus text behind the operator token, counts by route
// pattern and status class only (no path, no address), and readiness for a load balancer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const TOKEN = 'metrics-test-operator-token-0123456789';
let t: TestServer;
before(async () => {
  t = await startTestServer({ env: { AIRLOCK_ADMIN_TOKEN: TOKEN } });
});
after(() => t.close());

test('/metrics: operator only, Prometheus text, requests by route pattern and status class', async () => {
  assert.equal((await fetch(`${t.url}/metrics`)).status, 401);
  // A tile twice (the second from the URL index, ahead of the router), a 404, a telemetry report.
  for (let i = 0; i < 2; i++) await (await fetch(`${t.url}/v1/zones/tiles/10/536/358`)).arrayBuffer();
  await (await fetch(`${t.url}/v1/no-such-route/12345`)).arrayBuffer();
  const r = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  const text = await r.text();
  assert.match(text, /airlock_http_requests_total\{route="\/v1\/zones\/tiles\/:z\/:x\/:y",status="2xx"\} 2/);
  assert.match(text, /airlock_http_requests_total\{route="\/\*",status="4xx"\} 1/);
  assert.match(text, /^airlock_process_resident_memory_bytes \d+/m);
  assert.match(text, /^airlock_airspace_zones \d+/m);
  assert.match(text, /^airlock_answer_cache_budget_bytes 67108864/m);
  // Patterns only: no concrete path in any label (values are numbers and may hold any digits), no address.
  const labels = [...text.matchAll(/^airlock_\w+\{([^}]*)\}/gm)].map((m) => m[1]).join('\n');
  assert.match(labels, /route="\/v1\/zones/);
  assert.doesNotMatch(labels, /536|12345/);
  assert.doesNotMatch(text, /127\.0\.0\.1/);
});

test('/v1/ready answers 200 with no problems when the database answers', async () => {
  const r = await fetch(`${t.url}/v1/ready`);
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { ready: true, problems: [] });
});
