// The first IP → country lookup loads a ~550k-row table. It is parsed in a worker thread, so the
// server keeps answering everything else meanwhile (it used to stall /v1/health for 0.4–0.8 s).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestServer } from '../../testing/test-server.ts';

test('/v1/health answers fast while the IP table loads for the first country lookup', async (ctx) => {
  const t = await startTestServer({ env: { AIRLOCK_TRUST_PROXY: 'true' } });
  try {
    const startedAt = performance.now();
    let countryMs = 0;
    const country = fetch(`${t.url}/v1/location/country`, { headers: { 'x-forwarded-for': '8.8.8.8' } }).then(
      async (res) => {
        countryMs = performance.now() - startedAt;
        return { status: res.status, body: (await res.json()) as { countries: string[] } };
      },
    );
    // Each round: a health check, then a 20 ms pause. A round takes longer than that only when the
    // event loop (server and this client share it) was blocked meanwhile.
    const healthMs: number[] = [];
    const roundMs: number[] = [];
    while (countryMs === 0) {
      const t0 = performance.now();
      const res = await fetch(`${t.url}/v1/health`);
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      healthMs.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
      roundMs.push(performance.now() - t0);
    }
    const answer = await country;
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.countries, ['US']);
    const slowest = Math.max(...roundMs);
    const median = [...healthMs].sort((a, b) => a - b)[healthMs.length >> 1];
    const say = `${healthMs.length} health checks during a ${countryMs.toFixed(0)} ms load; median ${median.toFixed(0)} ms, longest round ${slowest.toFixed(0)} ms`;
    ctx.diagnostic(say);
    // Parsed on the event loop, the load blocked it for 0.3-2.3 s at a stretch: 1-8 checks a second
    // got through. In the worker, 24-34 a second did on a busy machine (load average 11 on 2 cores).
    // The worker test in region-ip/ compares the blocked time directly.
    const perSecond = healthMs.length / (countryMs / 1000);
    assert.ok(perSecond >= 12, `${perSecond.toFixed(1)} checks a second: ${say}`);
    assert.ok(median < 40, say);
    assert.ok(slowest < 1000, say);
  } finally {
    await t.close();
  }
});
