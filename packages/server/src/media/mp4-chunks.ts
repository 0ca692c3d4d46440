import { corrupt } from './media-error.ts';
import { type Box, boxesIn } from './mp4-box.ts';

/** 2^26 samples: 12 days of 60 fps video. */
const MAX_SAMPLES = 2 ** 26;

/** Where one chunk of a track's samples lies in the file. */
export interface ChunkRange {
  offset: number;
  size: number;
}

/**
 * Every chunk of a track, from its sample table (stbl): offsets from stco/co64, samples per chunk from
 * stsc, sample sizes from stsz/stz2. These are the only bytes of the media data the track owns; any
 * count that does not add up makes the file corrupt.
 */
export function trackChunks(buf: Buffer, stbl: Box): ChunkRange[] {
  const boxes = new Map(boxesIn(buf, stbl.body, stbl.end).map((b) => [b.type, b]));
  const offsets = chunkOffsets(buf, boxes);
  const sizes = sampleSizes(buf, boxes);
  const stsc = boxes.get('stsc');
  if (!stsc) throw corrupt('a track has no sample-to-chunk table (stsc)');
  const runs = table(buf, stsc, 12);
  const chunks: ChunkRange[] = [];
  let sample = 0;
  for (let r = 0; r < runs.count; r++) {
    const first = buf.readUInt32BE(runs.at + r * 12);
    const perChunk = buf.readUInt32BE(runs.at + r * 12 + 4);
    const next = r + 1 < runs.count ? buf.readUInt32BE(runs.at + (r + 1) * 12) : offsets.length + 1;
    if (first < 1 || next <= first || next > offsets.length + 1) throw corrupt('a bad sample-to-chunk table');
    for (let c = first; c < next; c++) {
      if (sample + perChunk > sizes.length) throw corrupt('chunks hold more samples than the track has');
      let size = 0;
      for (let s = 0; s < perChunk; s++) size += sizes[sample + s];
      sample += perChunk;
      chunks.push({ offset: offsets[c - 1], size });
    }
  }
  if (chunks.length !== offsets.length || sample !== sizes.length)
    throw corrupt('the chunk and sample counts of a track do not agree');
  return chunks;
}

function chunkOffsets(buf: Buffer, boxes: Map<string, Box>): number[] {
  const stco = boxes.get('stco');
  const co64 = boxes.get('co64');
  if (stco) {
    const t = table(buf, stco, 4);
    return Array.from({ length: t.count }, (_, i) => buf.readUInt32BE(t.at + i * 4));
  }
  if (co64) {
    const t = table(buf, co64, 8);
    return Array.from({ length: t.count }, (_, i) => Number(buf.readBigUInt64BE(t.at + i * 8)));
  }
  throw corrupt('a track has no chunk offsets (stco/co64)');
}

function sampleSizes(buf: Buffer, boxes: Map<string, Box>): number[] {
  const stsz = boxes.get('stsz');
  if (stsz) {
    if (stsz.end - stsz.body < 12) throw corrupt('a cut-short sample size table');
    const fixed = buf.readUInt32BE(stsz.body + 4);
    const count = buf.readUInt32BE(stsz.body + 8);
    // A fixed size is not backed by table bytes: bound the count before allocating for it.
    if (fixed !== 0 && count > MAX_SAMPLES) throw corrupt('a sample size table of implausible length');
    if (fixed !== 0) return new Array<number>(count).fill(fixed);
    if (stsz.body + 12 + count * 4 > stsz.end) throw corrupt('a cut-short sample size table');
    return Array.from({ length: count }, (_, i) => buf.readUInt32BE(stsz.body + 12 + i * 4));
  }
  const stz2 = boxes.get('stz2');
  if (!stz2) throw corrupt('a track has no sample sizes (stsz/stz2)');
  const bits = buf[stz2.body + 7];
  const count = buf.readUInt32BE(stz2.body + 8);
  if (![4, 8, 16].includes(bits) || stz2.body + 12 + Math.ceil((count * bits) / 8) > stz2.end)
    throw corrupt('a bad compact sample size table');
  const at = stz2.body + 12;
  return Array.from({ length: count }, (_, i) =>
    bits === 16
      ? buf.readUInt16BE(at + i * 2)
      : bits === 8
        ? buf[at + i]
        : (buf[at + (i >> 1)] >> (i & 1 ? 0 : 4)) & 0xf,
  );
}

/** A full box holding a 32-bit entry count and then `count` entries of `entry` bytes. */
function table(buf: Buffer, box: Box, entry: number): { at: number; count: number } {
  if (box.end - box.body < 8) throw corrupt(`a cut-short "${box.type}" table`);
  const count = buf.readUInt32BE(box.body + 4);
  if (box.body + 8 + count * entry > box.end) throw corrupt(`a cut-short "${box.type}" table`);
  return { at: box.body + 8, count };
}

/** A sound track whose sample sizes are QuickTime's packed-PCM convention (1 byte "per sample"). */
export function hasPackedPcmSizes(buf: Buffer, stbl: Box): boolean {
  const stsz = boxesIn(buf, stbl.body, stbl.end).find((b) => b.type === 'stsz');
  return stsz !== undefined && stsz.end - stsz.body >= 8 && buf.readUInt32BE(stsz.body + 4) === 1;
}
