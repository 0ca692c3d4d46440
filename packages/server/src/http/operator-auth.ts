import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from './app-context.ts';
import { HttpError } from './http-error.ts';

/** Operator routes need AIRLOCK_ADMIN_TOKEN as a bearer token; without the setting they are off. */
export function requireOperator(ctx: AppContext, header: string | undefined): void {
  const token = ctx.config.AIRLOCK_ADMIN_TOKEN;
  if (!token)
    throw new HttpError(
      403,
      'operator_api_disabled',
      'operator API is disabled: set AIRLOCK_ADMIN_TOKEN on the server',
    );
  const given = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw new HttpError(401, 'unauthorized', 'operator token missing or wrong');
}
