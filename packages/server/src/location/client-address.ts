import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The client's address, for one purpose only: deriving a country when the device has neither GPS nor a
 * mobile network code. It is passed straight to the lookup and never logged, stored or returned.
 */
export function clientAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const xff = c.req.header('x-forwarded-for');
    if (xff) return xff.split(',')[0].trim();
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // not behind the Node adapter (e.g. app.request in tests)
  }
}
