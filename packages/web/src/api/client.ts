import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi.gen.ts';

export type Pilot = components['schemas']['Pilot'];
export type FlightLog = components['schemas']['FlightLog'];
export type FlightTrack = components['schemas']['FlightTrack'];
export type FlightSeries = components['schemas']['FlightSeries'];
export type ApiPath = keyof paths;

/** Fired when the server says the session is gone (expired, revoked elsewhere): the console signs out. */
export const SIGNED_OUT_EVENT = 'airlock:signed-out';

/**
 * Cookie-authenticated writes must carry X-Airlock-CSRF (server: http/pilot-auth.ts): a cross-site
 * form or image cannot set a header, so the session cookie alone never changes anything.
 */
const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-Airlock-CSRF', '1');
    return request;
  },
  onResponse({ request, response }) {
    const signingIn = new URL(request.url).pathname === '/v1/sessions';
    // An operator request carries its own token: its 401 says nothing of the pilot's session.
    const operator = request.headers.has('authorization');
    if (response.status === 401 && !signingIn && !operator) dispatchEvent(new Event(SIGNED_OUT_EVENT));
    return response;
  },
};

/** The API, typed from the server's /openapi.json (openapi.gen.ts): a changed route breaks the build. */
export const api = createClient<paths>({ baseUrl: location.origin, credentials: 'same-origin' });
api.use(csrf);

/** The message of the API's error shape {"error":{"code","message","status"}}, else the HTTP status. */
export function errorText(error: unknown, response: Response): string {
  const message = (error as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string'
    ? message
    : `the server answered ${response.status} ${response.statusText}`;
}
