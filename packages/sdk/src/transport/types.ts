/**
 * The five data categories of the specification; every request names the one it belongs to.
 *
 * @example
 * DATA_CATEGORIES.includes('location_check'); // true
 * for (const category of DATA_CATEGORIES) row(category, PRIVACY_DEFAULTS[category].title);
 */
export const DATA_CATEGORIES = [
  'app_performance',
  'user_experience',
  'location_check',
  'media',
  'flight_logs',
] as const;
/**
 * One of the five data categories of the specification: every request the SDK sends names one, and
 * consent and the ledger go by it.
 *
 * @example
 * const category: DataCategory = 'location_check';
 * const sent = await airlock.ledger.list({ category });
 */
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * The HTTP methods the transport sends.
 *
 * @example
 * const method: HttpMethod = 'GET';
 * await transport.send({ category: 'location_check', method, path: '/v1/location/country' });
 */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One request as a capability asks for it: a path on the Airlock server, never a full URL.
 *
 * @example
 * const request: TransportRequest = {
 *   category: 'app_performance',
 *   method: 'POST',
 *   path: '/v1/telemetry/app_performance',
 *   body: JSON.stringify(report),
 *   headers: { 'content-type': 'application/json' },
 * };
 * const response = await transport.send(request);
 */
export interface TransportRequest {
  category: DataCategory;
  method: HttpMethod;
  /** Starts with `/`; the transport puts the server URL in front. */
  path: string;
  /** Text (JSON) or bytes (a flight-log chunk); the transport sends a copy taken when `send` is called. */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** 'bytes': the answer is binary (a signed zone pack) and comes as `TransportResponse.bytes`. */
  responseType?: 'text' | 'bytes';
  /**
   * The pilot asked for this very request (pressed Sync, shared a photo). Media and flight logs
   * leave only with it; a background task must never set it.
   */
  userAction?: boolean;
  /**
   * This request's own limit, ms (a large upload needs more than the transport's default). Through a
   * relay it covers the whole exchange: the key fetch it may start, the relay and the gateway.
   */
  timeoutMs?: number;
}

/**
 * Exactly what is about to leave the device: what listeners see and, later, what the ledger keeps.
 *
 * @example
 * airlock.onSend((record: SendRecord) => console.log(record.time, record.category, record.method, record.url, record.bytes));
 */
export interface SendRecord {
  /** ISO 8601, from the transport's clock. */
  time: string;
  method: HttpMethod;
  url: string;
  category: DataCategory;
  /** Every header the SDK sets (the platform adds its own, e.g. a browser's User-Agent). */
  headers: Readonly<Record<string, string>>;
  /** The exact payload: text, or bytes for binary uploads (the ledger keeps large ones as size + digest). */
  body: string | Uint8Array<ArrayBuffer> | null;
  /** Length of the body in bytes (UTF-8 for text). */
  bytes: number;
  /** The request was flagged as an explicit action of the pilot. */
  userAction: boolean;
  /**
   * The Oblivious HTTP relay it went through (`relayUrl`): the network saw only an encrypted POST to
   * this URL; `url`, `headers` and `body` are what the server read inside.
   */
  via?: string;
}

/**
 * Nothing (or `true`) lets the request go on; `{ veto }` stops it before a byte leaves.
 *
 * @example
 * const decide = (record: SendRecord): BeforeSendDecision =>
 *   record.category === 'user_experience' && onMeteredNetwork() ? { veto: 'metered network' } : undefined;
 */
export type BeforeSendDecision = undefined | boolean | { veto: string };

/**
 * Runs, in order, before anything is sent; may be async. The consent check and the persistent ledger
 * are hooks: a hook that vetoes, throws or answers `false` stops the request (fail closed).
 *
 * @example
 * const noTelemetryInFlight: BeforeSendHook = (record) =>
 *   record.category === 'app_performance' && droneIsFlying() ? { veto: 'not while flying' } : undefined;
 * const airlock = createAirlock({ serverUrl, beforeSend: [noTelemetryInFlight] });
 */
