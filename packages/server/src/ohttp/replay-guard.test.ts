import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayGuard } from './replay-guard.ts';

const enc = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (n * 31 + i) & 0xff);

test('a copy is refused for at least two windows, by which time its Date is out of the window', () => {
  let now = 1_000_000;
  const guard = new ReplayGuard(300_000, () => now);
  const date = now; // the request's own Date
  assert.equal(guard.admit(enc(1)), true);
  assert.equal(guard.admit(enc(2)), true);
  assert.equal(guard.admit(enc(1)), false);
  // Every moment at which the date check still passes, the memory still refuses the copy.
  for (now = date; guard.inWindow(date); now += 10_000)
    assert.equal(guard.admit(enc(1)), false, `at ${now - date} ms`);
  assert.ok(now - date > 300_000);
  // Past that, the date refuses it (and memory may forget it: an entry lives 2 to 4 windows).
  now = date + 5 * 300_000;
  assert.equal(guard.inWindow(date), false);
  guard.admit(enc(3));
  now += 2 * 300_000;
  guard.admit(enc(4));
  assert.equal(guard.size, 2, 'old generations are dropped whole');
});

test('the date window is symmetric and refuses what is not a date', () => {
  const guard = new ReplayGuard(60_000, () => 10_000_000);
  assert.equal(guard.inWindow(10_000_000 - 60_000), true);
  assert.equal(guard.inWindow(10_000_000 + 60_000), true);
  assert.equal(guard.inWindow(10_000_000 - 60_001), false);
  assert.equal(guard.inWindow(Number.NaN), false);
});

test('the memory is bounded: full at maxEntries, free again once a generation is dropped', () => {
  let t = 0;
  const guard = new ReplayGuard(1000, () => t, 3);
  for (let i = 1; i <= 3; i++) assert.equal(guard.admit(enc(i)), true);
  assert.equal(guard.full, true);
  t += 2000;
  guard.admit(enc(9));
  t += 2000; // both generations that held the first three are gone
  assert.equal(guard.full, false);
  assert.equal(guard.admit(enc(1)), true);
});
