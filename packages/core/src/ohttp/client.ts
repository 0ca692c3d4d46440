import { decodeResponse } from './bhttp-decode.ts';
import { encodeRequest } from './bhttp-encode.ts';
import type { BhttpResponse, Field } from './bhttp-message.ts';
import { utf8 } from './bytes.ts';
import { decapsulateResponse, encapsulateRequest } from './encapsulation.ts';
import { requestDate } from './http-date.ts';
import { decodeKeyConfigList, type KeyConfig } from './key-config.ts';
import { MIN_REQUEST_PADDING, paddedLength } from './padding.ts';

export const OHTTP_REQUEST_TYPE = 'message/ohttp-req';
export const OHTTP_RESPONSE_TYPE = 'message/ohttp-res';
export const OHTTP_KEYS_TYPE = 'application/ohttp-keys';
/** The gateway's routes (RFC 9540's well-known name for the keys). */
export const GATEWAY_PATH = '/.well-known/ohttp';
export const KEYS_PATH = '/.well-known/ohttp-gateway';

/** A request to the server, as the app would have sent it directly. */
export interface InnerRequest {
  method: 'GET' | 'POST';
  /** Path and query, e.g. /v1/location/cells/687.1041. */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}

export interface ObliviousHttpOptions {
  /** The relay's URL: every encapsulated request is POSTed there, and nothing else is sent to it. */
  relayUrl: string;
  /** Where the gateway's keys are read (application/ohttp-keys); default: the relay's KEYS_PATH. */
  keysUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  /**
   * Ask for gzip answers and inflate them here (default: where DecompressionStream exists). Smaller
   * answers fall into smaller padding classes: fewer bytes for the same privacy.
   */
  gzip?: boolean;
}

/** Per call. */
export interface ObliviousFetchOptions {
  /**
   * Stops the exchange when it aborts: the POST to the relay, and the key fetch this call starts (a
   * call waiting on another call's key fetch that is stopped by that call's signal fetches them again).
   */
  signal?: AbortSignal;
}

/** The relay or gateway answered without an encapsulated response (its JSON error, if any). */
export class ObliviousRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ObliviousRequestError';
  }
}

/**
 * Oblivious HTTP for one gateway through one relay: the relay learns who asks and never what; the
 * gateway learns what and never who. A request carries only what `InnerRequest` gives plus a Date to
 * the minute; it is padded so its size says little, and so is the answer.
 */
export class ObliviousHttpClient {
  private keys: { config: Promise<KeyConfig>; signal?: AbortSignal } | undefined;
  private readonly fetcher: typeof fetch;
  private readonly now: () => number;
  private readonly keysUrl: string;
  private readonly gzip: boolean;

  constructor(private readonly options: ObliviousHttpOptions) {
    this.fetcher = options.fetch ?? ((...a) => fetch(...a));
    this.now = options.now ?? Date.now;
    this.keysUrl = options.keysUrl ?? new URL(KEYS_PATH, options.relayUrl).href;
    this.gzip = options.gzip ?? typeof DecompressionStream !== 'undefined';
  }

  /** Sends `req` and returns the server's answer. Retries once with fresh keys if they had rotated. */
  async fetch(req: InnerRequest, options: ObliviousFetchOptions = {}): Promise<Response> {
    try {
      return await this.once(req, options);
    } catch (e) {
      // RFC 9458 5.3: an unencapsulated "key unknown" means our configuration is outdated. Nothing was
      // processed, so a fresh encapsulation under the new key is safe.
      if (!(e instanceof ObliviousRequestError) || e.code !== 'ohttp_key') throw e;
      this.keys = undefined;
      return this.once(req, options);
    }
  }

