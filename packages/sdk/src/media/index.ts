/**
 * `@airlock/sdk/media`: share photos and videos one by one, and read on the device what a file says
 * (EXIF GPS, XMP drone tags, maker notes, MP4/MOV user data and keys, extra tracks) before it is sent.
 * Pass `createMedia` to `createAirlock` and `airlock.media` shares through the SDK's one transport;
 * without it, nothing in the SDK can send media.
 *
 * @example
 * import { createMedia, inspectMedia } from '@airlock/sdk/media';
 * const airlock = createAirlock({ serverUrl, auth: () => session.token, media: createMedia });
 * const seen = await airlock.media.inspect(file); // seen.found: [{ group: 'GPS', tag: 'GPSLatitude', ... }]
 * const shared = await airlock.media.share(file, { title: 'Dawn over the lake', licence: 'CC-BY-4.0' });
 *
 * @module @airlock/sdk/media
 */
export {
  type AirlockMedia,
  createMedia,
  type MediaDeps,
  type MediaLicence,
  type MediaShareOptions,
  type SharedItem,
  type ShareResult,
} from './create-media.ts';
export { inspectMedia, type MediaFormat, type MediaInput, type MediaInspection } from './inspect-media.ts';
export type { MetadataCategory, MetadataTag } from './media-tags.ts';
