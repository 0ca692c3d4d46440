import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { HttpError } from '../http-error.ts';
import { requirePilot } from '../pilot-auth.ts';
import type { MediaRouteDeps } from './media.ts';
import {
  binary,
  isMediaId,
  MEDIA_NOT_FOUND,
  mediaIdParam,
  mediaPageSchema,
  mediaSchema,
  pageQuery,
  pilotSecurity,
  profileSchema,
} from './media-schemas.ts';

/** The signed-in pilot's own shares: list and delete; the public name they are credited with. */
export function registerMyMediaRoutes(app: OpenAPIHono, { accounts, media }: MediaRouteDeps): void {
  const profile = { content: { 'application/json': { schema: profileSchema } } };
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/media/profile',
      tags: ['community media'],
      summary: 'The name your shares are credited with (null: none)',
      security: pilotSecurity,
      responses: { 200: { ...profile, description: 'yours' } },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      c.header('Cache-Control', 'no-store');
      return c.json({ public_name: await media.publicName(session.pilotId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/media/profile',
      tags: ['community media'],
      summary: 'Set or remove (null) the name shown under every one of your shares',
      security: pilotSecurity,
      request: { body: { ...profile, required: true } },
      responses: { 200: { ...profile, description: 'saved' } },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const { public_name } = c.req.valid('json');
      await media.setPublicName(session.pilotId, public_name);
      return c.json({ public_name }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/media/mine',
      tags: ['community media'],
      summary: 'Your shares, newest first',
      security: pilotSecurity,
      request: { query: pageQuery },
      responses: {
        200: { content: { 'application/json': { schema: mediaPageSchema } }, description: 'a page' },
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      c.header('Cache-Control', 'no-store');
      return c.json(await media.list({ ...c.req.valid('query'), pilotId: session.pilotId }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/media/{id}',
      tags: ['community media'],
      summary: 'Delete one of your shares: the file, its thumbnail and its row, at once',
      security: pilotSecurity,
      request: { params: mediaIdParam },
      responses: {
        204: { description: 'deleted' },
        404: { description: `${MEDIA_NOT_FOUND.description} among yours` },
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const { id } = c.req.valid('param');
      if (!isMediaId(id) || !(await media.delete(session.pilotId, id)))
        throw new HttpError(404, 'not_found', 'no such shared item among yours');
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/media/{id}/poster',
      tags: ['community media'],
      summary: 'Give one of your videos a poster: a frame your device decoded, stripped like any photo',
      description:
        'The server decodes no video, so a poster frame comes from the device (the SDK: share(file, { poster })). The image is read by its bytes, decoded and written anew as a small WebP thumbnail: nothing of its metadata survives. A photo has its own thumbnail (409).',
      security: pilotSecurity,
      request: {
        params: mediaIdParam,
        body: { ...binary('a JPEG, PNG, WebP or AVIF frame'), required: true },
      },
      responses: {
        200: {
          content: { 'application/json': { schema: mediaSchema } },
          description: 'the item, with its poster',
        },
        404: { description: `${MEDIA_NOT_FOUND.description} among yours` },
        409: { description: 'not a video' },
        413: { description: 'over the photo size cap, or over your quota' },
        415: { description: 'not an image this server decodes' },
        422: { description: 'a damaged image' },
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const { id } = c.req.valid('param');
      const body = Buffer.from(await c.req.arrayBuffer());
      const item = isMediaId(id) ? await media.setPoster(session.pilotId, id, body) : null;
      if (!item) throw new HttpError(404, 'not_found', 'no such shared item among yours');
      return c.json(item, 200);
    },
  );
}
