import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Redis } from 'ioredis';
import {
  AccountError,
  type AccountService,
  ClientLimits,
  PASSWORD_MAX,
  PASSWORD_MIN,
  textProblem,
} from '../../accounts/index.ts';
import type { Config } from '../../config/index.ts';
import { clientAddress } from '../../location/index.ts';
import { HttpError } from '../http-error.ts';
import { clearSessionCookie, requirePilot, setSessionCookie } from '../pilot-auth.ts';

export interface AccountRouteDeps {
  accounts: AccountService;
  config: Config;
  /** REDIS_URL's client: per-client limits shared by every server (see ClientLimits). */
  redis?: Redis;
}

/** A string the database, a hash and a log can take as it is: well-formed Unicode without NUL. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((s, ctx) => {
      const problem = textProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
const email = text(254).openapi({ example: 'pilot@example.org' });
// The limit is in code points (checked by the service); zod counts UTF-16 units, so allow for pairs.
const password = text(PASSWORD_MAX * 2).openapi({
  description: `${PASSWORD_MIN}–${PASSWORD_MAX} characters; no composition rules, any Unicode (compared in NFKC form); common passwords are refused`,
});
const pilotSchema = z
  .object({ id: z.string(), email: z.string(), created_on: z.string().openapi({ description: 'day only' }) })
  .openapi('Pilot');
const json = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});
const bearer = [{ pilotSession: [] }];

const STATUS = {
  invalid_email: 400,
  weak_password: 400,
  email_taken: 409,
  wrong_credentials: 401,
  too_many_attempts: 429,
  too_many_requests: 429,
  busy: 429,
  no_such_pilot: 401,
} as const;

/** Runs an account operation, turning its refusals into the API's error shape (429 with Retry-After). */
async function guarded<T>(c: Context, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof AccountError)) throw e;
    if (e.retryAfterS !== undefined) c.header('Retry-After', String(e.retryAfterS));
    throw new HttpError(STATUS[e.code], e.code, e.message);
  }
}

