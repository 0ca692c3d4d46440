import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AccountService } from '../../accounts/index.ts';
import { type FlightShares, SHARE_LOCATIONS, TRIM_RADIUS_M } from '../../flightlogs/index.ts';
import { HttpError } from '../http-error.ts';
import { requirePilot } from '../pilot-auth.ts';
import {
  flightLogSchema,
  idParam,
  NOT_FOUND,
  pilotSecurity,
  seriesSchema,
  trackSchema,
} from './flightlog-schemas.ts';

const DAY_S = 86_400;

const shareSchema = z
  .object({
    id: z.string(),
    flightlog_id: z.string(),
    location: z.enum(SHARE_LOCATIONS),
    created_at: z.string(),
    expires_at: z.string(),
  })
  .openapi('FlightShare');

const sharedFlightSchema = z
  .object({
    location: z.enum(SHARE_LOCATIONS),
    expires_at: z.string(),
    format: z.string(),
    summary: flightLogSchema.shape.summary.omit({ max_alt_amsl_m: true }),
    warnings: z.array(z.string()),
    track: trackSchema,
    series: seriesSchema,
  })
  .openapi('SharedFlight');

const shareParams = z.object({ id: z.string().max(100), shareId: z.string().max(100) });
const notFound = () => new HttpError(404, 'not_found', 'no such flight log');
const goneShare = () => new HttpError(404, 'not_found', 'no such share');

/**
 * Link shares of one flight log (the owner creates, lists and revokes them) and the public read of a
 * link. The public answer is the same 404 for a link that expired, was revoked or never existed.
 */
export function registerFlightLogShareRoutes(
  app: OpenAPIHono,
  deps: { accounts: AccountService; shares: FlightShares },
): void {
  const { accounts, shares } = deps;
  app.use('/v1/shared/*', async (c, next) => {
    await next();
    // The token is in the address: no cache may keep the page, no link out may carry it on.
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/flightlogs/{id}/shares',
      tags: ['flight logs'],
      summary: 'Share a flight by link, with an expiry and the location hidden',
      description: `location 'trim': nothing within ${TRIM_RADIUS_M} m of take-off and landing is shown; 'offset': the whole track moved by a secret vector (5–50 km) chosen per share. Either way no latitude, longitude or altitude AMSL channel is in the shared series. The token is in the answer once and never again.`,
      security: pilotSecurity,
      request: {
        params: idParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                expires_in_s: z
                  .number()
                  .int()
                  .min(60)
                  .max(365 * DAY_S),
                location: z.enum(SHARE_LOCATIONS),
              }),
            },
          },
        },
      },
      responses: {
        201: {
          content: {
            'application/json': {
              schema: z.object({
                share: shareSchema,
                token: z.string(),
                path: z.string().openapi({ description: 'the console page of the link' }),
              }),
            },
          },
          description: 'created',
        },
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const body = c.req.valid('json');
      const made = await shares.create(session.pilotId, c.req.valid('param').id, {
        expiresInS: body.expires_in_s,
        location: body.location,
      });
      if (!made) throw notFound();
      return c.json({ ...made, path: `/shared/${made.token}` }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/flightlogs/{id}/shares',
      tags: ['flight logs'],
      summary: "The flight's live and expired shares (never their tokens)",
      security: pilotSecurity,
      request: { params: idParam },
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ items: z.array(shareSchema) }) } },
          description: 'the shares',
        },
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const items = await shares.list(session.pilotId, c.req.valid('param').id);
      if (!items) throw notFound();
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/flightlogs/{id}/shares/{shareId}',
      tags: ['flight logs'],
      summary: 'Revoke a share: its link answers 404 at once',
      security: pilotSecurity,
      request: { params: shareParams },
      responses: { 204: { description: 'revoked' }, 404: { description: 'no such share among yours' } },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const { id, shareId } = c.req.valid('param');
      if (!(await shares.revoke(session.pilotId, id, shareId))) throw goneShare();
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/shared/{token}',
      tags: ['flight logs'],
      summary: 'A shared flight: summary, protected track and chart series (no account needed)',
      request: { params: z.object({ token: z.string().max(100) }) },
      responses: {
        200: { content: { 'application/json': { schema: sharedFlightSchema } }, description: 'the flight' },
        404: { description: 'expired, revoked or never existed (one answer for all)' },
      },
    }),
    async (c) => {
      const flight = await shares.read(c.req.valid('param').token);
      if (!flight) throw goneShare();
      return c.json(flight as z.infer<typeof sharedFlightSchema>, 200);
    },
  );
}
