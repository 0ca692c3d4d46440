import { rm } from 'node:fs/promises';
import { coarsen, imagePosition, type Position, videoPosition } from './media-position.ts';
import { stripVideoInPlace } from './mp4-strip.ts';
import type { Received } from './receive-upload.ts';
import { stripImage } from './strip-image.ts';

/** A stripped upload, ready to store: the bytes (or a stripped file) and what the row records. */
export interface Stripped {
  kind: 'image' | 'video';
  contentType: string;
  ext: string;
  /** The stripped photo, or null for a video (then `path` holds it). */
  bytes: Buffer | null;
  path: string | null;
  size: number;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** The coarsened position, only when the pilot asked to keep one and the file had one. */
  position: Position | null;
}

/**
 * Strips what was received. The position is read from the original before stripping and coarsened at
 * once; the raw one is never kept. A video's staging file is removed if stripping fails.
 */
export async function stripUpload(
  received: Received,
  keepLocation: boolean,
  maxPixels: number,
): Promise<Stripped> {
  if (received.kind === 'image') {
    const raw = keepLocation ? await imagePosition(received.bytes) : null;
    const s = await stripImage(received.bytes, received.format, maxPixels);
    return {
      kind: 'image',
      contentType: s.contentType,
      ext: s.ext,
      bytes: s.bytes,
      path: null,
      size: s.bytes.length,
      thumbnail: s.thumbnail,
      width: s.width,
      height: s.height,
      durationMs: null,
      position: raw && coarsen(raw),
    };
  }
  try {
    const v = await stripVideoInPlace(received.path);
    const raw = keepLocation ? videoPosition(v.metadata) : null;
    return {
      kind: 'video',
      contentType: v.contentType,
      ext: v.ext,
      bytes: null,
      path: received.path,
      size: v.size,
      // A poster frame needs a video decoder, which the server does not carry: the owner's device may
      // give one afterwards (MediaService.setPoster).
      thumbnail: null,
      width: v.width,
      height: v.height,
      durationMs: v.durationMs,
      position: raw && coarsen(raw),
    };
  } catch (e) {
    await rm(received.path, { force: true });
    throw e;
  }
}
