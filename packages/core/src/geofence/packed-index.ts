import Flatbush from 'flatbush';
import type { PackedZoneIndex } from './zone-index.ts';

/**
 * A PackedZoneIndex as one byte string and back, so a server can keep its prepared index on disk and
 * load it without rebuilding. Little-endian; every section starts on an 8-byte boundary so that it is
 * read in place (typed-array views, no copy). No checksum here: the container that stores the bytes
 * owns integrity; decoding still refuses anything whose sizes or ids do not add up.
 */

const MAGIC = 0x5a494458; // "ZIDX"
/**
 * Bumped whenever the layout below changes: an old file is then rebuilt, never misread.
 *
 * @example
 * const stale = new Uint32Array(bytes.buffer, bytes.byteOffset, 2)[1] !== PACKED_INDEX_VERSION; // rebuild it
 */
export const PACKED_INDEX_VERSION = 1;
const HEADER_WORDS = 12;

const pad8 = (n: number) => (n + 7) & ~7;

function sections(p: PackedZoneIndex): Uint8Array[] {
  const treeBytes = p.tree ?? new Uint8Array(0);
  const view = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return [
    treeBytes,
    view(p.entryPart),
    view(p.caps),
    view(p.partZone),
    view(p.partVolume),
    view(p.partNo),
    view(p.partCircle),
    view(p.rank),
    view(p.byRank),
  ];
}

/**
 * The bytes of a packed index (see `decodePackedIndex`).
 *
 * @example
 * const bytes = encodePackedIndex(ZoneIndex.build(zones).toPacked());
 * await writeFile('zones.idx', bytes); // next start: decodePackedIndex instead of rebuilding
 */
export function encodePackedIndex(p: PackedZoneIndex): Uint8Array {
  const parts = sections(p);
  const header = new Uint32Array(HEADER_WORDS);
  header[0] = MAGIC;
  header[1] = PACKED_INDEX_VERSION;
  header[2] = p.zoneCount;
  parts.forEach((s, i) => {
    header[3 + i] = s.byteLength;
  });
  let size = pad8(header.byteLength);
  for (const s of parts) size += pad8(s.byteLength);
  const out = new Uint8Array(size);
  out.set(new Uint8Array(header.buffer));
  let at = pad8(header.byteLength);
  for (const s of parts) {
    out.set(s, at);
    at += pad8(s.byteLength);
  }
  return out;
}

function fail(why: string): never {
  throw new RangeError(`packed zone index: ${why}`);
}

/**
 * Reads bytes from `encodePackedIndex` in place. `bytes` must start on an 8-byte boundary of its
 * buffer. Throws RangeError for anything that is not a whole, consistent index of this version.
 *
 * @example
 * const index = ZoneIndex.fromPacked(decodePackedIndex(new Uint8Array(await readFile('zones.idx'))), { size: zones.length, zone: (i) => zones[i] });
 */
export function decodePackedIndex(bytes: Uint8Array): PackedZoneIndex {
  if (bytes.byteOffset % 8 !== 0) fail('not 8-byte aligned');
  if (bytes.byteLength < HEADER_WORDS * 4) fail('truncated header');
  const header = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
  if (header[0] !== MAGIC) fail('bad magic');
  if (header[1] !== PACKED_INDEX_VERSION) fail(`version ${header[1]}, expected ${PACKED_INDEX_VERSION}`);
  const zoneCount = header[2];
  let at = bytes.byteOffset + pad8(HEADER_WORDS * 4);
  const end = bytes.byteOffset + bytes.byteLength;
  const take = (i: number, unit: number): [number, number] => {
    const len = header[3 + i];
    if (len % unit !== 0 || at + len > end) fail(`section ${i} truncated or misaligned`);
    const start = at;
    at += pad8(len);
    return [start, len / unit];
  };
  const buf = bytes.buffer as ArrayBuffer;
  const [treeAt, treeLen] = take(0, 1);
  const u32 = (i: number) => {
    const [s, n] = take(i, 4);
    return new Uint32Array(buf, s, n);
  };
  const entryPart = u32(1);
  const [capsAt, capsLen] = take(2, 8);
  const caps = new Float64Array(buf, capsAt, capsLen);
  const partZone = u32(3);
  const partVolume = u32(4);
  const partNo = u32(5);
  const [circleAt, circleLen] = take(6, 1);
  const partCircle = new Uint8Array(buf, circleAt, circleLen);
  const rank = u32(7);
  const byRank = u32(8);
  const parts = partZone.length;
  if (partVolume.length !== parts || partNo.length !== parts || partCircle.length !== parts)
    fail('part arrays differ in length');
  if (caps.length !== entryPart.length * 6) fail('caps and entries differ');
  if (rank.length !== zoneCount || byRank.length !== zoneCount) fail('id order does not cover the zones');
  for (let i = 0; i < entryPart.length; i++) if (entryPart[i] >= parts) fail('entry names a missing part');
  for (let i = 0; i < parts; i++) {
    if (partZone[i] >= zoneCount) fail('part names a missing zone');
    if (partNo[i] > i || partZone[i - partNo[i]] !== partZone[i]) fail('part numbering broken');
  }
  for (let i = 0; i < zoneCount; i++)
    if (rank[i] >= zoneCount || byRank[rank[i]] !== i) fail('id order broken');
  let tree: Uint8Array | null = null;
  if (treeLen > 0) {
    tree = new Uint8Array(buf, treeAt, treeLen);
    const t = Flatbush.from(buf, treeAt);
    if (t.numItems !== entryPart.length || flatbushBytes(t.numItems, t.nodeSize) > treeLen)
      fail('tree does not match the entries');
  } else if (entryPart.length > 0) fail('entries without a tree');
  return {
    zoneCount,
    tree,
    entryPart,
    caps,
    partZone,
    partVolume,
    partNo,
    partCircle,
    rank,
    byRank,
  };
}

/** Bytes of a flatbush tree of Float64 boxes (the layout of flatbush 4: header, boxes, indices). */
function flatbushBytes(numItems: number, nodeSize: number): number {
  let n = numItems;
  let nodes = n;
  do {
    n = Math.ceil(n / nodeSize);
    nodes += n;
  } while (n !== 1);
  return 8 + nodes * 4 * 8 + nodes * (nodes < 16384 ? 2 : 4);
}
