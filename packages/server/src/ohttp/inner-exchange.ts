import {
  type BhttpRequest,
  type BhttpResponse,
  encodeResponse,
  type Field,
  MIN_RESPONSE_PADDING,
  paddedLength,
} from '@airlock/core/ohttp';
import { mapError } from '../http/error-map.ts';
import { INNER_REQUEST_FIELDS, INNER_RESPONSE_FIELDS } from './inner-routes.ts';

/** The origin inner requests are addressed to: fixed, so nothing in the URL comes from outside. */
const INNER_ORIGIN = 'http://ohttp.gateway.invalid';

/**
 * The decrypted request as a web Request for the app: its method, path, the few fields the routes
 * read, and its content. No address, no Forwarded or X-Forwarded-For, no Host from the client: the app
 * is called in-process (app.fetch) without the Node request, so no route can see who asked.
 */
export function innerRequest(m: BhttpRequest): Request {
  const headers = new Headers();
  for (const [name, value] of m.headers) if (INNER_REQUEST_FIELDS.has(name)) headers.append(name, value);
  const hasBody = m.method === 'POST' && m.content.length > 0;
  return new Request(`${INNER_ORIGIN}${m.path}`, {
    method: m.method,
    headers,
    ...(hasBody ? { body: m.content as Uint8Array<ArrayBuffer> } : {}),
  });
}

/** The app's answer as Binary HTTP, padded to its size class (see MIN_RESPONSE_PADDING). */
export async function innerResponseBytes(res: Response): Promise<Uint8Array> {
  const headers: Field[] = [];
  res.headers.forEach((value, name) => {
    if (INNER_RESPONSE_FIELDS.has(name)) headers.push([name, value]);
  });
  const content = new Uint8Array(await res.arrayBuffer());
  return padded({ informational: [], status: res.status, headers, content, trailers: [] });
}

/** An error found after decryption, answered inside the encapsulation (RFC 9458 5.2), in the one JSON shape. */
export function innerErrorBytes(err: unknown, extra: Field[] = []): Uint8Array {
  const mapped = mapError(err);
  const content = new TextEncoder().encode(JSON.stringify(mapped.body));
  const headers: Field[] = [['content-type', 'application/json'], ['cache-control', 'no-store'], ...extra];
  return padded({ informational: [], status: mapped.status, headers, content, trailers: [] });
}

function padded(m: BhttpResponse): Uint8Array {
  const length = encodeResponse(m).length;
  return encodeResponse(m, { padTo: paddedLength(length, MIN_RESPONSE_PADDING) });
}
