import { ZONE_PACK_TYPE } from '@airlock/core/zone-pack';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { RequestCounters } from '../../metrics/index.ts';
import { PackBusyError, type ZonePackService } from '../../zone-packs/index.ts';
import { errorBody } from '../http-error.ts';
import { rawHeader } from '../raw-request.ts';

export const ZONE_PACKS_PATH = '/v1/location/packs';
/** Max-age of a previous version sent while the new one builds. */
const STALE_MAX_AGE_S = 30;

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), status: z.number() }),
});
const keySchema = z
  .object({
    algorithm: z.literal('Ed25519'),
    key_id: z.string().openapi({ description: '16 hex digits: SHA-256 of the public key, first 8 bytes' }),
    public_key: z.string().openapi({ description: 'the raw 32-byte public key, base64url' }),
  })
  .openapi('ZonePackKey');

/**
 * Zone packs. Under /v1/location/ on purpose: a pack is the location check of a whole region, always
 * on, and the SDK's consent rules know it as one. The request is the pack id and the version the
 * device holds, the same bytes for every pilot in the region; the answer is signed in its body.
 */
export function registerZonePackRoutes(
  app: OpenAPIHono,
  deps: { packs: ZonePackService; counters: RequestCounters; maxAgeS: number },
): void {
  const { packs, counters } = deps;
  app.openapi(
    createRoute({
      method: 'get',
      path: `${ZONE_PACKS_PATH}/key`,
      tags: ['location check'],
      summary: 'The Ed25519 key zone packs are signed with',
      description:
        'Read it through the Oblivious HTTP gateway (its encryption authenticates the server) or pin it in the app; a device uses no pack whose signature does not verify with it.',
      responses: { 200: { content: { 'application/json': { schema: keySchema } }, description: 'the key' } },
    }),
    (c) => {
      counters.count(`${ZONE_PACKS_PATH}/key`);
      c.header('cache-control', 'public, max-age=86400');
      return c.json(
        {
          algorithm: 'Ed25519' as const,
          key_id: packs.key.keyId,
          public_key: Buffer.from(packs.key.publicKey).toString('base64url'),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${ZONE_PACKS_PATH}/{packId}`,
      tags: ['location check'],
      summary: 'A signed zone pack of a region, or the delta from the version the device holds',
      description:
        'packId: `world`, `country-CH`, or a 5° tile by its south-west corner, `tile-N45E005`. With `have` (the version held) the answer is a delta to the current version, or 304 when it is current; without it, or for a version no longer kept, the whole pack. While a new version builds, the previous one is answered with a short max-age; a pack asked for the first time while the build queue is full is a 503 with Retry-After. The body is application/vnd.airlock.zone-pack: "ALZP", format 1, key id, Ed25519 signature, JSON (docs/location-privacy.md).',
      request: {
        params: z.object({ packId: z.string().max(20).openapi({ example: 'tile-N45E005' }) }),
        query: z.object({
          have: z
            .string()
            .regex(/^[0-9a-f]{16}$/)
            .optional()
            .openapi({ description: 'the version the device holds' }),
        }),
      },
      responses: {
        200: {
          content: { [ZONE_PACK_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
          description: 'the sealed pack or delta',
        },
        304: { description: 'the version held is current' },
        400: {
          content: { 'application/json': { schema: errorSchema } },
          description: 'bad pack id or version',
        },
        404: {
          content: { 'application/json': { schema: errorSchema } },
          description: 'no zones for this pack',
        },
        503: {
          content: { 'application/json': { schema: errorSchema } },
          description: 'packs are being built and none is kept for this one yet: try again after Retry-After',
        },
      },
    }),
    async (c) => {
      counters.count(`${ZONE_PACKS_PATH}/:packId`);
      const { packId } = c.req.valid('param');
      const { have } = c.req.valid('query');
      let answer: Awaited<ReturnType<ZonePackService['answer']>>;
      try {
        answer = await packs.answer(packId, have);
      } catch (e) {
        if (!(e instanceof PackBusyError)) throw e;
        c.header('retry-after', String(e.retryAfterS));
        return c.json(errorBody(503, e.code, e.message), 503);
      }
      c.header('etag', `"${answer.version}"`);
      // The previous version while a new one builds: ask again soon.
      const maxAgeS = answer.stale ? Math.min(deps.maxAgeS, STALE_MAX_AGE_S) : deps.maxAgeS;
      c.header('cache-control', `public, max-age=${maxAgeS}`);
      c.header('vary', 'accept-encoding');
      if (answer.kind === 'current') return c.body(null, 304);
      c.header('content-type', ZONE_PACK_TYPE);
      if (/\bgzip\b/.test(rawHeader(c, 'accept-encoding') ?? '')) {
        c.header('content-encoding', 'gzip');
        return c.body(answer.body.gzip as Uint8Array<ArrayBuffer>, 200);
      }
      return c.body(answer.body.sealed as Uint8Array<ArrayBuffer>, 200);
    },
  );
}
