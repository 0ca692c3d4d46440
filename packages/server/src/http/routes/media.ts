import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import rangeParser from 'range-parser';
import type { AccountService } from '../../accounts/index.ts';
import { MediaError, type MediaService, THUMBNAIL_TYPE } from '../../media/index.ts';
import { HttpError } from '../http-error.ts';
import { requirePilot } from '../pilot-auth.ts';
import { registerMediaModerationRoutes } from './media-moderation.ts';
import {
  binary,
  isMediaId,
  MEDIA_NOT_FOUND,
  mediaIdParam,
  mediaPageSchema,
  mediaSchema,
  pageQuery,
  pilotSecurity,
  shareQuery,
} from './media-schemas.ts';
import { registerMyMediaRoutes } from './my-media.ts';

export interface MediaRouteDeps {
  accounts: AccountService;
  media: MediaService;
  /** Throws unless the request carries the operator token (the moderation routes). */
  operator: (authorization: string | undefined) => void;
}

const notFound = () => new HttpError(404, 'not_found', 'no such shared item');

/**
 * Community media: a pilot shares one file per request (stripped on the server, always), lists and
 * deletes their shares; anyone lists and reads shared items, the stripped bytes with range requests.
 */
export function registerMediaRoutes(app: OpenAPIHono, deps: MediaRouteDeps): void {
  const { media } = deps;
  registerMyMediaRoutes(app, deps); // first: /v1/media/mine is not an item id
  registerMediaModerationRoutes(app, deps);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/media',
      tags: ['community media'],
      summary: 'Shared photos and videos, newest first',
      request: { query: pageQuery },
      responses: {
        200: { content: { 'application/json': { schema: mediaPageSchema } }, description: 'a page' },
      },
    }),
    async (c) => {
      // Revalidated on every use: an item hidden or deleted leaves every cached list at once.
      c.header('Cache-Control', 'no-cache');
      return c.json(await media.list(c.req.valid('query')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/media/{id}',
      tags: ['community media'],
      summary: 'One shared item',
      request: { params: mediaIdParam },
      responses: {
        200: { content: { 'application/json': { schema: mediaSchema } }, description: 'the item' },
        404: MEDIA_NOT_FOUND,
        451: { description: 'hidden by the operator after a report' },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const item = isMediaId(id) ? await media.get(id) : null;
      if (!item) throw notFound();
      c.header('Cache-Control', 'no-cache');
      return c.json(item, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/media/{id}/file',
      tags: ['community media'],
      summary: 'The stripped file (single byte ranges: 206; If-None-Match: 304)',
      request: { params: mediaIdParam },
      responses: {
        200: binary('the whole file'),
        206: binary('the requested range (Content-Range)'),
        304: { description: 'unchanged (the bytes of an id never change)' },
        404: MEDIA_NOT_FOUND,
        416: { description: 'the range lies outside the file' },
        451: { description: 'hidden by the operator after a report' },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = isMediaId(id) ? await media.file(id) : null;
      if (!found) throw notFound();
      const { row } = found;
      const etag = `"${row.id}"`;
      const headers: Record<string, string> = {
        'Content-Type': row.content_type,
        'Content-Disposition': `inline; filename="${row.id}.${row.ext}"`,
        'Accept-Ranges': 'bytes',
        ETag: etag,
        'Cache-Control': 'no-cache', // revalidate: a deleted item must stop being served at once
      };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      const size = row.file_bytes;
      let [start, end, status] = [0, size - 1, 200 as 200 | 206];
      const range = c.req.header('range');
      if (range && size > 0) {
        const parsed = rangeParser(size, range, { combine: true });
        if (parsed === -1) {
          c.header('Content-Range', `bytes */${size}`);
          throw new HttpError(416, 'range_not_satisfiable', `the file has ${size} bytes`);
        }
        // A malformed header, another unit or several ranges: the whole file, as RFC 9110 allows.
        if (parsed !== -2 && parsed.type === 'bytes' && parsed.length === 1) {
          [start, end, status] = [parsed[0].start, parsed[0].end, 206];
          headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
        }
      }
      headers['Content-Length'] = String(end - start + 1);
      // HEAD (answered by this GET route) and an empty file: headers only, no file opened.
      if (size === 0 || c.req.method === 'HEAD') return c.body(null, status, headers);
      const stream = await found.read(start, end);
      if (!stream) throw notFound(); // deleted between the row and the read
      return c.body(Readable.toWeb(stream) as ReadableStream, status, headers);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/media/{id}/thumbnail',
      tags: ['community media'],
      summary: "A small WebP of a shared photo, or a video's poster",
      request: { params: mediaIdParam },
      responses: {
        200: {
          content: { [THUMBNAIL_TYPE]: { schema: binary('').content['application/octet-stream'].schema } },
          description: 'at most 480 px on its longer side',
        },
        404: { description: 'no such item, or a video without a poster' },
        451: { description: 'hidden by the operator after a report' },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const bytes = isMediaId(id) ? await media.thumbnail(id) : null;
      if (!bytes) throw notFound();
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': THUMBNAIL_TYPE,
        'Cache-Control': 'no-cache',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/media',
      tags: ['community media'],
      summary: 'Share one photo or video (stripped on the server before anything is stored)',
      description:
        'Body: the file as it is (any Content-Type; the format is read from the bytes). JPEG, PNG, WebP and AVIF photos lose every metadata block (EXIF, XMP, IPTC, ICC, maker notes, previews) after their orientation is applied; MP4/MOV videos keep only their picture and sound tracks, with times zeroed (no re-encoding). The original is never stored. HEIC (HEVC) photos, subtitle/telemetry sidecars (.SRT) and other types: 415; damaged files: 422; over the size cap or the quota: 413; too many shares in an hour: 429.',
      security: pilotSecurity,
      request: { query: shareQuery, body: { ...binary('the photo or video'), required: true } },
      responses: {
        201: { content: { 'application/json': { schema: mediaSchema } }, description: 'shared' },
        400: { description: 'empty body or bad parameters' },
        413: { description: 'over the size cap for its type, or over your quota' },
        415: { description: 'not a photo or video this server shares' },
        422: { description: 'damaged or cut-short file' },
        429: { description: 'too many shares in the last hour (Retry-After)' },
      },
    }),
    async (c) => {
      const session = await requirePilot(c, deps.accounts);
      const q = c.req.valid('query');
      const declared = Number(c.req.header('content-length') ?? Number.NaN);
      // Under Node the request itself is read: ~20% faster than its web-stream wrapper for a 1 GB video.
      const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      try {
        const item = await media.share(
          session.pilotId,
          incoming ?? c.req.raw.body,
          Number.isFinite(declared) ? declared : undefined,
          {
            title: q.title,
            licence: q.licence,
            keepLocation: q.keep_location,
          },
        );
        c.header('Location', `/v1/media/${item.id}`);
        return c.json(item, 201);
      } catch (e) {
        // The unread rest of a refused body would be parsed as the next request on a kept-alive socket.
        c.header('Connection', 'close');
        if (e instanceof MediaError && e.retryAfterS) c.header('Retry-After', String(e.retryAfterS));
        throw e;
      }
    },
  );
}