/** Sign-up, sign-in/out, password change, account deletion and the data export. */
export function registerAccountRoutes(app: OpenAPIHono, { accounts, config, redis }: AccountRouteDeps): void {
  const limits = new ClientLimits(
    {
      signUps: config.AIRLOCK_SIGNUP_PER_CLIENT,
      signUpWindowS: config.AIRLOCK_SIGNUP_WINDOW_S,
      signIns: config.AIRLOCK_SIGNIN_PER_CLIENT,
      signInWindowS: config.AIRLOCK_SIGNIN_CLIENT_WINDOW_S,
    },
    redis ? { redis, keyFor: (purpose, value) => accounts.keyring.lookupHash(purpose, value) } : undefined,
  );
  const client = (c: Context) => limits.clientKey(clientAddress(c, config.AIRLOCK_TRUST_PROXY));
  app.openAPIRegistry.registerComponent('securitySchemes', 'pilotSession', {
    type: 'http',
    scheme: 'bearer',
    description: 'a session token from POST /v1/sessions (or the session cookie plus X-Airlock-CSRF: 1)',
  });
  for (const path of ['/v1/accounts', '/v1/accounts/*', '/v1/sessions', '/v1/sessions/*'])
    app.use(path, async (c, next) => {
      await refuseInvalidUtf8(c);
      await next();
      c.header('Cache-Control', 'no-store');
    });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/accounts',
      tags: ['accounts'],
      summary: 'Sign up with e-mail and password',
      request: { body: json(z.object({ email, password })) },
      responses: {
        201: {
          content: { 'application/json': { schema: z.object({ pilot: pilotSchema }) } },
          description: 'created',
        },
        400: { description: 'invalid e-mail or weak password (the message says why)' },
        409: { description: 'an account with this e-mail exists' },
        429: { description: 'too many sign-ups from this network, or the server is busy; see Retry-After' },
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const who = client(c);
      const pilot = await guarded(c, async () => {
        await limits.signUp(who);
        return accounts.signUp(body.email, body.password, who);
      });
      return c.json({ pilot }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/sessions',
      tags: ['accounts'],
      summary: 'Sign in',
      description:
        'client "sdk" (default) gets the token in the body, for an Authorization: Bearer header. client "web" gets it only as an HttpOnly, Secure, SameSite=Strict cookie, so page scripts never see it. Attempts are limited per e-mail address and per client (429 with Retry-After); the client address is used only as an in-memory keyed hash, never stored or logged.',
      request: { body: json(z.object({ email, password, client: z.enum(['sdk', 'web']).default('sdk') })) },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({ token: z.string().optional(), expires_at: z.string(), pilot: pilotSchema }),
            },
          },
          description: 'signed in',
        },
        401: { description: 'wrong e-mail or password (the same answer for both)' },
        429: {
          description: 'too many attempts for this e-mail address or from this client; see Retry-After',
        },
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const who = client(c);
      const s = await guarded(c, async () => {
        await limits.signIn(who);
        return accounts.signIn(body.email, body.password, who);
      });
      if (body.client === 'web') {
        setSessionCookie(c, s.token, s.expiresAt);
        return c.json({ expires_at: s.expiresAt.toISOString(), pilot: s.pilot }, 200);
      }
      return c.json({ token: s.token, expires_at: s.expiresAt.toISOString(), pilot: s.pilot }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/sessions/current',
      tags: ['accounts'],
      summary: 'Sign out (revokes this session)',
      security: bearer,
      responses: { 204: { description: 'signed out' }, 401: { description: 'not signed in' } },
    }),
    async (c) => {
      await accounts.signOut(await requirePilot(c, accounts));
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/me',
      tags: ['accounts'],
      summary: 'The signed-in pilot',
      security: bearer,
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ pilot: pilotSchema }) } },
          description: 'pilot',
        },
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      return c.json({ pilot: await guarded(c, () => accounts.pilot(session.pilotId)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/accounts/me/password',
      tags: ['accounts'],
      summary: 'Change the password (signs out every other session)',
      security: bearer,
      request: { body: json(z.object({ current_password: password, new_password: password })) },
      responses: { 204: { description: 'changed' }, 401: { description: 'current password wrong' } },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const body = c.req.valid('json');
      await guarded(c, () =>
        accounts.changePassword(session, body.current_password, body.new_password, client(c)),
      );
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/accounts/me',
      tags: ['accounts'],
      summary: 'Delete the account and everything held about the pilot',
      description:
        "Needs the password. Deletes the pilot, every session, every flight log and the pilot's data key: any copy of the encrypted blobs that survives (a backup) can no longer be read.",
      security: bearer,
      request: { body: json(z.object({ password })) },
      responses: { 204: { description: 'deleted' }, 401: { description: 'password wrong' } },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const body = c.req.valid('json');
      await guarded(c, () => accounts.deleteAccount(session, body.password, client(c)));
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/me/export',
      tags: ['accounts'],
      summary: 'Everything the server holds about the pilot, as JSON',
      description:
        'Account, sessions, sign-in throttle state and every flight log with its summary; originals are linked.',
      security: bearer,
      responses: { 200: { description: 'the export (a JSON attachment)' } },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const data = await accounts.exportData(session);
      c.header('Content-Disposition', 'attachment; filename="airlock-export.json"');
      return c.json(data, 200);
    },
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A body that is not UTF-8 would be decoded with U+FFFD in place of the bad bytes, and two different
 * byte strings would become the same e-mail or password. Refused instead, naming the field when it can.
 */
async function refuseInvalidUtf8(c: Context): Promise<void> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return;
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  try {
    utf8.decode(bytes);
    return;
  } catch {
    let fields: string[] = [];
    try {
      const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
      fields = Object.keys(parsed).filter((k) => String(parsed[k]).includes('\uFFFD'));
    } catch {}
    const where = fields.length ? fields.map((f) => `field "${f}"`).join(', ') : '(body)';
    throw new HttpError(400, 'invalid_request', `${where}: must be valid UTF-8`);
  }
}
