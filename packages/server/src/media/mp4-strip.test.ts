import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SYNTHETIC_SECRETS, syntheticMp4 } from '../testing/synthetic-mp4.ts';
import type { MediaError } from './media-error.ts';
import { boxesIn, child } from './mp4-box.ts';
import { stripVideoInPlace } from './mp4-strip.ts';

const dir = mkdtempSync(join(tmpdir(), 'airlock-mp4-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function strip(bytes: Buffer, name: string) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const info = await stripVideoInPlace(path);
  return { info, out: readFileSync(path) };
}

for (const moovFirst of [false, true]) {
  test(`every byte is a kept chunk, a rebuilt header or zero (moov ${moovFirst ? 'first' : 'last'})`, async () => {
    const input = syntheticMp4({ moovFirst });
    const { info, out } = await strip(input.bytes, `s-${moovFirst}.mp4`);
    assert.equal(info.size, out.length);
    assert.deepEqual(
      [info.width, info.height, info.durationMs, info.contentType],
      [1920, 1080, 300, 'video/mp4'],
    );
    for (const s of SYNTHETIC_SECRETS) assert.equal(out.includes(s), false, `"${s}" survived`);
    for (const [offset, size] of input.videoChunks)
      assert.deepEqual(out.subarray(offset, offset + size), input.bytes.subarray(offset, offset + size));
    const top = boxesIn(out);
    assert.deepEqual(
      top.map((b) => b.type),
      moovFirst ? ['ftyp', 'free', 'moov', 'free', 'mdat'] : ['ftyp', 'free', 'mdat', 'moov'],
    );
    const mdat = top.find((b) => b.type === 'mdat')!;
    const kept = new Set<number>();
    for (const [o, n] of input.videoChunks) for (let i = o; i < o + n; i++) kept.add(i);
    for (let i = mdat.body; i < mdat.end; i++)
      if (!kept.has(i)) assert.equal(out[i], 0, `byte ${i} of the media data`);
    for (const b of top.filter((b) => b.type === 'free'))
      assert.ok(
        out.subarray(b.body, b.end).every((x) => x === 0),
        'free boxes hold nothing',
      );

    const moov = top.find((b) => b.type === 'moov')!;
    assert.deepEqual(
      boxesIn(out, moov.body, moov.end).map((b) => b.type),
      ['mvhd', 'trak'],
    );
    const trak = child(out, moov, 'trak')!;
    assert.deepEqual(
      boxesIn(out, trak.body, trak.end).map((b) => b.type),
      ['tkhd', 'mdia'],
    );
    const mdia = child(out, trak, 'mdia')!;
    for (const header of [child(out, moov, 'mvhd')!, child(out, trak, 'tkhd')!, child(out, mdia, 'mdhd')!])
      assert.equal(
        out.readUInt32BE(header.body + 4) + out.readUInt32BE(header.body + 8),
        0,
        `${header.type} times`,
      );
    const hdlr = child(out, mdia, 'hdlr')!;
    assert.equal(out.toString('latin1', hdlr.body + 8, hdlr.body + 12), 'vide');
    assert.ok(
      out.subarray(hdlr.body + 12, hdlr.end).every((x) => x === 0),
      'no handler name or vendor',
    );
    const stbl = child(out, child(out, mdia, 'minf')!, 'stbl')!;
    const stsd = child(out, stbl, 'stsd')!;
    const [avc1] = boxesIn(out, stsd.body + 8, stsd.end);
    assert.ok(
      out.subarray(avc1.body + 12, avc1.body + 16).every((x) => x === 0),
      'vendor',
    );
    assert.ok(
      out.subarray(avc1.body + 42, avc1.body + 74).every((x) => x === 0),
      'compressor name',
    );
    assert.deepEqual(
      boxesIn(out, avc1.body + 78, avc1.end).map((b) => b.type),
      ['avcC'],
    );
  });
}

test('refused: chunks outside the media data (422), fragments and files without a kept video track (415)', async () => {
  const { bytes } = syntheticMp4();
  const stco = bytes.indexOf('stco'); // the video track's (the data track's chunks are not kept anyway)
  const bad = Buffer.from(bytes);
  bad.writeUInt32BE(bytes.length + 10, stco + 12); // the first video chunk, past the end of the file
  await assert.rejects(
    strip(bad, 'bad.mp4'),
    (e: MediaError) => e.status === 422 && /outside the media data/.test(e.message),
  );
  const fragmented = Buffer.concat([bytes, Buffer.from([0, 0, 0, 8]), Buffer.from('moof')]);
  await assert.rejects(
    strip(fragmented, 'frag.mp4'),
    (e: MediaError) => e.status === 415 && /fragmented/.test(e.message),
  );
  const noVideo = Buffer.from(bytes);
  noVideo.write('jpeg', noVideo.indexOf('avc1', noVideo.indexOf('moov')), 'latin1'); // Motion-JPEG: EXIF per frame
  await assert.rejects(
    strip(noVideo, 'mjpeg.mp4'),
    (e: MediaError) => e.status === 415 && /jpeg/.test(e.message),
  );
  await assert.rejects(
    strip(bytes.subarray(0, bytes.length - 40), 'cut.mp4'),
    (e: MediaError) => e.status === 422,
  );
});
