import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from './app-context.ts';
import { HttpError } from './http-error.ts';

/**
 * Operator routes need a bearer token: AIRLOCK_ADMIN_TOKEN, or the token this server wrote to its
 * data dir's lock file (0600 in a 0700 folder, so only the local owner can read it: that is how the
 * `airlock` CLI on the same machine acts as operator). Without either they are off.
 */
export function requireOperator(ctx: AppContext, header: string | undefined): void {
  const tokens = [ctx.config.AIRLOCK_ADMIN_TOKEN, ctx.localOperatorToken].filter((t): t is string => !!t);
  if (tokens.length === 0)
    throw new HttpError(
      403,
      'operator_api_disabled',
      'operator API is disabled: set AIRLOCK_ADMIN_TOKEN on the server',
    );
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const ok = tokens.some((t) => {
    const b = Buffer.from(t);
    return given.length === b.length && timingSafeEqual(given, b);
  });
  if (!ok) throw new HttpError(401, 'unauthorized', 'operator token missing or wrong');
}
