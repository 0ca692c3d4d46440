import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TelemetryCategory } from '@airlock/core';
import { TurnBatches } from './turn-batches.ts';

const report = (i: number, pad = 0) => JSON.stringify({ i, pad: 'x'.repeat(pad) });

test('reports of one turn go as one JSON array per category; each promise settles with its message', async () => {
  const sent: Array<{ category: TelemetryCategory; body: string }> = [];
  const batches = new TurnBatches(async (category, body) => {
    sent.push({ category, body });
  });
  const first = [1, 2, 3].map((i) => batches.add('app_performance', report(i)));
  const other = batches.add('user_experience', ` ${report(9)}\n`);
  await Promise.all([...first, other]);
  assert.equal(sent.length, 2);
  assert.deepEqual(
    JSON.parse(sent.find((s) => s.category === 'app_performance')?.body ?? ''),
    [1, 2, 3].map((i) => ({ i, pad: '' })),
  );
  // A report's text is sent as received (spaces and newlines too): the array is still JSON.
  assert.deepEqual(JSON.parse(sent.find((s) => s.category === 'user_experience')?.body ?? ''), [
    { i: 9, pad: '' },
  ]);
  await batches.add('app_performance', report(4));
  assert.equal(sent.length, 3, 'a later turn is a message of its own');
});

test('a refused message fails every report in it, and only those', async () => {
  let n = 0;
  const batches = new TurnBatches(async () => {
    if (n++ === 0) throw new Error('no stream');
  });
  const failed = [batches.add('app_performance', report(1)), batches.add('app_performance', report(2))];
  for (const p of failed) await assert.rejects(p, /no stream/);
  await batches.add('app_performance', report(3));
});

test('a turn with more than 512 KiB of reports is split into several messages', async () => {
  const sizes: number[] = [];
  const batches = new TurnBatches(async (_c, body) => {
    sizes.push(JSON.parse(body).length);
  });
  await Promise.all(Array.from({ length: 20 }, (_, i) => batches.add('app_performance', report(i, 60_000))));
  assert.equal(
    sizes.reduce((a, b) => a + b, 0),
    20,
  );
  assert.ok(sizes.length >= 3, `sizes ${sizes}`);
  assert.ok(Math.max(...sizes) <= 8);
});