  /**
   * One encapsulation, for callers that want the bytes (tests replaying them): `send` POSTs them to the
   * relay and `open` reads an encapsulated response to them.
   */
  async encapsulate(req: InnerRequest, options: ObliviousFetchOptions = {}) {
    const config = await this.keyConfig(options.signal);
    const inner = innerMessage(req, requestDate(this.now()), this.gzip);
    const length = encodeRequest(inner).length;
    const padded = encodeRequest(inner, { padTo: paddedLength(length, MIN_REQUEST_PADDING) });
    const { encapsulated, context } = await encapsulateRequest(config, padded);
    return {
      encapsulated,
      send: () => this.post(encapsulated, options.signal),
      open: async (body: Uint8Array) => toResponse(decodeResponse(await decapsulateResponse(context, body))),
    };
  }

  private async once(req: InnerRequest, options: ObliviousFetchOptions): Promise<Response> {
    const e = await this.encapsulate(req, options);
    return e.open(await e.send());
  }

  private async post(encapsulated: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    const res = await this.fetcher(this.options.relayUrl, {
      method: 'POST',
      headers: { 'content-type': OHTTP_REQUEST_TYPE },
      body: encapsulated as Uint8Array<ArrayBuffer>,
      ...(signal ? { signal } : {}),
    });
    const body = new Uint8Array(await res.arrayBuffer());
    if (res.status === 200 && res.headers.get('content-type') === OHTTP_RESPONSE_TYPE) return body;
    let code = 'relay_error';
    let message = `the relay answered ${res.status} without an encapsulated response`;
    try {
      const parsed = JSON.parse(new TextDecoder().decode(body)) as {
        error?: { code?: string; message?: string };
      };
      code = parsed.error?.code ?? code;
      message = parsed.error?.message ?? message;
    } catch {}
    throw new ObliviousRequestError(res.status, code, message);
  }

  /** The keys, fetched once for every call; a failed fetch is tried again by the next call. */
  private async keyConfig(signal?: AbortSignal): Promise<KeyConfig> {
    const keys = this.keys ?? this.fetchKeys(signal);
    try {
      return await keys.config;
    } catch (e) {
      // Another call's fetch, stopped by that call's signal: this one still has time.
      if (keys.signal !== signal && keys.signal?.aborted && !signal?.aborted) return this.keyConfig(signal);
      throw e;
    }
  }

  private fetchKeys(signal?: AbortSignal) {
    const config = (async () => {
      const res = await this.fetcher(this.keysUrl, signal ? { signal } : undefined);
      if (!res.ok) throw new ObliviousRequestError(res.status, 'keys_unavailable', `keys: ${res.status}`);
      // The first configuration is the gateway's current key (the rest are being retired).
      return decodeKeyConfigList(new Uint8Array(await res.arrayBuffer()))[0];
    })();
    const keys = { config, signal };
    this.keys = keys;
    config.catch(() => {
      if (this.keys === keys) this.keys = undefined;
    });
    return keys;
  }
}

function innerMessage(req: InnerRequest, date: string, gzip: boolean) {
  const headers: Field[] = [['date', date]];
  if (gzip) headers.push(['accept-encoding', 'gzip']);
  for (const [name, value] of Object.entries(req.headers ?? {})) headers.push([name.toLowerCase(), value]);
  const content = typeof req.body === 'string' ? utf8.encode(req.body) : (req.body ?? new Uint8Array(0));
  return {
    method: req.method,
    scheme: 'https',
    authority: '',
    path: req.path,
    headers,
    content,
    trailers: [],
  };
}

function toResponse(m: BhttpResponse): Response {
  const headers = new Headers();
  for (const [name, value] of m.headers) headers.append(name, value);
  if (m.status === 204 || m.status === 304) return new Response(null, { status: m.status, headers });
  let body: BodyInit = m.content as Uint8Array<ArrayBuffer>;
  // Inflated here, as fetch would: the caller reads the answer, not its transfer coding.
  if (headers.get('content-encoding') === 'gzip') {
    headers.delete('content-encoding');
    body = new Blob([body]).stream().pipeThrough(new DecompressionStream('gzip'));
  }
  return new Response(body, { status: m.status, headers });
}
