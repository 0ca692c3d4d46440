// RFC 5869 Appendix A.1 (HKDF-SHA256, basic test case), and agreement with Web Crypto's HKDF.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hex, toHex } from '../testing/ohttp-vectors.ts';
import { hkdfExpand, hkdfExtract } from './hkdf.ts';

test('RFC 5869 test case 1', () => {
  const prk = hkdfExtract(hex('000102030405060708090a0b0c'), hex('0b'.repeat(22)));
  assert.equal(toHex(prk), '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
  const okm = hkdfExpand(prk, hex('f0f1f2f3f4f5f6f7f8f9'), 42);
  assert.equal(
    toHex(okm),
    '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  );
});

test('the same bytes as Web Crypto for salts of any length and outputs of several blocks', async () => {
  for (const [saltLength, length] of [
    [0, 16],
    [48, 12],
    [32, 100],
  ]) {
    const salt = Uint8Array.from({ length: saltLength }, (_, i) => i * 7);
    const ikm = Uint8Array.from({ length: 20 }, (_, i) => 255 - i);
    const info = new TextEncoder().encode('nonce');
    const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
    const theirs = new Uint8Array(
      await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, length * 8),
    );
    assert.equal(toHex(hkdfExpand(hkdfExtract(salt, ikm), info, length)), toHex(theirs));
  }
});
