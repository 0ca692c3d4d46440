import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { HttpError } from '../http-error.ts';
import { requirePilot } from '../pilot-auth.ts';
import type { MediaRouteDeps } from './media.ts';
import {
  isMediaId,
  MEDIA_NOT_FOUND,
  mediaIdParam,
  mediaPageSchema,
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
}
