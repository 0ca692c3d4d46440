import { corrupt, unsupported } from './media-error.ts';
import { type Box, boxesIn, child, makeBox, printable, rawBox } from './mp4-box.ts';
import { type ChunkRange, hasPackedPcmSizes, trackChunks } from './mp4-chunks.ts';
import { AUDIO_CODECS, firstCodec, sanitizeStsd, VIDEO_CODECS } from './mp4-sample-entries.ts';

/** The movie header rebuilt from a whitelist, and what the rewrite of the file needs to know. */
export interface RebuiltMoov {
  /** The new moov box, header included. */
  moov: Buffer;
  /** The chunks of the tracks kept: the only media bytes that stay. */
  kept: ChunkRange[];
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** Dropped udta/meta boxes, read for a position when the pilot keeps one. */
  metadata: Buffer[];
}

/** Sample-table boxes a player needs; saiz/saio (offsets into the file for side data) are not among them. */
const STBL_KEEP = new Set(
  'stts ctts cslg stss stps sdtp stsc stsz stz2 stco co64 sgpd sbgp subs padb'.split(' '),
);
const METADATA = new Set(['udta', 'meta']);

/**
 * Rebuilds `moov` keeping only the movie header and the picture and sound tracks, each cut down to the
 * boxes a player needs: every udta/meta/uuid/keys box, track reference, timecode, data, subtitle and
 * timed-metadata track goes; creation and modification times become 0; handler names and vendor codes
 * are blanked. Chunk offsets are kept as they are: the caller leaves every kept chunk where it is.
 */
export function rebuildMoov(buf: Buffer): RebuiltMoov {
  const [moov] = boxesIn(buf);
  if (moov?.type !== 'moov') throw corrupt('no movie header (moov)');
  const out: RebuiltMoov = {
    moov: Buffer.alloc(0),
    kept: [],
    width: null,
    height: null,
    durationMs: null,
    metadata: [],
  };
  const parts: Buffer[] = [];
  const skippedCodecs: string[] = [];
  let videoTracks = 0;
  for (const box of boxesIn(buf, moov.body, moov.end)) {
    if (box.type === 'mvhd') {
      parts.unshift(zeroTimes(buf, box));
      out.durationMs = movieDurationMs(buf, box);
    } else if (box.type === 'trak') {
      const track = rebuildTrak(buf, box, out.metadata);
      if (track === null) continue;
      if (typeof track === 'string') {
        skippedCodecs.push(track);
        continue;
      }
      parts.push(track.box);
      out.kept.push(...track.chunks);
      if (track.handler === 'vide' && videoTracks++ === 0) [out.width, out.height] = track.size;
    } else if (box.type === 'mvex' || box.type === 'cmov')
      throw unsupported(
        box.type === 'mvex'
          ? 'fragmented MP4 cannot be shared yet'
          : 'compressed movie headers are not supported',
      );
    else if (METADATA.has(box.type)) out.metadata.push(rawBox(buf, box));
  }
  if (out.durationMs === null) throw corrupt('no movie header (mvhd)');
  if (videoTracks === 0)
    throw unsupported(
      skippedCodecs.length
        ? `no video track in a codec this server can share (found ${skippedCodecs.map(printable).join(', ')})`
        : 'no video track',
    );
  out.moov = makeBox('moov', ...parts);
  return out;
}

type Track = { box: Buffer; chunks: ChunkRange[]; handler: 'vide' | 'soun'; size: [number, number] };

