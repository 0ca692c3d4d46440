import type { KEYS_PATH, ObliviousHttpClient } from '@airlock/core/ohttp';
import type { DataCategory, FetchLike, SendRecord, TransportResponse } from './types.ts';

/**
 * What goes through an Oblivious HTTP relay when `relayUrl` is set: the location check and telemetry,
 * the two kinds of request the server can answer without knowing who asks (its gateway allows only
 * them). Media and flight logs name their pilot anyway (a bearer token), so they go direct.
 */
export const RELAYED_CATEGORIES: ReadonlySet<DataCategory> = new Set([
  'location_check',
  'app_performance',
  'user_experience',
]);

/**
 * `@airlock/sdk/relay`'s `obliviousHttp`: passed in, so an app without a relay ships no HPKE.
 *
 * @example
 * const ohttp: OhttpModule = obliviousHttp;
 * createTransport({ serverUrl, relayUrl: 'https://relay.example/', ohttp });
 */
export interface OhttpModule {
  ObliviousHttpClient: typeof ObliviousHttpClient;
  KEYS_PATH: typeof KEYS_PATH;
}

export interface RelayOptions {
  /** The relay's URL (`airlock relay`): encapsulated requests are POSTed there. */
  relayUrl: string;
  /**
   * The gateway's key configurations (application/ohttp-keys bytes) pinned by the app. Without them
   * the keys are read from the relay's well-known route (see docs/oblivious-http.md, "Keys").
   */
  ohttpKeys?: Uint8Array;
}

/**
 * Lets the key fetch out as a request of its own: through the hooks, gates, listeners and ledger like
 * any other. Throws the veto; resolves to the function that reports how the fetch ended.
 */
export type AdmitKeyFetch = (url: string) => Promise<(status: number, offline: boolean) => void>;

/**
 * One Oblivious HTTP client for the transport's life, built on first use from the app's
 * `@airlock/sdk/relay` module. Pinned keys never leave a request; fetched ones go through
 * `admit` first. Each exchange runs under the signal its request passes (the request's own time
 * limit, key fetch included); `timeoutMs` only where none is passed.
 */
export function relayClient(
  ohttp: OhttpModule,
  options: RelayOptions,
  fetchFn: FetchLike,
  timeoutMs: number,
  admit: AdmitKeyFetch,
): () => Promise<ObliviousHttpClient> {
  let client: Promise<ObliviousHttpClient> | undefined;
  return () => {
    client ??= Promise.resolve(ohttp).then(({ ObliviousHttpClient, KEYS_PATH }) => {
      const keysUrl = new URL(KEYS_PATH, options.relayUrl).href;
      const pinned = options.ohttpKeys ? Uint8Array.prototype.slice.call(options.ohttpKeys) : null;
      const relayFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        const isKeys = url === keysUrl && (init?.method ?? 'GET') === 'GET';
        if (isKeys && pinned) {
          return new Response(pinned, { headers: { 'content-type': 'application/ohttp-keys' } });
        }
        const done = isKeys ? await admit(url) : null;
        try {
          const res = await toResponse(
            await fetchFn(url, {
              method: init?.method ?? 'GET',
              headers: isKeys
                ? { accept: 'application/ohttp-keys' }
                : { ...(init?.headers as Record<string, string> | undefined) },
              ...(init?.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}),
              credentials: 'omit',
              redirect: 'error',
              referrerPolicy: 'no-referrer',
              cache: 'no-store',
              ...(init?.signal
                ? { signal: init.signal }
                : typeof AbortSignal.timeout === 'function'
                  ? { signal: AbortSignal.timeout(timeoutMs) }
                  : {}),
            }),
          );
          done?.(res.status, false);
          return res;
        } catch (error) {
          done?.(0, true);
          throw error;
        }
      };
      return new ObliviousHttpClient({
        relayUrl: options.relayUrl,
        keysUrl,
        fetch: relayFetch as typeof fetch,
      });
    });
    client.catch(() => {
      client = undefined;
    });
    return client;
  };
}

/** The app's fetch answer as a web Response; OHTTP bodies are bytes, so it must offer arrayBuffer(). */
async function toResponse(res: Awaited<ReturnType<FetchLike>>): Promise<Response> {
  if (typeof res.arrayBuffer !== 'function') {
    throw new Error('relayUrl needs a fetch whose responses have arrayBuffer()');
  }
  const headers = new Headers();
  const type = res.headers.get('content-type');
  if (type !== null) headers.set('content-type', type);
  const cacheControl = res.headers.get('cache-control');
  if (cacheControl !== null) headers.set('cache-control', cacheControl);
  return new Response(await res.arrayBuffer(), { status: res.status, headers });
}

/** Reads a relayed answer into what `send` returns, as a direct one would read; `signal` stops it. */
export async function relayedResponse(
  client: ObliviousHttpClient,
  record: SendRecord,
  path: string,
  wantBytes: boolean,
  signal?: AbortSignal,
): Promise<Omit<TransportResponse, 'record'>> {
  const res = await client.fetch(
    {
      method: record.method as 'GET' | 'POST',
      path,
      headers: { ...record.headers },
      ...(record.body === null ? {} : { body: record.body }),
    },
    signal ? { signal } : {},
  );
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const status = res.status;
  return {
    ok: status >= 200 && status < 300,
    status,
    headers,
    ...(wantBytes
      ? { body: '', bytes: new Uint8Array(await res.arrayBuffer()) }
      : { body: await res.text() }),
    offline: false,
    vetoed: false,
  };
}
