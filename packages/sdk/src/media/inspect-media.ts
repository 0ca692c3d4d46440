import { ByteView } from './byte-view.ts';
import { readHeif } from './heif-tags.ts';
import { readJpeg } from './jpeg-tags.ts';
import type { MetadataTag } from './media-tags.ts';
import { readPng, readWebp } from './still-tags.ts';
import { readVideo } from './video-tags.ts';

/**
 * The format `media.inspect` recognised from the file's first bytes (not its name).
 *
 * @example
 * const format: MediaFormat = (await inspectMedia(file)).format; // 'jpeg', 'mp4', ... or 'unknown'
 */
export type MediaFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'heic' | 'mp4' | 'mov' | 'unknown';

/**
 * A photo or video as the SDK hands it over: bytes, or a browser `Blob`/`File`.
 *
 * @example
 * const input: MediaInput = fileInput.files![0]; // a File; or a Uint8Array, an ArrayBuffer
 * const seen = await inspectMedia(input);
 */
export type MediaInput = Uint8Array | ArrayBuffer | Blob;

/**
 * What `media.inspect` found in a file, read on the device before anything is sent.
 *
 * @example
 * const seen: MediaInspection = await inspectMedia(file, { keepLocation: true });
 * list(seen.found.filter((t) => t.category === 'location')); // GPS:GPSLatitude, GPS:GPSLongitude...
 * note(seen.kept, seen.always);
 */
export interface MediaInspection {
  format: MediaFormat;
  /** Whether this server takes the format (HEIC/HEIF photos and sidecar files it refuses with 415). */
  shareable: boolean;
  bytes: number;
  /** Every piece of metadata found, ExifTool's names. */
  found: MetadataTag[];
  /** What the server removes from the shared file: everything found. */
  removed: MetadataTag[];
  /**
   * What survives a share besides the picture and sound: with `keepLocation` and a position in the
   * file, that position coarsened to a ~1 km cell, published beside the item (never in the file).
   */
  kept: string[];
  /** What every share changes whatever the file holds. */
  always: string[];
}

const ALWAYS = [
  'the file name is replaced by a random one',
  'no capture time is kept: the item shows only the day it was shared',
  'videos keep only their picture and sound tracks, with container and track times set to zero',
];
const HEIF = /^(heic|heix|hevc|hevx|heim|heis|hevm|hevs|mif1|msf1)$/;
const QUICKTIME_FIRST = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/**
 * Reads a photo or video's metadata on the device (EXIF with GPS and maker notes, XMP with DJI,
 * Skydio and other vendors' tags, IPTC, PNG text, MP4/MOV user data, `meta` keys, track times and
 * extra tracks), to show the pilot what the file says and what a share removes. Never throws.
 *
 * @example
 * import { inspectMedia } from '@airlock/sdk/media';
 * const seen = await inspectMedia(await (await fetch(photoUrl)).blob());
 * for (const t of seen.found) console.log(`${t.group}:${t.tag}`, t.category, t.value ?? '');
 */
export async function inspectMedia(
  file: MediaInput,
  options: { keepLocation?: boolean } = {},
): Promise<MediaInspection> {
  return inspectBytes(await bytesOf(file), options);
}

export function inspectBytes(bytes: Uint8Array, options: { keepLocation?: boolean } = {}): MediaInspection {
  const v = new ByteView(bytes);
  const format = formatOf(v);
  let found: MetadataTag[] = [];
  try {
    if (format === 'jpeg') found = readJpeg(v);
    else if (format === 'png') found = readPng(v);
    else if (format === 'webp') found = readWebp(v);
    else if (format === 'heic' || format === 'avif') found = readHeif(v);
    else if (format === 'mp4' || format === 'mov') found = readVideo(v);
  } catch {
    // A reader hit something it does not expect: what it found so far is lost, the share still strips.
    found = [];
  }
  const hasPosition = found.some((t) => t.category === 'location' && /lat|coordinates|iso6709/i.test(t.tag));
  return {
    format,
    shareable: format !== 'unknown' && format !== 'heic',
    bytes: bytes.length,
    found,
    removed: found,
    kept:
      options.keepLocation && hasPosition
        ? ['the position, coarsened to the centre of a ~1 km cell, shown beside the item (not in the file)']
        : [],
    always: ALWAYS,
  };
}

export async function bytesOf(file: MediaInput): Promise<Uint8Array> {
  if (file instanceof Uint8Array) return file;
  if (file instanceof ArrayBuffer) return new Uint8Array(file);
  return new Uint8Array(await file.arrayBuffer());
}

function formatOf(v: ByteView): MediaFormat {
  if (v.u8(0) === 0xff && v.u8(1) === 0xd8 && v.u8(2) === 0xff) return 'jpeg';
  if (v.u32(0) === 0x89504e47 && v.u32(4) === 0x0d0a1a0a) return 'png';
  if (v.ascii(0, 4) === 'RIFF' && v.ascii(8, 4) === 'WEBP') return 'webp';
  const box = v.ascii(4, 4);
  if (box === 'ftyp') {
    const size = Math.min(v.u32(0), v.length, 256);
    const brands = [v.ascii(8, 4)];
    for (let at = 16; at + 4 <= size; at += 4) brands.push(v.ascii(at, 4));
    if (brands.some((b) => b === 'avif' || b === 'avis')) return 'avif';
    if (brands.some((b) => HEIF.test(b))) return 'heic';
    return brands[0] === 'qt  ' ? 'mov' : 'mp4';
  }
  return QUICKTIME_FIRST.has(box) ? 'mov' : 'unknown';
}
