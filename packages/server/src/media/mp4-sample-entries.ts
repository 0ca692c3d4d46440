import { corrupt, unsupported } from './media-error.ts';
import { type Box, boxesIn, makeBox, printable, rawBox } from './mp4-box.ts';

/** Codecs whose samples carry only picture or sound. Motion-JPEG is absent: each frame may hold EXIF. */
export const VIDEO_CODECS = new Set(
  'avc1 avc3 hvc1 hev1 dvh1 dvhe dva1 dvav av01 vp08 vp09 mp4v ap4h ap4x apch apcn apcs apco'.split(' '),
);
export const AUDIO_CODECS = new Set(
  'mp4a ac-3 ec-3 ac-4 Opus fLaC alac mha1 mhm1 ipcm fpcm lpcm sowt twos in24 in32 fl32 fl64 samr sawb'.split(
    ' ',
  ),
);

/** Boxes inside a sample entry that describe how to decode it; anything else (uuid, ICC…) is dropped. */
const VIDEO_CONFIG = new Set(
  'avcC hvcC av1C vpcC esds pasp colr btrt clap fiel mdcv clli dvcC dvvC dvwC st3d sv3d SmDm CoLL'.split(' '),
);
const AUDIO_CONFIG = new Set(
  'esds dac3 dec3 dac4 dOps dfLa alac wave chan btrt SA3D mhaC pcmC srat'.split(' '),
);

/** Fixed part of a VisualSampleEntry / AudioSampleEntry payload (QuickTime sound versions add to it). */
const VIDEO_FIXED = 78;
const AUDIO_FIXED: Record<number, number> = { 0: 28, 1: 44, 2: 64 };

/**
 * The sample description box (stsd) with each entry's vendor fields and compressor name blanked and only
 * decoding configuration kept (an ICC profile in `colr` is text about a device: dropped).
 */
export function sanitizeStsd(buf: Buffer, stsd: Box, handler: 'vide' | 'soun'): Buffer {
  if (stsd.end - stsd.body < 8) throw corrupt('a cut-short sample description table');
  const head = Buffer.from(buf.subarray(stsd.body, stsd.body + 8));
  // stsd version 1 (ISO) marks AudioSampleEntryV1, which has the version-0 layout.
  const iso1 = buf[stsd.body] === 1;
  const entries = boxesIn(buf, stsd.body + 8, stsd.end).map((e) => sanitizeEntry(buf, e, handler, iso1));
  head.writeUInt32BE(iso1 ? 0x01000000 : 0, 0); // version kept, flags cleared
  head.writeUInt32BE(entries.length, 4);
  return makeBox('stsd', head, ...entries);
}

/** The codec of a track's first sample entry. */
export function firstCodec(buf: Buffer, stsd: Box): string {
  const [first] = boxesIn(buf, stsd.body + 8, stsd.end);
  return first?.type ?? '';
}

function sanitizeEntry(buf: Buffer, entry: Box, handler: 'vide' | 'soun', iso1: boolean): Buffer {
  if (entry.type === 'encv' || entry.type === 'enca') throw unsupported('encrypted tracks cannot be shared');
  let fixed: number;
  if (handler === 'vide') fixed = VIDEO_FIXED;
  else {
    const version = !iso1 && entry.end - entry.body >= 10 ? buf.readUInt16BE(entry.body + 8) : 0;
    fixed = AUDIO_FIXED[version] ?? Number.NaN;
    if (Number.isNaN(fixed)) throw unsupported(`sound description version ${version} is not supported`);
  }
  if (entry.end - entry.body < fixed)
    throw unsupported(`a cut-short "${printable(entry.type)}" sample description`);
  const head = Buffer.from(buf.subarray(entry.body, entry.body + fixed));
  // QuickTime keeps a vendor code (e.g. "appl") here; ISO calls these bytes reserved (zero).
  head.fill(0, 12, 16);
  if (handler === 'vide') {
    head.fill(0, 16, 24); // temporal and spatial quality (QuickTime), pre-defined (ISO)
    head.fill(0, 42, 74); // compressor name: "GoPro AVC encoder", "DJI…"
  }
  const allowed = handler === 'vide' ? VIDEO_CONFIG : AUDIO_CONFIG;
  const config = boxesIn(buf, entry.body + fixed, entry.end)
    .filter((b) => allowed.has(b.type) && !(b.type === 'colr' && isIccColr(buf, b)))
    .map((b) => rawBox(buf, b));
  return makeBox(entry.type, head, ...config);
}

/** `colr` of type prof/rICC embeds an ICC profile (with its description and copyright text). */
function isIccColr(buf: Buffer, colr: Box): boolean {
  const kind = buf.toString('latin1', colr.body, colr.body + 4);
  return kind !== 'nclx' && kind !== 'nclc';
}
