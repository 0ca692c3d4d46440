import { open } from 'node:fs/promises';
import { corrupt, unsupported } from './media-error.ts';
import type { ChunkRange } from './mp4-chunks.ts';
import { blankBox, type FileBox, freeHeader, readBox, topLevelBoxes, zeroRange } from './mp4-file.ts';
import { rebuildMoov } from './mp4-moov.ts';

export interface StrippedVideo {
  size: number;
  contentType: 'video/mp4' | 'video/quicktime';
  ext: 'mp4' | 'mov';
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** Dropped metadata boxes, for the caller to read a position from when the pilot keeps one. */
  metadata: Buffer[];
}

/** A movie header larger than this is not a phone's, drone's or camera's. */
const MAX_MOOV = 64 * 2 ** 20;

/**
 * Strips an MP4/MOV file in place, without re-encoding and without moving a byte of media. After it,
 * every byte of the file is one of: a byte of a kept (picture or sound) chunk, a byte of the rebuilt
 * ftyp/moov or of a box header, or zero. So dropped tracks (GPS, telemetry, timecode), udta/meta/uuid
 * boxes and anything hidden between chunks are overwritten where they lay, and no chunk offset needs
 * fixing: chunks stay where they were, the new moov takes the old one's place (padded with `free`) or,
 * when the old one followed the media, the file is cut after the last mdat and the new one appended.
 */
export async function stripVideoInPlace(path: string): Promise<StrippedVideo> {
  const fh = await open(path, 'r+');
  try {
    const size = (await fh.stat()).size;
    const top = await topLevelBoxes(fh, size);
    if (top.some((b) => b.type === 'moof')) throw unsupported('fragmented MP4 cannot be shared yet');
    const moovs = top.filter((b) => b.type === 'moov');
    const mdats = top.filter((b) => b.type === 'mdat');
    if (moovs.length !== 1)
      throw corrupt(moovs.length ? 'more than one movie header' : 'no movie header (moov)');
    if (mdats.length === 0) throw corrupt('no media data (mdat)');
    const [old] = moovs;
    if (old.end - old.start > MAX_MOOV) throw unsupported('the movie header is over 64 MiB');
    const rebuilt = rebuildMoov(await readBox(fh, old));
    const metadata = [...rebuilt.metadata];
    for (const b of top)
      if ((b.type === 'udta' || b.type === 'meta') && b.end - b.start <= 2 ** 20)
        metadata.push(await readBox(fh, b));

    await zeroOutsideChunks(fh, mdats, rebuilt.kept);
    const ftyp = top[0]?.type === 'ftyp' ? top[0] : undefined;
    const brand = ftyp ? await cleanFtyp(fh, ftyp) : 'qt  ';
    const mediaEnd = Math.max(...mdats.map((m) => m.end));
    const inPlace = old.start < mediaEnd && fitsInPlace(old, rebuilt.moov.length);
    for (const b of top) {
      if (b === ftyp || b.type === 'mdat' || b.start >= mediaEnd || (b === old && inPlace)) continue;
      await blankBox(fh, b); // wide, free, uuid (XMP), top-level meta/udta, an old moov before the media
    }
    let newSize: number;
    if (inPlace) {
      await fh.write(rebuilt.moov, 0, rebuilt.moov.length, old.start);
      const rest = old.end - old.start - rebuilt.moov.length;
      if (rest > 0) {
        await fh.write(freeHeader(rest), 0, 8, old.start + rebuilt.moov.length);
        await zeroRange(fh, old.start + rebuilt.moov.length + 8, old.end);
      }
      await fh.truncate(mediaEnd);
      newSize = mediaEnd;
    } else {
      await fixOpenEndedMdat(fh, mdats, mediaEnd);
      await fh.truncate(mediaEnd);
      await fh.write(rebuilt.moov, 0, rebuilt.moov.length, mediaEnd);
      newSize = mediaEnd + rebuilt.moov.length;
    }
    await fh.sync();
    const mov = brand === 'qt  ';
    return {
      size: newSize,
      contentType: mov ? 'video/quicktime' : 'video/mp4',
      ext: mov ? 'mov' : 'mp4',
      width: rebuilt.width,
      height: rebuilt.height,
      durationMs: rebuilt.durationMs,
      metadata,
    };
  } finally {
    await fh.close();
  }
}

/** The old moov's place holds the new one exactly, or with room for a `free` box after it. */
function fitsInPlace(old: FileBox, size: number): boolean {
  const rest = old.end - old.start - size;
  return rest === 0 || rest >= 8;
}

/** Zeroes every byte of the media data that is not in a kept chunk. */
async function zeroOutsideChunks(
  fh: import('node:fs/promises').FileHandle,
  mdats: FileBox[],
  kept: ChunkRange[],
): Promise<void> {
  const chunks = kept.filter((c) => c.size > 0).sort((a, b) => a.offset - b.offset);
  let i = 0;
  for (const m of mdats) {
    let at = m.start + m.header;
    for (; i < chunks.length && chunks[i].offset < m.end; i++) {
      const c = chunks[i];
      if (c.offset < m.start + m.header || c.offset + c.size > m.end)
        throw corrupt(`a chunk at byte ${c.offset} lies outside the media data`);
      if (c.offset > at) await zeroRange(fh, at, c.offset);
      at = Math.max(at, c.offset + c.size);
    }
    if (at < m.end) await zeroRange(fh, at, m.end);
  }
  if (i < chunks.length) throw corrupt(`a chunk at byte ${chunks[i].offset} lies outside the media data`);
}

/** Keeps the major and compatible brands (format codes), zeroes the minor version; returns the major. */
async function cleanFtyp(fh: import('node:fs/promises').FileHandle, ftyp: FileBox): Promise<string> {
  const body = await readBox(fh, ftyp);
  const major = body.toString('latin1', ftyp.header, ftyp.header + 4);
  if (body.length >= ftyp.header + 8) await fh.write(Buffer.alloc(4), 0, 4, ftyp.start + ftyp.header + 4);
  return major;
}

/** An mdat of size 0 ran to the end of the file; once something follows it, its size must be written. */
async function fixOpenEndedMdat(
  fh: import('node:fs/promises').FileHandle,
  mdats: FileBox[],
  mediaEnd: number,
): Promise<void> {
  const last = mdats[mdats.length - 1];
  const head = Buffer.alloc(4);
  await fh.read(head, 0, 4, last.start);
  if (head.readUInt32BE(0) !== 0) return;
  if (mediaEnd - last.start > 0xffffffff) throw unsupported('an open-ended media box over 4 GiB');
  head.writeUInt32BE(mediaEnd - last.start, 0);
  await fh.write(head, 0, 4, last.start);
}
