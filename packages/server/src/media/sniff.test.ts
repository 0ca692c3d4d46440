import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MediaError } from './media-error.ts';
import { sniff } from './sniff.ts';

const ftyp = (...brands: string[]) => {
  const b = Buffer.alloc(8 + brands.length * 4 + 4);
  b.writeUInt32BE(b.length);
  b.write('ftyp', 4, 'latin1');
  b.write(brands[0], 8, 'latin1');
  for (const [i, x] of brands.slice(1).entries()) b.write(x, 16 + i * 4, 'latin1');
  return b;
};

test('the format comes from the bytes: photos, HEIF/AVIF brands, MP4/MOV; everything else is a 415', () => {
  assert.deepEqual(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe1])), { kind: 'image', format: 'jpeg' });
  assert.deepEqual(sniff(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1')), { kind: 'image', format: 'png' });
  assert.deepEqual(sniff(Buffer.from('RIFF\0\0\0\0WEBPVP8X', 'latin1')), { kind: 'image', format: 'webp' });
  assert.deepEqual(sniff(ftyp('heic', 'mif1', 'heic')), { kind: 'image', format: 'heic' });
  assert.deepEqual(sniff(ftyp('mif1', 'mif1', 'avif')), { kind: 'image', format: 'avif' });
  assert.deepEqual(sniff(ftyp('isom', 'isom', 'mp41')), { kind: 'video' });
  assert.deepEqual(sniff(ftyp('qt  ', 'qt  ')), { kind: 'video' });
  assert.deepEqual(sniff(Buffer.from('\0\0\0\x08wide\0\0\0\x10mdat', 'latin1')), { kind: 'video' });
  for (const [bytes, what] of [
    ['1\n00:00:00,000 --> 00:00:01,000\nGPS(149.0251,-20.2533,16)', /subtitle/],
    ['GIF89a', /GIF/],
    ['II*\0', /TIFF/],
    ['%PDF-1.7', /this file type/],
  ] as const)
    assert.throws(
      () => sniff(Buffer.from(bytes, 'latin1')),
      (e: MediaError) => e.status === 415 && what.test(e.message),
    );
});
