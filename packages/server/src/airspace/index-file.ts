import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  decodePackedIndex,
  encodePackedIndex,
  PACKED_INDEX_VERSION,
  type Zone,
  ZoneIndex,
} from '@airlock/core';
import { FileZones, type SharedFields, sharedFieldsOf, zoneText } from './file-zones.ts';
import { changeTimesOf } from './validity-clock.ts';

/**
 * The prepared zone index on disk, so a restart loads it instead of reading every zone back from SQL
 * and rebuilding: one file per dataset fingerprint in `<data dir>/airspace-index/`, written atomically
 * (temporary file, fsync, rename; mode 0600). Layout, little-endian:
 *
 *   0   "AIRLKIDX", u32 FILE_VERSION, u32 meta bytes, f64 index bytes, f64 zone bytes, sha256 (32 bytes)
 *   64  meta JSON (fingerprint, datasets, shared fields), padded to 8
 *       the packed index (core's encodePackedIndex), padded to 8
 *       zone offsets (u32, zones + 1), padded to 8, then every zone's JSON text
 *
 * The sha256 covers everything after the first 64 bytes and is checked on every load; anything that
 * does not match (truncated, corrupt, older layout, other datasets) is refused, and the caller rebuilds.
 */

const MAGIC = 'AIRLKIDX';
/** Bumped when this container changes; the packed index has its own version (both are in the name). */
export const FILE_VERSION = 1;
const HEAD = 64;
const pad8 = (n: number) => (n + 7) & ~7;

/** Which zones of the index came from which dataset (and which version of it). */
export interface DatasetRange {
  id: string;
  version: string;
  start: number;
  count: number;
}

interface Meta {
  fingerprint: string;
  zoneCount: number;
  datasets: DatasetRange[];
  shared: SharedFields[];
  /** Every start/end time among the zones (changeTimesOf), so a load need not read every zone. */
  times?: number[];
}

export function indexFileName(fingerprint: string): string {
  return `zones-v${FILE_VERSION}.${PACKED_INDEX_VERSION}-${fingerprint}.bin`;
}

/**
 * Writes the index and its zones for `fingerprint`, atomically, and removes every other index file.
 * Returns the file's path and the sha256 in its header (hex), which `readIndexFile` can be given.
 */
