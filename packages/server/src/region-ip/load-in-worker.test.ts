import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultDataDir, loadIpTables } from './ip-tables.ts';
import { loadIpTablesInWorker } from './load-in-worker.ts';

/**
 * How long the event loop was blocked while `work` was pending: the time a 5 ms timer came late,
 * summed over every gap longer than 20 ms, and the longest gap.
 */
async function blocked<T>(
  work: () => Promise<T>,
): Promise<{ result: T; blockedMs: number; longestMs: number }> {
  let last = performance.now();
  let blockedMs = 0;
  let longestMs = 0;
  const tick = () => {
    const now = performance.now();
    const gap = now - last;
    if (gap > 20) blockedMs += gap - 5;
    longestMs = Math.max(longestMs, gap);
    last = now;
  };
  const timer = setInterval(tick, 5);
  try {
    const result = await work();
    tick();
    return { result, blockedMs, longestMs };
  } finally {
    clearInterval(timer);
  }
}

test('the IP tables load in a worker: the event loop keeps running, the tables are the same', async (t) => {
  const inWorker = await blocked(() => loadIpTablesInWorker(defaultDataDir()));
  const onThread = await blocked(() => loadIpTables(defaultDataDir()));
  const say = `worker: ${inWorker.blockedMs.toFixed(0)} ms blocked, longest ${inWorker.longestMs.toFixed(0)} ms; on-thread: ${onThread.blockedMs.toFixed(0)} ms, longest ${onThread.longestMs.toFixed(0)} ms`;
  // On this thread the parse blocks for about a second (more on a loaded machine); in the worker
  // the loop only starts a thread and receives a message with four transferred buffers.
  t.diagnostic(say);
  assert.ok(onThread.blockedMs > 300, `the on-thread load hardly blocked: ${say}`);
  assert.ok(inWorker.blockedMs < onThread.blockedMs / 2, say);
  assert.ok(inWorker.longestMs < onThread.longestMs, say);
  assert.deepEqual(inWorker.result.codes, onThread.result.codes);
  assert.deepEqual(inWorker.result.v4Starts, onThread.result.v4Starts);
  assert.deepEqual(inWorker.result.v4Countries, onThread.result.v4Countries);
  assert.deepEqual(inWorker.result.v6Starts, onThread.result.v6Starts);
  assert.deepEqual(inWorker.result.v6Countries, onThread.result.v6Countries);
});

test('a folder without the tables is a rejected load, not a hang or a crash', async () => {
  await assert.rejects(loadIpTablesInWorker('/nonexistent-ip-tables'), /ENOENT/);
});
