import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { jpegWithoutMetadata } from './jpeg-segments.ts';

const segment = (marker: number, text: string) => {
  const body = Buffer.from(text, 'latin1');
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

/** A real JPEG (sharp) with EXIF GPS, then a comment, IPTC, an ICC-ish APP2 and a trailer added. */
async function taggedJpeg(progressive: boolean): Promise<Buffer> {
  const base = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#4a7' } })
    .composite([
      {
        input: Buffer.from('<svg width="30" height="20"><rect width="30" height="20" fill="#c22"/></svg>'),
        left: 5,
        top: 7,
      },
    ])
    .jpeg({ quality: 80, progressive })
    .withExif({ IFD0: { Make: 'DJI', Model: 'FC3582', Software: 'SN-53HQK520' } })
    .toBuffer();
  const extra = [
    segment(0xfe, 'comment: shot by SN-53HQK520'),
    segment(0xed, 'Photoshop 3.0\0City: Lausanne'),
    segment(0xe2, 'ICC_PROFILE\0Copyright Apple Inc. SN-53HQK520'),
  ];
  return Buffer.concat([
    base.subarray(0, 2),
    ...extra,
    base.subarray(2),
    Buffer.from('MPF second image SN-53HQK520'),
  ]);
}

for (const progressive of [false, true]) {
  test(`${progressive ? 'progressive' : 'baseline'}: every metadata segment and the trailer go, the pixels stay bit for bit`, async () => {
    const input = await taggedJpeg(progressive);
    const out = jpegWithoutMetadata(input);
    assert.ok(out);
    for (const s of ['SN-53HQK520', 'FC3582', 'Exif', 'Lausanne', 'ICC_PROFILE', 'MPF'])
      assert.equal(out.includes(s), false, s);
    assert.deepEqual([...out.subarray(0, 6)], [0xff, 0xd8, 0xff, 0xe0, 0, 16]);
    assert.deepEqual([...out.subarray(-2)], [0xff, 0xd9]);
    const pixels = (b: Buffer) => sharp(b).raw().toBuffer();
    assert.deepEqual(await pixels(out), await pixels(input));
    assert.equal((await sharp(out).metadata()).exif, undefined);
  });
}

test('left to a re-encode: an Adobe colour transform, a stream without its end, not a JPEG', async () => {
  const input = await taggedJpeg(false);
  const adobe = Buffer.concat([
    input.subarray(0, 2),
    segment(0xee, 'Adobe\0\x64\0\0\0\0\x01'),
    input.subarray(2),
  ]);
  assert.equal(jpegWithoutMetadata(adobe), null);
  const end = input.indexOf(Buffer.from([0xff, 0xd9]));
  assert.equal(jpegWithoutMetadata(input.subarray(0, end)), null);
  assert.equal(jpegWithoutMetadata(Buffer.from('GIF89a')), null);
});
