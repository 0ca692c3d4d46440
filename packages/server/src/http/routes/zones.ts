import { ZONE_CATEGORIES, zoneFeatureSchema } from '@airlock/core';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppContext } from '../app-context.ts';
import { coreSchema } from '../core-schema.ts';
import { HttpError } from '../http-error.ts';
import { sendCached } from '../response-cache.ts';

/** Largest bbox side, degrees: beyond it answers get too big for one response; use tiles. */
export const MAX_BBOX_SPAN_DEG = 5;
export const MIN_TILE_ZOOM = 7;
export const MAX_TILE_ZOOM = 22;

// Documented from core's zone Feature schema (what zoneToFeature writes and the importers read back).
const featureCollection = coreSchema(
  z
    .object({ type: z.literal('FeatureCollection'), features: z.array(zoneFeatureSchema) })
    .describe(
      'GeoJSON FeatureCollection: one Feature per zone; properties carry id, name, category, lower/upper limits, source, licence, dataset and applicability. Circles are written as polygons with `circle: {center, radius_m}` kept in the properties.',
    ),
);

const bboxQuery = z.object({
  bbox: z
    .string()
    .max(200)
    .openapi({ example: '8.4,47.3,8.7,47.5', description: 'west,south,east,north in degrees (WGS 84)' }),
  category: z.enum(ZONE_CATEGORIES).optional().openapi({ description: 'only zones of this category' }),
});

const tileParams = z.object({
  z: z.coerce.number().int().min(MIN_TILE_ZOOM).max(MAX_TILE_ZOOM).openapi({ example: 10 }),
  // Explicitly required: the generator reads a coerced number that takes null (as 0) as optional.
  x: z.coerce
    .number()
    .int()
    .min(0)
    .openapi({ example: 536, param: { required: true } }),
  y: z
    .string()
    .regex(/^\d+(\.geojson)?$/, 'must be a tile row number')
    .openapi({ example: '358' }),
});

const geojsonResponse = {
  200: { content: { 'application/geo+json': { schema: featureCollection } }, description: 'the zones' },
  304: { description: 'not modified (ETag matched)' },
  400: { description: 'a bad parameter, named in the error message' },
};

/** Parses "W,S,E,N" strictly; the error names the parameter and what is wrong with it. */
export function parseBBox(raw: string): [number, number, number, number] {
  const parts = raw.split(',');
  if (parts.length !== 4)
    throw new HttpError(
      400,
      'invalid_bbox',
      `parameter "bbox" must be west,south,east,north; got ${parts.length} values`,
    );
  const nums = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (nums.some((n) => !Number.isFinite(n)))
    throw new HttpError(400, 'invalid_bbox', 'parameter "bbox": every value must be a number');
  const [w, s, e, n] = nums;
  if (w < -180 || w > 180 || e < -180 || e > 180)
    throw new HttpError(400, 'invalid_bbox', 'parameter "bbox": longitudes must be within -180..180');
  if (s < -90 || n > 90 || s > n)
    throw new HttpError(
      400,
      'invalid_bbox',
      'parameter "bbox": latitudes must be within -90..90 with south <= north',
    );
  const span = e >= w ? e - w : e + 360 - w;
  // With a little slack: 13.123 - 8.123 is 5.000000000000001 in floating point, and a box of exactly
  // the largest size must not be refused by rounding.
  const max = MAX_BBOX_SPAN_DEG + 1e-9;
  if (span > max || n - s > max) {
    throw new HttpError(
      400,
      'bbox_too_large',
      `parameter "bbox": at most ${MAX_BBOX_SPAN_DEG}° on a side; use /v1/zones/tiles for larger areas`,
    );
  }
  return [w, s, e, n];
}

export function registerZoneRoutes(app: OpenAPIHono, ctx: AppContext): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/zones',
      tags: ['airspace'],
      summary: 'Zones intersecting a bounding box',
      request: { query: bboxQuery },
      responses: geojsonResponse,
    }),
    (c) => {
      const q = c.req.valid('query');
      const [w, s, e, n] = parseBBox(q.bbox);
      const key = `bbox:${w},${s},${e},${n}:${q.category ?? ''}:${ctx.airspace.fingerprint}`;
      let until: number | undefined;
      const entry = ctx.cache.getText(key, () => {
        const zones = ctx.airspace
          .liveZones(ctx.airspace.index.inBBox(w, s, e, n))
          .filter((z) => !q.category || z.category === q.category);
        until = ctx.airspace.lifetime(zones, ctx.config.AIRLOCK_ZONES_MAX_AGE_S).notAfter;
        return ctx.cache.features.featureCollection(zones);
      });
      if (until !== undefined) entry.notAfter = until;
      return sendCached(c, ctx.cache, entry, ctx.config.AIRLOCK_ZONES_MAX_AGE_S, undefined, {
        generation: ctx.airspace.fingerprint,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/zones/tiles/{z}/{x}/{y}',
      tags: ['airspace'],
      summary: 'Zones intersecting a Web Mercator tile',
      description: `Zoom ${MIN_TILE_ZOOM}..${MAX_TILE_ZOOM}. The answer is cacheable (ETag, Cache-Control) and the same for every client.`,
      request: { params: tileParams },
      responses: geojsonResponse,
    }),
    (c) => {
      const p = c.req.valid('param');
      const y = Number.parseInt(p.y, 10);
      const max = 2 ** p.z;
      if (p.x >= max)
        throw new HttpError(400, 'invalid_tile', `parameter "x" must be below ${max} at zoom ${p.z}`);
      if (y >= max)
        throw new HttpError(400, 'invalid_tile', `parameter "y" must be below ${max} at zoom ${p.z}`);
      const generation = ctx.airspace.fingerprint;
      const key = `tile:${p.z}/${p.x}/${y}:${generation}`;
      // Restrictions that have ended are left out, and the answer is not cached past the next end.
      let until: number | undefined;
      const entry = ctx.cache.getText(key, () => {
        const zones = ctx.airspace.liveZones(ctx.airspace.index.inTile(p.z, p.x, y));
        until = ctx.airspace.lifetime(zones, ctx.config.AIRLOCK_ZONES_MAX_AGE_S).notAfter;
        return ctx.cache.features.featureCollection(zones);
      });
      if (until !== undefined) entry.notAfter = until;
      // Indexed by URL too: a map asks for the same tiles over and over (see answerFromUrlCache).
      return sendCached(c, ctx.cache, entry, ctx.config.AIRLOCK_ZONES_MAX_AGE_S, undefined, { generation });
    },
  );
}