/** The track rebuilt, null when it is not picture or sound, or its codec when that is not one we keep. */
function rebuildTrak(buf: Buffer, trak: Box, metadata: Buffer[]): Track | string | null {
  const kids = boxesIn(buf, trak.body, trak.end);
  for (const b of kids) if (METADATA.has(b.type)) metadata.push(rawBox(buf, b));
  const tkhd = kids.find((b) => b.type === 'tkhd');
  const mdia = kids.find((b) => b.type === 'mdia');
  const hdlr = mdia && child(buf, mdia, 'hdlr');
  const mdhd = mdia && child(buf, mdia, 'mdhd');
  const minf = mdia && child(buf, mdia, 'minf');
  const stbl = minf && child(buf, minf, 'stbl');
  const stsd = stbl && child(buf, stbl, 'stsd');
  if (
    !tkhd ||
    !hdlr ||
    !mdhd ||
    !minf ||
    !stbl ||
    !stsd ||
    hdlr.end - hdlr.body < 12 ||
    tkhd.end - tkhd.body < 84
  )
    throw corrupt('a track without its headers or sample table');
  const handler = buf.toString('latin1', hdlr.body + 8, hdlr.body + 12);
  if (handler !== 'vide' && handler !== 'soun') return null;
  const codec = firstCodec(buf, stsd);
  if (!(handler === 'vide' ? VIDEO_CODECS : AUDIO_CODECS).has(codec)) return codec;
  if (handler === 'soun' && hasPackedPcmSizes(buf, stbl))
    throw unsupported('QuickTime packed PCM sound is not supported yet');
  const chunks = trackChunks(buf, stbl);
  const elst =
    kids.find((b) => b.type === 'edts') && child(buf, kids.find((b) => b.type === 'edts')!, 'elst');
  const header =
    minf && boxesIn(buf, minf.body, minf.end).find((b) => b.type === (handler === 'vide' ? 'vmhd' : 'smhd'));
  const table = boxesIn(buf, stbl.body, stbl.end)
    .filter((b) => STBL_KEEP.has(b.type))
    .map((b) => rawBox(buf, b));
  const box = makeBox(
    'trak',
    zeroTimes(buf, tkhd),
    ...(elst ? [makeBox('edts', rawBox(buf, elst))] : []),
    makeBox(
      'mdia',
      zeroTimes(buf, mdhd),
      blankHandler(buf, hdlr),
      makeBox(
        'minf',
        ...(header ? [rawBox(buf, header)] : []),
        SELF_CONTAINED_DINF,
        makeBox('stbl', sanitizeStsd(buf, stsd, handler), ...table),
      ),
    ),
  );
  return { box, chunks, handler, size: trackSize(buf, tkhd) };
}

/** A copy of mvhd/tkhd/mdhd with its creation and modification times set to 0. */
function zeroTimes(buf: Buffer, box: Box): Buffer {
  const copy = Buffer.from(rawBox(buf, box));
  const body = box.body - box.start;
  const v1 = copy[body] === 1;
  if (copy.length < body + (v1 ? 20 : 12)) throw corrupt(`a cut-short "${box.type}" header`);
  copy.fill(0, body + 4, body + (v1 ? 20 : 12));
  return copy;
}

/** hdlr with its handler type kept, QuickTime's manufacturer and flags zeroed and an empty name. */
function blankHandler(buf: Buffer, hdlr: Box): Buffer {
  const body = Buffer.alloc(25);
  buf.copy(body, 4, hdlr.body + 4, hdlr.body + 12); // component type (QuickTime) and handler type
  return makeBox('hdlr', body); // the last byte: an empty name, as a C or Pascal string
}

/** One data reference: "the media data is in this file" (QuickTime aliases may name paths and volumes). */
const SELF_CONTAINED_DINF = makeBox(
  'dinf',
  makeBox('dref', Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), makeBox('url ', Buffer.from([0, 0, 0, 1]))),
);

function movieDurationMs(buf: Buffer, mvhd: Box): number {
  const v1 = buf[mvhd.body] === 1;
  if (mvhd.end - mvhd.body < (v1 ? 32 : 20)) throw corrupt('a cut-short movie header');
  const scale = buf.readUInt32BE(mvhd.body + (v1 ? 20 : 12));
  const duration = v1 ? Number(buf.readBigUInt64BE(mvhd.body + 24)) : buf.readUInt32BE(mvhd.body + 16);
  return scale > 0 ? Math.round((duration * 1000) / scale) : 0;
}

/** Width and height from tkhd (16.16 fixed point, its last 8 bytes). */
function trackSize(buf: Buffer, tkhd: Box): [number, number] {
  return [buf.readUInt32BE(tkhd.end - 8) >>> 16, buf.readUInt32BE(tkhd.end - 4) >>> 16];
}
