import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { seededRandom } from '@airlock/core/testing';
import { base64Of, base64Utf8, sha256Of, utf8Bytes, utf8Length } from './index.ts';

/** Runs `fn` as on an engine without these globals (Hermes, QuickJS), then puts them back. */
async function without<T>(names: string[], fn: () => Promise<T> | T): Promise<T> {
  const saved = names.map((k) => [k, Object.getOwnPropertyDescriptor(globalThis, k)] as const);
  for (const k of names) Object.defineProperty(globalThis, k, { value: undefined, configurable: true });
  try {
    return await fn();
  } finally {
    for (const [k, d] of saved) if (d) Object.defineProperty(globalThis, k, d);
  }
}

function randomText(random: () => number): string {
  const pool = ['a', 'é', '€', '🛩', '\ud800', '\udc00', '\n', '"'];
  let s = '';
  for (let i = Math.floor(random() * 40); i > 0; i--) s += pool[Math.floor(random() * pool.length)];
  return s;
}

test('without TextEncoder, UTF-8 is encoded by hand exactly as TextEncoder does (lone surrogates too)', async () => {
  const random = seededRandom(7);
  const texts = Array.from({ length: 300 }, () => randomText(random));
  const byEngine = texts.map((t) => Buffer.from(new TextEncoder().encode(t)).toString('hex'));
  const byHand = await without(['TextEncoder'], () =>
    texts.map((t) => Buffer.from(utf8Bytes(t)).toString('hex')),
  );
  assert.deepEqual(byHand, byEngine);
  for (const t of texts) assert.equal(utf8Length(t), new TextEncoder().encode(t).length);
});

test('base64 matches Buffer for every length modulo 3', () => {
  for (let n = 0; n < 10; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 251) & 255);
    assert.equal(base64Of(bytes), Buffer.from(bytes).toString('base64'));
  }
  assert.equal(base64Utf8('Flug 🛩.aflr'), Buffer.from('Flug 🛩.aflr').toString('base64'));
});

test('SHA-256: the app’s function, else crypto.subtle, else core’s; all agree with node:crypto', async () => {
  const bytes = Uint8Array.from({ length: 200 }, (_, i) => (i * 31) & 255);
  const expected = createHash('sha256').update(bytes).digest('hex');
  assert.equal(await sha256Of(bytes), expected);
  assert.equal(await without(['crypto', 'TextEncoder'], () => sha256Of(bytes)), expected);
  assert.equal(
    await without(['crypto'], () => sha256Of('é')),
    createHash('sha256').update('é').digest('hex'),
  );
  const seen: number[] = [];
  const injected = async (b: Uint8Array) => {
    seen.push(b.length);
    return expected.toUpperCase();
  };
  assert.equal(await sha256Of(bytes, injected), expected);
  assert.deepEqual(seen, [200]);
  await assert.rejects(
    sha256Of(bytes, async () => 'nope'),
    /not 64 hex digits/,
  );
});