export type BeforeSendHook = (record: SendRecord) => BeforeSendDecision | Promise<BeforeSendDecision>;

/**
 * A synchronous last check, run after every hook and with no await between it and `fetch`: the
 * answer reflects the state at the very moment the bytes leave (hooks may await storage, and a
 * setting can change meanwhile). Returns why the request must not leave, or null.
 *
 * @example
 * const offlineMode: SendGate = () => (settings.offlineMode ? 'offline mode' : null);
 * const remove = transport.useGate(offlineMode);
 */
export type SendGate = (record: SendRecord) => string | null;

/**
 * Told about every request that passed the hooks, just before it is sent.
 *
 * @example
 * const log: SendListener = (record) => console.log('sent', record.category, record.url, record.bytes);
 * const stop = airlock.onSend(log);
 */
export type SendListener = (record: SendRecord) => void;

/**
 * Told how every request that passed the hooks ended: answered, offline, or stopped by a gate
 * (`vetoed: true`, nothing left the device). The ledger records the status, or takes back its entry.
 *
 * @example
 * const statusOf: ResultListener = (record, response) => console.log(record.url, response.status, response.offline);
 * transport.onResult(statusOf);
 */
export type ResultListener = (record: SendRecord, response: TransportResponse) => void;

/**
 * What a request gave. Never a rejected promise: offline and refusal are ordinary results.
 *
 * @example
 * const res: TransportResponse = await transport.send({ category: 'location_check', method: 'GET', path: '/v1/location/country' });
 * if (res.vetoed) console.log('not sent:', res.error);
 * else if (res.offline) useCache();
 * else if (res.ok) use(JSON.parse(res.body));
 */
export interface TransportResponse {
  /** True for a 2xx answer. */
  ok: boolean;
  /** HTTP status, or 0 when no answer came (offline, vetoed, invalid request). */
  status: number;
  /** Response headers, names lower-case. */
  headers: Readonly<Record<string, string>>;
  body: string;
  /** The answer's bytes, for a request with `responseType: 'bytes'` (then `body` is empty). */
  bytes?: Uint8Array;
  /** The network could not be reached (or timed out): the caller should fall back to its cache. */
  offline: boolean;
  /** A beforeSend hook (or the transport's own rules) stopped the request: nothing was sent. */
  vetoed: boolean;
  error?: string;
  /** The request as sent (null when it was refused before a record could be made). */
  record: SendRecord | null;
}

/**
 * The subset of `fetch`'s options the transport uses; `globalThis.fetch` satisfies it.
 *
 * @example
 * const loggingFetch: FetchLike = (url, init: FetchInit) => {
 *   console.log(init.method, url, init.credentials); // 'omit': the transport never sends cookies
 *   return fetch(url, init);
 * };
 */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  // ArrayBuffer-backed: what fetch's BodyInit accepts (the transport's own copy always is).
  body?: string | Uint8Array<ArrayBuffer>;
  credentials: 'omit';
  redirect: 'error';
  referrerPolicy: 'no-referrer';
  cache: 'no-store';
  signal?: AbortSignal;
}

/**
 * The subset of a fetch Response the transport reads.
 *
 * @example
 * const fakeFetch: FetchLike = async (): Promise<FetchResponseLike> => ({
 *   status: 200,
 *   headers: { get: () => 'application/json' },
 *   text: async () => '{"countries":["CH"]}',
 * });
 */
export interface FetchResponseLike {
  status: number;
  headers: {
    get(name: string): string | null;
    forEach?(callback: (value: string, name: string) => void): void;
  };
  text(): Promise<string>;
  /** Needed only for binary answers (zone packs) and the relay; `globalThis.fetch` has it. */
  arrayBuffer?(): Promise<ArrayBuffer>;
}

/**
 * A fetch function: the platform's, or one the app (or a test) provides.
 *
 * @example
 * import { fetch as expoFetch } from 'expo/fetch';
 * const airlock = createAirlock({ serverUrl, fetch: expoFetch as FetchLike });
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;
