import { ZoneIndex } from '@airlock/core/geofence';
import { zonesToGeoJSON } from '@airlock/core/importers';
import {
  CELL_COVERAGE_MARGIN_M,
  CELL_PATH_PREFIX,
  cellCoverage,
  type LocationAnswerBody,
  NEAR_PATH,
  parseCellId,
} from '@airlock/core/location-privacy';
import { radioRulesFor } from '@airlock/core/radio';
import type { Zone } from '@airlock/core/zone';
import type { FetchInit, FetchLike, FetchResponseLike } from '../transport/index.ts';

/** One request the double received, as it arrived. */
export interface ReceivedRequest {
  url: string;
  path: string;
  init: FetchInit;
}

export interface FakeLocationServerOptions {
  zones: readonly Zone[];
  datasetVersion?: string;
  maxAgeS?: number;
  /** Countries every answer names; default ['CH']. */
  countries?: string[];
  /** What /v1/location/country answers; default none known. */
  ipCountries?: string[];
}

/** A fetch function that answers like the Airlock server's location routes, built from core functions. */
export interface FakeLocationServer {
  fetch: FetchLike;
  received: ReceivedRequest[];
  /** While true, every request rejects like fetch does without a network. */
  offline: boolean;
  /** When set, every location answer is this HTTP status with an error body. */
  failWith: number | null;
  datasetVersion: string;
  maxAgeS: number;
  setZones(zones: readonly Zone[]): void;
}

/**
 * A test double of the server's location check, as a fetch function: cells answer every zone
 * intersecting the cell grown by CELL_COVERAGE_MARGIN_M, `near` every zone within the radius, with
 * ETag, Cache-Control and 304 on If-None-Match, like packages/server/src/location.
 *
 * @example
 * const server = createFakeLocationServer({ zones });
 * const airlock = createAirlock({ serverUrl: 'https://airlock.test', fetch: server.fetch });
 */
export function createFakeLocationServer(options: FakeLocationServerOptions): FakeLocationServer {
  let index = ZoneIndex.build(options.zones);
  const countries = options.countries ?? ['CH'];
  const server: FakeLocationServer = {
    received: [],
    offline: false,
    failWith: null,
    datasetVersion: options.datasetVersion ?? 'v1',
    maxAgeS: options.maxAgeS ?? 3600,
    setZones(zones) {
      index = ZoneIndex.build(zones);
    },
    fetch: async (url, init) => {
      const parsed = new URL(url);
      const path = parsed.pathname + parsed.search;
      server.received.push({ url, path, init });
      if (server.offline) throw new TypeError('fetch failed');
      if (parsed.pathname === '/v1/location/country') {
        const ip = options.ipCountries ?? [];
        return json(200, { countries: ip, source: ip.length ? 'ip' : 'none', radio: radioRulesFor(ip) });
      }
      if (server.failWith !== null) return json(server.failWith, { error: { code: 'unavailable' } });
      const answer = answerFor(parsed);
      if (!answer) return json(404, { error: { code: 'not_found', message: path } });
      const etag = `"${server.datasetVersion}:${path}"`;
      const headers = { etag, 'cache-control': `public, max-age=${server.maxAgeS}` };
      if (init.headers['if-none-match'] === etag) return respond(304, '', headers);
      return respond(200, JSON.stringify(answer), { ...headers, 'content-type': 'application/json' });
    },
  };

  // Typed as core's wire schema, so this double cannot drift from what the server sends.
  function answerFor(url: URL): LocationAnswerBody | null {
    const common = {
      dataset_version: server.datasetVersion,
      generated_at: new Date(0).toISOString(),
      max_age_s: server.maxAgeS,
      countries,
      radio: radioRulesFor(countries),
    };
    if (url.pathname.startsWith(CELL_PATH_PREFIX)) {
      const cell = decodeURIComponent(url.pathname.slice(CELL_PATH_PREFIX.length));
      try {
        parseCellId(cell);
      } catch {
        return null;
      }
      const coverage = cellCoverage(cell, CELL_COVERAGE_MARGIN_M);
      const zones = [...new Set(coverage.flatMap(([w, s, e, n]) => index.inBBox(w, s, e, n)))];
      return {
        cell,
        coverage,
        lookahead_max_m: CELL_COVERAGE_MARGIN_M,
        ...common,
        zones: zonesToGeoJSON(zones),
      };
    }
    if (url.pathname === NEAR_PATH) {
      const lon = Number(url.searchParams.get('lon'));
      const lat = Number(url.searchParams.get('lat'));
      const radius = Number(url.searchParams.get('radius_m'));
      const zones = index.near(lon, lat, radius).map((h) => h.zone);
      return {
        query: { lon, lat, radius_m: radius },
        lookahead_max_m: Math.max(0, radius - 10_000),
        ...common,
        zones: zonesToGeoJSON(zones),
      };
    }
    return null;
  }
  return server;
}

function json(status: number, value: unknown): FetchResponseLike {
  return respond(status, JSON.stringify(value), { 'content-type': 'application/json' });
}

function respond(status: number, body: string, headers: Record<string, string>): FetchResponseLike {
  return {
    status,
    headers: {
      get: (name) => headers[name.toLowerCase()] ?? null,
      forEach: (callback) => {
        for (const [name, value] of Object.entries(headers)) callback(value, name);
      },
    },
    text: async () => body,
  };
}
