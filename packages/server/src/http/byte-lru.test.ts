import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ByteLru } from './byte-lru.ts';

test('holds at most its budget in bytes, evicting the least recently used first', () => {
  const evicted: string[] = [];
  const lru = new ByteLru(1000);
  const put = (key: string, bytes: number) => lru.set(key, { bytes, onEvict: () => evicted.push(key) });
  put('a', 400);
  put('b', 400);
  assert.ok(lru.get('a'), 'a is now the most recent');
  put('c', 400);
  assert.deepEqual(evicted, ['b']);
  assert.equal(lru.usedBytes, 800);
  for (let i = 0; i < 100; i++) put(`k${i}`, 90);
  assert.ok(lru.usedBytes <= 1000, `used ${lru.usedBytes}`);
  assert.equal(lru.peek('a'), undefined);
  const before = lru.usedBytes;
  put('k99', 10);
  assert.ok(evicted.includes('k99'), 'a replaced entry counts as evicted (its owner forgets it)');
  assert.equal(lru.usedBytes, before - 90 + 10);
  lru.clear();
  assert.equal(lru.usedBytes, 0);
  assert.equal(lru.size, 0);
});

test('keys of any kind: objects beside strings', () => {
  const lru = new ByteLru(100);
  const zone = {};
  lru.set(zone, { bytes: 10 });
  lru.set('/v1/x', { bytes: 10 });
  assert.ok(lru.peek(zone));
  assert.equal(lru.peek({}), undefined);
});

test('clear with a filter keeps the entries it names, in their order, and their bytes', () => {
  const lru = new ByteLru(100);
  for (const k of ['a', 'keep-1', 'b', 'keep-2', 'c']) lru.set(k, { bytes: 10 });
  lru.clear((key) => String(key).startsWith('keep-'));
  assert.deepEqual([lru.size, lru.usedBytes], [2, 20]);
  assert.equal(lru.peek('a'), undefined);
  // keep-1 is still the least recent: filling the budget evicts it first.
  for (let i = 0; i < 8; i++) lru.set(`n${i}`, { bytes: 10 });
  lru.set('n8', { bytes: 10 });
  assert.equal(lru.peek('keep-1'), undefined);
  assert.ok(lru.peek('keep-2'));
});
