import type { Transport } from '../transport/index.ts';
import { bytesOf, inspectBytes, type MediaInput, type MediaInspection } from './inspect-media.ts';

/**
 * Licences the server offers; the default grants nothing but viewing in the gallery.
 *
 * @example
 * const licence: MediaLicence = 'CC-BY-4.0';
 * await airlock.media!.share(file, { title: 'Dawn over the lake', licence });
 */
export type MediaLicence = 'all-rights-reserved' | 'CC-BY-4.0' | 'CC-BY-SA-4.0' | 'CC-BY-NC-4.0' | 'CC0-1.0';

/**
 * Options of one share: whether to keep the position (coarsened by the server to a ~1 km cell), a
 * title and a licence.
 *
 * @example
 * const options: MediaShareOptions = { keepLocation: false, title: 'Dawn over the lake', licence: 'CC-BY-4.0' };
 * const result = await airlock.media!.share(file, options);
 */
export interface MediaShareOptions {
  /** Keep the position, coarsened by the server to a ~1 km cell; default false (no position at all). */
  keepLocation?: boolean;
  title?: string;
  licence?: MediaLicence;
  /**
   * For a video: a frame the app decoded (e.g. drawn from a <video> to a canvas, or the camera's
   * thumbnail), sent after the video as its poster. The server decodes no video; it strips this image
   * like any photo and keeps only a small thumbnail of it.
   */
  poster?: MediaInput;
  /**
   * How long the upload may take, ms; default 15 s plus a second per 32 KB (a 256 kbit/s uplink), so
   * a large video is not cut off by the transport's default meant for small requests.
   */
  timeoutMs?: number;
}

/**
 * The shared item as the server published it (GET /v1/media/{id}).
 *
 * @example
 * const { item } = await airlock.media!.share(file, { title: 'Dawn over the lake' });
 * if (item) show((item as SharedItem).file_url, item.thumbnail_url, item.location);
 */
export interface SharedItem {
  id: string;
  kind: 'image' | 'video';
  title: string | null;
  licence: MediaLicence;
  bytes: number;
  shared_on: string;
  location: { lat: number; lon: number; precision_m: number } | null;
  file_url: string;
  thumbnail_url: string | null;
}

/**
 * What `media.share` resolves to: the HTTP status, what the file held and what was removed, and the
 * published item. Never a rejection.
 *
 * @example
 * const result: ShareResult = await airlock.media!.share(file, { licence: 'CC0-1.0' });
 * if (!result.ok) toast(result.error ?? `not shared (${result.status})`);
 */
export interface ShareResult {
  ok: boolean;
  /** HTTP status; 0 when nothing was sent (not signed in, not shareable, offline, vetoed). */
  status: number;
  /** What the file held and what the server removed, read on the device before sending. */
  inspection: MediaInspection;
  item: SharedItem | null;
  error?: string;
  /** How sending the poster went, when one was given for a video. */
  poster?: { ok: boolean; status: number; error?: string };
}

/**
 * `airlock.media`: inspect a file on the device, share one item per call.
 *
 * @example
 * const airlock = createAirlock({ serverUrl, auth: () => session.token, media: createMedia });
 * const media: AirlockMedia = airlock.media!;
 * const seen = await media.inspect(file);
 * if (await confirmWithPilot(seen.removed)) await media.share(file, { title: 'Dawn over the lake' });
 */
export interface AirlockMedia {
  inspect(file: MediaInput, options?: Pick<MediaShareOptions, 'keepLocation'>): Promise<MediaInspection>;
  share(file: MediaInput, options?: MediaShareOptions): Promise<ShareResult>;
}

/**
 * What `createMedia` is given by `createAirlock`: the SDK's one transport and the pilot's session token.
 *
 * @example
 * const media = createMedia({ transport, auth: () => session.token } satisfies MediaDeps);
 */
export interface MediaDeps {
  /** The SDK's one transport: the share is recorded in the ledger like every request. */
  transport: Transport;
  /** The pilot's session token, or null when signed out. */
  auth: () => string | null | undefined | Promise<string | null | undefined>;
}

/**
 * Media sharing: the only code in the SDK that sends a photo or video, one item per explicit call
 * (`userAction`, which the consent gate requires for the media category). The server strips every
 * file whatever the SDK did; the SDK's part is to show the pilot, first, what the file says.
 *
 * @example
 * import { createMedia } from '@airlock/sdk/media';
 * const airlock = createAirlock({ serverUrl, auth: () => session.token, media: createMedia });
 * const shared = await airlock.media!.share(file, { title: 'Dawn over the lake', licence: 'CC-BY-4.0' });
 */
export function createMedia(deps: MediaDeps): AirlockMedia {
  return {
    async inspect(file, options = {}) {
      return inspectBytes(await bytesOf(file), options);
    },
    async share(file, options = {}) {
      const bytes = await bytesOf(file).catch(() => new Uint8Array(0));
      const inspection = inspectBytes(bytes, options);
      const fail = (error: string, status = 0): ShareResult => ({
        ok: false,
        status,
        inspection,
        item: null,
        error,
      });
      if (bytes.length === 0) return fail('the file is empty or could not be read');
      if (!inspection.shareable)
        return fail(
          `${inspection.format === 'heic' ? 'HEIC photos' : 'this file type'} cannot be shared: JPEG, PNG, WebP, AVIF, MP4 or MOV`,
        );
      let token: string | null | undefined;
      try {
        token = await deps.auth();
      } catch (error) {
        return fail(`auth: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!token) return fail('not signed in: no session token');
      const query = new URLSearchParams({ keep_location: String(options.keepLocation === true) });
      if (options.licence) query.set('licence', options.licence);
      if (options.title) query.set('title', options.title);
      const res = await deps.transport.send({
        category: 'media',
        method: 'POST',
        path: `/v1/media?${query}`,
        body: bytes,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        userAction: true,
        timeoutMs: options.timeoutMs ?? 15_000 + Math.ceil(bytes.length / 32),
      });
      if (!res.ok)
        return fail(res.error ?? errorOf(res.body) ?? `the server answered ${res.status}`, res.status);
      let item: SharedItem;
      try {
        item = JSON.parse(res.body) as SharedItem;
      } catch {
        return fail('the server answered with something that is not JSON', res.status);
      }
      const shared: ShareResult = { ok: true, status: res.status, inspection, item };
      if (options.poster === undefined || item.kind !== 'video') return shared;
      const poster = await deps.transport.send({
        category: 'media',
        method: 'PUT',
        path: `/v1/media/${encodeURIComponent(item.id)}/poster`,
        body: await bytesOf(options.poster),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        userAction: true,
      });
      shared.poster = poster.ok
        ? { ok: true, status: poster.status }
        : { ok: false, status: poster.status, error: poster.error ?? errorOf(poster.body) ?? 'refused' };
      try {
        if (poster.ok) shared.item = JSON.parse(poster.body) as SharedItem;
      } catch {
        // The video is shared either way; the item without its poster is still the right item.
      }
      return shared;
    },
  };
}

function errorOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } };
    return parsed.error?.message;
  } catch {
    return undefined;
  }
}
