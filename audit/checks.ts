// What each captured request is allowed to carry, given the settings in force when it crossed.
import { TELEMETRY_PATHS } from '@airlock/core';
import {
  type CapturedRequest,
  coordinatePatterns,
  GENERIC_LEAKS,
} from '../packages/server/src/telemetry-privacy/wire-capture.ts';
import { flightLogViolations } from './flight-log-checks.ts';
import { isUniformRequest, locationViolations } from './location-checks.ts';
import { DEVICE_IDS, PILOT_EMAIL, PLACES, track } from './places.ts';
import { type InForce, SWITCHABLE, type Switchable } from './session.ts';

export type WireCategory = Switchable | 'location_check' | 'flight_logs' | 'unknown';

export function categoryOf(path: string): WireCategory {
  if (path === TELEMETRY_PATHS.app_performance) return 'app_performance';
  if (path === TELEMETRY_PATHS.user_experience) return 'user_experience';
  if (path.startsWith('/v1/location/')) return 'location_check';
  if (path.startsWith('/v1/flightlogs')) return 'flight_logs';
  return 'unknown';
}

/** What marks a body as one category's data, whatever path it went to. */
const CONTENT_OF: Record<Switchable, RegExp> = {
  app_performance: /"events"\s*:/,
  user_experience: /"flights"\s*:/,
};
export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Precise positions of the scenarios, in every textual form a coordinate could take. */
export const SCENARIO_POSITIONS: Array<[string, RegExp]> = [
  ...PLACES,
  ...track().filter((_, i) => i % 20 === 0),
]
  .flatMap((p) => coordinatePatterns(p.lon, p.lat))
  .map((re) => ['a scenario position', re]);
export const DEVICE_ID_PATTERNS: Array<[string, RegExp]> = DEVICE_IDS.map((id) => [
  'a device identifier',
  new RegExp(escapeRe(id), 'i'),
]);
const NOT_POSITIONS: Array<[string, RegExp]> = [
  ...GENERIC_LEAKS,
  ['the pilot e-mail', new RegExp(escapeRe(PILOT_EMAIL))],
  ...DEVICE_ID_PATTERNS,
];
const IDENTIFYING_HEADERS = ['cookie', 'authorization', 'x-device-id', 'x-install-id', 'x-session-id'];

/** Why the request was not allowed (empty when it was). */
export function violations(w: CapturedRequest, state: InForce): string[] {
  const out: string[] = [];
  const [path, query] = w.url.split('?');
  const category = categoryOf(path);
  const body = w.body.toString('utf8');
  if (state.offline) out.push('sent while the app was offline');
  if (category === 'unknown') out.push(`an endpoint no setting allows: ${path}`);
  if ((category === 'app_performance' || category === 'user_experience') && !state.on[category])
    out.push(`${category} was off`);
  for (const c of SWITCHABLE) {
    if (CONTENT_OF[c].test(body) && category !== c) out.push(`${c} data sent to ${path}`);
    if (CONTENT_OF[c].test(body) && !state.on[c]) out.push(`${c} data while ${c} was off`);
  }
  if (category === 'location_check') out.push(...locationViolations(path, query, w.body, state));
  if (category === 'flight_logs') out.push(...flightLogViolations(w, path, query, state));
  for (const h of IDENTIFYING_HEADERS) {
    // The session token goes with Sync only: telemetry and location checks stay anonymous signed in.
    if (w.headers[h] !== undefined && !(h === 'authorization' && category === 'flight_logs'))
      out.push(`identifying header ${h}`);
  }
  // Only a synced flight log may carry positions (the pilot asked for exactly that), and a uniform
  // check its offset point (judged by distance above, not by its digits).
  if (category !== 'flight_logs') {
    const text = isUniformRequest(path, state) ? `${path}\n${body}` : `${w.url}\n${body}`;
    for (const [what, re] of [...NOT_POSITIONS, ...SCENARIO_POSITIONS])
      if (re.test(text)) out.push(`carries ${what}`);
    if (category !== 'location_check' && /"(?:\w*_)?(?:id|uuid|session|install|cookie|user)"\s*:/i.test(body))
      out.push('carries an identifier field');
  }
  return [...new Set(out)].sort();
}

/** Bytes a request put on the wire that matter here: request line target and body. */
export const requestBytes = (w: CapturedRequest) => Buffer.byteLength(`${w.method} ${w.url}`) + w.body.length;
