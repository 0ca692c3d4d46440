import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AccountService, PilotSession } from '../accounts/index.ts';
import { HttpError } from './http-error.ts';

/** `__Host-`: only set by this host over HTTPS (or localhost), path `/`, never shared with subdomains. */
export const SESSION_COOKIE = '__Host-airlock_session';
/** Cookie-authenticated writes must carry this header: a cross-site form or image cannot set it. */
export const CSRF_HEADER = 'X-Airlock-CSRF';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthenticatedPilot extends PilotSession {
  via: 'bearer' | 'cookie';
}

/**
 * The pilot making the request: a bearer token (the SDK) or the session cookie (the web console).
 * Cookie-authenticated state changes need the CSRF header besides SameSite=Strict, because SameSite
 * alone leaves older browsers and same-site subdomains open.
 */
export async function requirePilot(c: Context, accounts: AccountService): Promise<AuthenticatedPilot> {
  const header = c.req.header('authorization');
  let token: string | undefined;
  let via: AuthenticatedPilot['via'] = 'bearer';
  if (header?.toLowerCase().startsWith('bearer ')) token = header.slice(7).trim();
  else {
    token = getCookie(c, SESSION_COOKIE);
    via = 'cookie';
  }
  const session = token ? await accounts.authenticate(token) : null;
  if (!session) {
    c.header('WWW-Authenticate', 'Bearer realm="airlock"');
    throw new HttpError(401, 'unauthorized', 'sign in first: no valid session token or cookie');
  }
  if (via === 'cookie' && !SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== '1')
    throw new HttpError(
      403,
      'csrf',
      `cookie-authenticated ${c.req.method} requests need the header ${CSRF_HEADER}: 1`,
    );
  return { ...session, via };
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
}
