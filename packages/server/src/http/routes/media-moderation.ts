import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { DECISIONS, REPORT_REASONS } from '../../media/index.ts';
import { HttpError } from '../http-error.ts';
import { requirePilot } from '../pilot-auth.ts';
import type { MediaRouteDeps } from './media.ts';
import { isMediaId, MEDIA_NOT_FOUND, mediaIdParam, mediaSchema, pilotSecurity } from './media-schemas.ts';

const reportBody = z.object({
  reason: z.enum(REPORT_REASONS),
  note: z
    .string()
    .trim()
    .max(500)
    .refine((s) => !s.includes('\0') && !/\p{Cs}/u.test(s), 'must be valid Unicode without NUL characters')
    .optional()
    .openapi({ description: 'what the operator should know; never shown to the owner or anyone else' }),
});
const queueSchema = z
  .object({
    items: z.array(
      z.object({
        item: mediaSchema,
        reports: z.array(
          z.object({ reason: z.enum(REPORT_REASONS), note: z.string().nullable(), reported_on: z.string() }),
        ),
      }),
    ),
  })
  .openapi('MediaReportQueue');
const operatorSecurity = [{ operatorToken: [] }];
const HIDDEN = { description: 'hidden by the operator after a report' };
const notFound = () => new HttpError(404, 'not_found', 'no such shared item');

/** Reports by signed-in pilots; the operator's queue and decisions (hide, restore, dismiss, remove). */
export function registerMediaModerationRoutes(app: OpenAPIHono, deps: MediaRouteDeps): void {
  const { media, operator } = deps;
  // Before the routes' validators: without the operator token, nothing about the request is looked at.
  app.use('/v1/admin/media/*', async (c, next) => {
    operator(c.req.header('authorization'));
    await next();
  });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/media/{id}/reports',
      tags: ['community media'],
      summary: 'Report a shared item to the operator (one report per pilot and item; a new one replaces it)',
      security: pilotSecurity,
      request: {
        params: mediaIdParam,
        body: { content: { 'application/json': { schema: reportBody } }, required: true },
      },
      responses: {
        201: {
          content: { 'application/json': { schema: z.object({ reported: z.literal(true) }) } },
          description: 'the operator will see it',
        },
        404: MEDIA_NOT_FOUND,
        451: HIDDEN,
      },
    }),
    async (c) => {
      const session = await requirePilot(c, deps.accounts);
      const { id } = c.req.valid('param');
      const { reason, note } = c.req.valid('json');
      if (!isMediaId(id) || !(await media.moderation.report(session.pilotId, id, reason, note || null)))
        throw notFound();
      return c.json({ reported: true as const }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/media/reports',
      tags: ['operator'],
      summary: 'Items with open reports, the longest-waiting first (operator); never who reported',
      security: operatorSecurity,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: { content: { 'application/json': { schema: queueSchema } }, description: 'queue' } },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await media.moderation.queue(c.req.valid('query').limit) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/admin/media/{id}/decision',
      tags: ['operator'],
      summary:
        'Decide on an item (operator): hide (451 everywhere at once), restore, dismiss the reports, or remove it',
      description:
        'Every decision closes the open reports. remove deletes the item like its owner would: the file, the thumbnail and the row, with the row residue erased.',
      security: operatorSecurity,
      request: {
        params: mediaIdParam,
        body: {
          content: { 'application/json': { schema: z.object({ decision: z.enum(DECISIONS) }) } },
          required: true,
        },
      },
      responses: { 204: { description: 'done' }, 404: MEDIA_NOT_FOUND },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!isMediaId(id) || !(await media.moderation.decide(id, c.req.valid('json').decision)))
        throw notFound();
      return c.body(null, 204);
    },
  );
}
