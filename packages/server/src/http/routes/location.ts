import {
  CELL_PATH_PREFIX,
  locationAnswerSchema,
  MAX_NEAR_RADIUS_M,
  NEAR_PATH,
  radioRulesFor,
  radioRulesSchema,
  zoneFeatureSchema,
} from '@airlock/core';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AirspaceService } from '../../airspace/index.ts';
import type { Config } from '../../config/index.ts';
import { cellAnswer, clientAddress, nearAnswer } from '../../location/index.ts';
import type { RequestCounters } from '../../metrics/index.ts';
import type { IpCountryLookup } from '../../region-ip/index.ts';
import { coreSchema } from '../core-schema.ts';
import { HttpError } from '../http-error.ts';
import { type CachedBody, type ResponseCache, sendCached } from '../response-cache.ts';

export interface LocationDeps {
  config: Config;
  airspace: AirspaceService;
  cache: ResponseCache;
  counters: RequestCounters;
  ipCountry: () => Promise<IpCountryLookup>;
}

// Documented from core's wire schema (the SDK reads answers with it), its zone features spelled out:
// the SDK checks those one by one, so the parsing schema leaves them open.
const answerSchema = coreSchema(
  z.object({
    ...locationAnswerSchema.shape,
    zones: z.object({ type: z.literal('FeatureCollection'), features: z.array(zoneFeatureSchema) }),
  }),
);
const countryAnswerSchema = coreSchema(
  z.object({ countries: z.array(z.string()), source: z.enum(['ip', 'none']), radio: radioRulesSchema }),
);

const cached = {
  200: {
    content: { 'application/json': { schema: answerSchema } },
    description: 'zones, radio rules, version, cache lifetime',
  },
  304: { description: 'not modified' },
  400: { description: 'bad parameter, named in the message' },
};

/**
 * The location check. Nothing here keeps anything per request: the answers are functions of the public
 * cell (or the reported point) alone, cached in memory by that key; the only trace is a daily counter.
 */
export function registerLocationRoutes(app: OpenAPIHono, deps: LocationDeps): void {
  const { airspace, cache, config, counters } = deps;
  const maxAge = config.AIRLOCK_ZONES_MAX_AGE_S;
  const countCell = () => counters.count(`${CELL_PATH_PREFIX}:cellId`);

  app.openapi(
    createRoute({
      method: 'get',
      path: `${CELL_PATH_PREFIX}{cellId}`,
      tags: ['location check'],
      summary: 'Zones and radio rules for a public grid cell (the default, private mechanism)',
      description:
        'The device sends only the id of the ~22 km grid cell it is in. The answer holds every zone intersecting the cell grown by lookahead_max_m, so it is complete for any position in the cell; identical for every pilot there and cacheable.',
      request: { params: z.object({ cellId: z.string().max(20).openapi({ example: '687.1041' }) }) },
      responses: cached,
    }),
    (c) => {
      countCell();
      const { cellId } = c.req.valid('param');
      const key = `cell:${cellId}:${airspace.fingerprint}`;
      let entry: CachedBody;
      let until: string | undefined;
      try {
        entry = cache.get(key, () => {
          const answer = cellAnswer(
            airspace.index,
            cellId,
            airspace.fingerprint,
            airspace.loadedAt,
            maxAge,
            airspace,
          );
          until = answer.valid_until;
          return answer;
        });
      } catch (e) {
        throw new HttpError(400, 'invalid_cell', `parameter "cellId": ${(e as Error).message}`);
      }
      if (until) entry.notAfter = Date.parse(until);
      // Every pilot in the cell asks this same URL: indexed by it, a repeat skips validation and lookup
      // and still counts (the only trace of a check).
      return sendCached(c, cache, entry, maxAge, 'application/json', {
        generation: airspace.fingerprint,
        onHit: countCell,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: NEAR_PATH,
      tags: ['location check'],
      summary: 'Zones near a reported point (the reference mechanism, kept for comparison)',
      description:
        'The reference drone maker’s mechanism: the device reports a point moved by a fresh random offset of up to 10 km. Repeated checks average out; prefer the cell route.',
      request: {
        // All three required, as the route has always behaved; `required` is explicit because the
        // generator takes a coerced number (which reads null as 0) for an optional one.
        query: z.object({
          lon: z.coerce
            .number()
            .min(-180)
            .max(180)
            .openapi({ example: 6.91, param: { required: true } }),
          lat: z.coerce
            .number()
            .min(-90)
            .max(90)
            .openapi({ example: 46.43, param: { required: true } }),
          radius_m: z.coerce
            .number()
            .min(0)
            .max(MAX_NEAR_RADIUS_M)
            .openapi({ example: 15000, param: { required: true } }),
        }),
      },
      responses: cached,
    }),
    (c) => {
      counters.count(NEAR_PATH);
      const q = c.req.valid('query');
      const key = `near:${q.lon},${q.lat},${q.radius_m}:${airspace.fingerprint}`;
      let until: string | undefined;
      const entry = cache.get(key, () => {
        const answer = nearAnswer(
          airspace.index,
          q.lon,
          q.lat,
          q.radius_m,
          airspace.fingerprint,
          airspace.loadedAt,
          maxAge,
          airspace,
        );
        until = answer.valid_until;
        return answer;
      });
      if (until) entry.notAfter = Date.parse(until);
      return sendCached(c, cache, entry, maxAge, 'application/json');
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/location/country',
      tags: ['location check'],
      summary: 'Country and radio rules from the request’s IP address (last resort: no GPS, no MCC)',
      description: 'The address is looked up in an offline table and forgotten: never logged or stored.',
      responses: {
        200: {
          content: {
            'application/json': {
              schema: countryAnswerSchema,
            },
          },
          description: 'candidate country (empty when unknown) and the radio rules to apply',
        },
      },
    }),
    async (c) => {
      counters.count('/v1/location/country');
      const ip = clientAddress(c, config.AIRLOCK_TRUST_PROXY);
      const country = ip ? (await deps.ipCountry()).lookup(ip) : null;
      const countries = country ? [country] : [];
      c.header('Cache-Control', 'private, no-store');
      return c.json({
        countries,
        source: country ? ('ip' as const) : ('none' as const),
        radio: radioRulesFor(countries),
      });
    },
  );
}
