import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AccountError } from './account-error.ts';
import { PasswordHasher } from './password-hasher.ts';

const COST = { memoryKiB: 64, timeCost: 1 };

function busy(fn: () => unknown): void {
  assert.throws(fn, (e) => e instanceof AccountError && e.code === 'busy' && e.retryAfterS === 1);
}

test('the gate admits concurrency + maxQueued places, at most perClient per client, and refuses past that', () => {
  const h = new PasswordHasher(COST, { concurrency: 1, maxQueued: 2, perClient: 2 });
  const a1 = h.enter('a');
  h.enter('a');
  busy(() => h.enter('a'));
  const b = h.enter('b');
  busy(() => h.enter('c'));
  a1.release();
  a1.release(); // twice is once
  const c = h.enter('c');
  busy(() => h.enter('d'));
  b.release();
  c.release();
  h.enter('a'); // a's second place was freed by a1
  busy(() => h.enter('a'));
});

test('hashes run at most `concurrency` at once, in arrival order, and verify with the ticket they hold', async () => {
  const h = new PasswordHasher(COST, { concurrency: 1, maxQueued: 8, perClient: 8 });
  const phc = await h.hash('correct horse battery staple');
  const order: number[] = [];
  await Promise.all(
    [0, 1, 2, 3].map(async (i) => {
      const ticket = h.enter('x');
      try {
        assert.equal(await h.verify(phc, i === 2 ? 'correct horse battery staple' : 'nope', ticket), i === 2);
        order.push(i);
      } finally {
        ticket.release();
      }
    }),
  );
  assert.deepEqual(order, [0, 1, 2, 3]);
  assert.equal(await h.verifyNothing('anything'), false);
});
