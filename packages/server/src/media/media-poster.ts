import { MediaError, unsupported } from './media-error.ts';
import { sniff } from './sniff.ts';
import { stripImage } from './strip-image.ts';

/**
 * A video's poster, from a frame the pilot's device decoded (the server carries no video decoder: no
 * npm package decodes H.264 Main/High or HEVC in-process, and FFmpeg is not part of the product). It
 * is handled as any shared photo: read by its bytes, decoded and written anew by sharp, so nothing the
 * device put in it (EXIF, XMP, a maker note) survives; only the small WebP thumbnail is kept.
 */
export async function posterFrom(bytes: Buffer, maxBytes: number, maxPixels: number): Promise<Buffer> {
  if (bytes.length === 0) throw new MediaError('empty_file', 'the poster is empty');
  if (bytes.length > maxBytes)
    throw new MediaError('too_large', `a poster may have at most ${maxBytes} bytes`);
  const what = sniff(bytes.subarray(0, 64));
  if (what.kind !== 'image' || what.format === 'heic')
    throw unsupported('a poster is a JPEG, PNG, WebP or AVIF image');
  return (await stripImage(bytes, what.format, maxPixels)).thumbnail;
}
