import {
  decapsulateRequest,
  decodeRequest,
  type ExchangeContext,
  encapsulateResponse,
  OhttpError,
  parseHttpDate,
  WireFormatError,
} from '@airlock/core/ohttp';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpError } from '../http/http-error.ts';
import { innerErrorBytes, innerRequest, innerResponseBytes } from './inner-exchange.ts';
import { isAllowedInner } from './inner-routes.ts';
import type { OhttpKeyRing } from './key-ring.ts';
import type { ReplayGuard } from './replay-guard.ts';

/** How the gateway reaches the app: its own fetch, in-process. */
export type AppFetch = (req: Request) => Response | Promise<Response>;

/** RFC 9458's errors before decryption, answered in the clear (5.2) with the one JSON error shape. */
const OUTER: Record<OhttpError['code'], [ContentfulStatusCode, string]> = {
  malformed: [400, 'ohttp_malformed'],
  unknown_key: [422, 'ohttp_key'],
  unsupported_suite: [422, 'ohttp_suite'],
  decrypt_failed: [422, 'ohttp_decrypt'],
};

/**
 * One encapsulated request → one encapsulated response. Outer failures (the encapsulation itself)
 * throw HttpError and are answered in the clear; everything after decryption (a replay, a bad date, a
 * route not allowed, the route's own 4xx/5xx) is answered inside the encapsulation, so the relay sees
 * a 200 of a padded size whatever happened.
 */
export async function handleEncapsulated(
  encapsulated: Uint8Array,
  deps: { keys: OhttpKeyRing; replay: ReplayGuard; app: AppFetch },
): Promise<Uint8Array> {
  let opened: { request: Uint8Array; context: ExchangeContext };
  try {
    opened = await decapsulateRequest(encapsulated, (id) => deps.keys.keyFor(id));
  } catch (e) {
    if (!(e instanceof OhttpError)) throw e;
    const [status, code] = OUTER[e.code];
    throw new HttpError(status, code, e.message);
  }
  return encapsulateResponse(opened.context, await answer(opened, deps));
}

async function answer(
  opened: { request: Uint8Array; context: ExchangeContext },
  deps: { replay: ReplayGuard; app: AppFetch },
): Promise<Uint8Array> {
  let m: ReturnType<typeof decodeRequest>;
  try {
    m = decodeRequest(opened.request);
  } catch (e) {
    if (!(e instanceof WireFormatError)) throw e;
    return innerErrorBytes(new HttpError(400, 'invalid_bhttp', e.message));
  }
  const date = m.headers.find(([name]) => name === 'date')?.[1];
  if (date === undefined || !deps.replay.inWindow(parseHttpDate(date))) {
    // RFC 9458 6.5.2: the gateway's own Date comes back so a client with a wrong clock can retry once.
    const window = `${Math.round(deps.replay.windowMs / 1000)} s`;
    return innerErrorBytes(
      new HttpError(
        400,
        'date_out_of_window',
        `the request's Date must be an HTTP-date within ${window} of the server's clock`,
      ),
      [['date', new Date().toUTCString()]],
    );
  }
  // Bounded replay memory (replay-guard.ts): refuse rather than admit a request it cannot remember.
  if (deps.replay.full)
    return innerErrorBytes(
      new HttpError(503, 'busy', 'the gateway is at its replay-memory limit; try again later'),
    );
  if (!deps.replay.admit(opened.context.enc))
    return innerErrorBytes(new HttpError(400, 'replayed', 'this encapsulated request was already answered'));
  if (!isAllowedInner(m.method, m.path))
    return innerErrorBytes(
      new HttpError(
        403,
        'not_through_gateway',
        `${m.method} ${m.path.split('?')[0]} is not answered through the oblivious gateway`,
      ),
    );
  try {
    return await innerResponseBytes(await deps.app(innerRequest(m)));
  } catch (e) {
    return innerErrorBytes(e);
  }
}
