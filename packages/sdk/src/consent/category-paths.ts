import { TELEMETRY_PATHS } from '@airlock/core/telemetry';
import type { DataCategory } from '../transport/index.ts';

const TELEMETRY_PREFIX = '/v1/telemetry/';
const LOCATION_PREFIX = '/v1/location/';
/** The Oblivious HTTP gateway's keys, read through the relay before the first relayed check. */
const OHTTP_KEYS_PATH = '/.well-known/ohttp-gateway';

/** The path part of an absolute URL, without URL (React Native's lacks `pathname`). */
function pathOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url);
  return m ? m[1] || '/' : url;
}

/**
 * Why a request's path does not fit its declared category, or null. The category decides whether
 * consent lets a request out, so a request must not be able to dress up as another one: telemetry
 * goes only to its own endpoint, and the always-allowed location check only to location routes.
 * Matched on the path's end so that a server under a base path (`https://x/airlock`) works too.
 */
export function categoryPathMismatch(category: DataCategory, url: string): string | null {
  const path = pathOf(url);
  if (category === 'app_performance' || category === 'user_experience') {
    return path.endsWith(TELEMETRY_PATHS[category])
      ? null
      : `${category} data may only go to ${TELEMETRY_PATHS[category]}`;
  }
  if (path.includes(TELEMETRY_PREFIX)) return `telemetry endpoints take telemetry only, not ${category}`;
  if (category === 'location_check' && !path.includes(LOCATION_PREFIX) && path !== OHTTP_KEYS_PATH) {
    return `location_check requests may only go to ${LOCATION_PREFIX}…`;
  }
  return null;
}
