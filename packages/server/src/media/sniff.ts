import { unsupported } from './media-error.ts';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'heic';
export type Sniffed = { kind: 'image'; format: ImageFormat } | { kind: 'video' };

/** Bytes the sniffer needs from the start of a file. */
export const SNIFF_BYTES = 64;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
/** Old QuickTime files may start with one of these instead of ftyp. */
const QUICKTIME_FIRST = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/**
 * What a file is, from its first bytes (never from a name or a declared type). Anything but the photo
 * and video formats shared here is a 415 naming what it looks like.
 */
export function sniff(head: Buffer): Sniffed {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { kind: 'image', format: 'jpeg' };
  if (head.subarray(0, 8).equals(PNG)) return { kind: 'image', format: 'png' };
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP')
    return { kind: 'image', format: 'webp' };
  const box = head.toString('latin1', 4, 8);
  if (box === 'ftyp') {
    const brands = [head.toString('latin1', 8, 12)];
    const size = Math.min(head.readUInt32BE(0), head.length);
    for (let at = 16; at + 4 <= size; at += 4) brands.push(head.toString('latin1', at, at + 4));
    if (brands.some((b) => AVIF_BRANDS.has(b))) return { kind: 'image', format: 'avif' };
    if (brands.some((b) => HEIF_BRANDS.has(b))) return { kind: 'image', format: 'heic' };
    return { kind: 'video' };
  }
  if (QUICKTIME_FIRST.has(box)) return { kind: 'video' };
  throw unsupported(
    `${describe(head)} cannot be shared: photos (JPEG, PNG, WebP, AVIF) and videos (MP4, MOV) only`,
  );
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function describe(head: Buffer): string {
  const text = head.toString('latin1');
  if (/^\s*\d+\s*\r?\n\d\d:\d\d:\d\d[,.]\d+ --> /.test(text))
    return 'a subtitle file (.SRT: DJI writes the flight position into these)';
  if (text.startsWith('GIF8')) return 'a GIF';
  if (text.startsWith('II*\0') || text.startsWith('MM\0*')) return 'a TIFF or raw (DNG) file';
  return 'this file type';
}