export function writeIndexFile(
  dir: string,
  fingerprint: string,
  index: ZoneIndex,
  zones: readonly Zone[],
  datasets: DatasetRange[],
): { path: string; digest: string } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const shared = datasets.map((d) => sharedFieldsOf(zones, d.start, d.count));
  const meta: Meta = { fingerprint, zoneCount: zones.length, datasets, shared, times: changeTimesOf(zones) };
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  const packed = encodePackedIndex(index.toPacked());
  const offsets = new Uint32Array(zones.length + 1);
  const final = join(dir, indexFileName(fingerprint));
  const tmp = `${final}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'wx+', 0o600);
  let digest = '';
  try {
    let at = HEAD;
    const write = (bytes: Uint8Array, padded = false) => {
      const data = padded && bytes.byteLength % 8 ? concatPad(bytes) : bytes;
      writeSync(fd, data, 0, data.byteLength, at);
      at += data.byteLength;
    };
    write(metaBytes, true);
    write(packed, true);
    const offsetsAt = at;
    write(new Uint8Array(pad8(offsets.byteLength))); // filled in below, once the texts are written
    let range = 0;
    let textBytes = 0;
    let batch: Buffer[] = [];
    const flush = () => {
      const b = Buffer.concat(batch);
      writeSync(fd, b, 0, b.byteLength, at);
      at += b.byteLength;
      batch = [];
    };
    for (let i = 0; i < zones.length; i++) {
      while (range < datasets.length - 1 && i >= datasets[range].start + datasets[range].count) range++;
      const text = Buffer.from(zoneText(zones[i], shared[range] ?? {}), 'utf8');
      offsets[i] = textBytes;
      textBytes += text.byteLength;
      batch.push(text);
      if (batch.length >= 2000) flush();
    }
    offsets[zones.length] = textBytes;
    flush();
    const offsetBytes = new Uint8Array(offsets.buffer);
    writeSync(fd, offsetBytes, 0, offsetBytes.byteLength, offsetsAt);
    // The offsets are known only now: hash the file as written (from the page cache) rather than
    // keep every text in memory until then.
    const check = createHash('sha256');
    hashRange(fd, HEAD, at, check);
    const head = Buffer.alloc(HEAD);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(FILE_VERSION, 8);
    head.writeUInt32LE(metaBytes.byteLength, 12);
    head.writeDoubleLE(packed.byteLength, 16);
    head.writeDoubleLE(at - offsetsAt, 24);
    const sum = check.digest();
    sum.copy(head, 32);
    digest = sum.toString('hex');
    writeSync(fd, head, 0, HEAD, 0);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, final);
  syncDir(dir);
  removeOthers(dir, indexFileName(fingerprint));
  return { path: final, digest };
}

function concatPad(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(pad8(bytes.byteLength));
  out.set(bytes);
  return out;
}

function hashRange(fd: number, from: number, to: number, hash: ReturnType<typeof createHash>): void {
  const chunk = Buffer.allocUnsafe(4 << 20);
  for (let at = from; at < to; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.byteLength, to - at), at);
    if (n <= 0) throw new RangeError('index file ends early');
    hash.update(chunk.subarray(0, n));
    at += n;
  }
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes index files of other fingerprints or versions, and temporary files left by a crash. */
export function removeOthers(dir: string, keep: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name !== keep && name.startsWith('zones-')) rmSync(join(dir, name), { force: true });
  }
}

export interface LoadedIndex {
  index: ZoneIndex;
  zones: FileZones;
  datasets: DatasetRange[];
  /** Absent in a file written before they were stored: then the caller reads them from the zones. */
  times?: number[];
}

/**
 * The stored index for `fingerprint`: null when there is none; throws (RangeError) when the file is
 * there but cannot be trusted, so the caller logs it and rebuilds. The zones stay in the file and are
 * read on demand through its descriptor (kept open, so a later rename over it changes nothing here).
 *
 * `written` is the digest `writeIndexFile` returned for this file, in this process: it hashed the
 * file as written, so the header must hold that digest and the bytes are not hashed again (~0.5 s
 * for 92k zones, on the thread that serves requests).
 */
export function readIndexFile(dir: string, fingerprint: string, written?: string): LoadedIndex | null {
  const path = join(dir, indexFileName(fingerprint));
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(HEAD);
    if (size < HEAD || readSync(fd, head, 0, HEAD, 0) !== HEAD) throw new RangeError('truncated header');
    if (head.toString('latin1', 0, 8) !== MAGIC) throw new RangeError('not an index file');
    if (head.readUInt32LE(8) !== FILE_VERSION) throw new RangeError(`file version ${head.readUInt32LE(8)}`);
    const metaLen = head.readUInt32LE(12);
    const indexLen = head.readDoubleLE(16);
    const zonesLen = head.readDoubleLE(24);
    const offsetsAt = HEAD + pad8(metaLen) + pad8(indexLen);
    if (offsetsAt + zonesLen !== size)
      throw new RangeError(`size ${size}, header says ${offsetsAt + zonesLen}`);
    // Everything but the zone texts is read into memory; the texts are only hashed on the way past.
    const front = Buffer.allocUnsafeSlow(offsetsAt - HEAD);
    if (readSync(fd, front, 0, front.byteLength, HEAD) !== front.byteLength)
      throw new RangeError('short read');
    const hash = written ? null : createHash('sha256').update(front);
    const meta = JSON.parse(front.toString('utf8', 0, metaLen)) as Meta;
    if (meta.fingerprint !== fingerprint) throw new RangeError('index file is for other datasets');
    const offsetBytes = Buffer.allocUnsafeSlow(pad8((meta.zoneCount + 1) * 4));
    if (readSync(fd, offsetBytes, 0, offsetBytes.byteLength, offsetsAt) !== offsetBytes.byteLength)
      throw new RangeError('short read');
    if (hash) {
      hash.update(offsetBytes);
      hashRange(fd, offsetsAt + offsetBytes.byteLength, size, hash);
      if (!hash.digest().equals(head.subarray(32, 64))) throw new RangeError('checksum mismatch');
    } else if (head.toString('hex', 32, 64) !== written) throw new RangeError('not the file just written');
    const offsets = new Uint32Array(offsetBytes.buffer, 0, meta.zoneCount + 1);
    const textAt = offsetsAt + offsetBytes.byteLength;
    if (offsets[meta.zoneCount] !== size - textAt) throw new RangeError('zone offsets do not match the file');
    const packed = decodePackedIndex(new Uint8Array(front.buffer, pad8(metaLen), indexLen));
    const zones = new FileZones(fd, textAt, offsets, meta.datasets, meta.shared);
    return { index: ZoneIndex.fromPacked(packed, zones), zones, datasets: meta.datasets, times: meta.times };
  } catch (e) {
    closeSync(fd);
    throw e instanceof SyntaxError ? new RangeError(`meta: ${e.message}`) : e;
  }
}
