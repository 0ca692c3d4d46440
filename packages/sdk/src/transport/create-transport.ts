import { resolveFetch, utf8Length } from '../platform/index.ts';
import { type OhttpModule, RELAYED_CATEGORIES, relayClient, relayedResponse } from './relay-exchange.ts';
import { normaliseServerUrl, refusalOf, TUS_RESPONSE_HEADERS } from './request-rules.ts';
import type {
  BeforeSendHook,
  FetchLike,
  FetchResponseLike,
  ResultListener,
  SendGate,
  SendListener,
  SendRecord,
  TransportRequest,
  TransportResponse,
} from './types.ts';

/**
 * What `createTransport` takes: the server's URL, and optionally the fetch, clock, hooks, gates,
 * timeout, and an Oblivious HTTP relay.
 *
 * @example
 * const options: TransportOptions = { serverUrl: 'https://airlock.example.com', timeoutMs: 10_000, beforeSend: [consent.beforeSend] };
 * const transport = createTransport(options);
 */
export interface TransportOptions {
  /** Base URL of the Airlock server, e.g. `https://airlock.example.com`. */
  serverUrl: string;
  /** The fetch to send with; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** The clock for the records; default the device clock. */
  now?: () => Date;
  /** Hooks run in order before every request; any of them can stop it. */
  beforeSend?: readonly BeforeSendHook[];
  /** Synchronous checks run after every hook, immediately before `fetch`; any can stop the request. */
  gates?: readonly SendGate[];
  /** A request without an answer after this long counts as offline; default 15 s. */
  timeoutMs?: number;
  /**
   * An Oblivious HTTP relay (`airlock relay`, RFC 9458): location checks and telemetry are encapsulated
   * to the server's gateway and sent there, so the server never sees the device's address. The ledger
   * still records the request as the server reads it, with `via` naming the relay.
   */
  relayUrl?: string;
  /** The gateway's keys (application/ohttp-keys), pinned by the app; default: read through the relay. */
  ohttpKeys?: Uint8Array;
  /**
   * `obliviousHttp` from `@airlock/sdk/relay`: required with `relayUrl` (without it, what would go
   * through the relay is refused, never sent direct).
   */
  ohttp?: OhttpModule;
}

/**
 * The one way out of the device.
 *
 * @example
 * const transport: Transport = createTransport({ serverUrl: 'https://airlock.example.com' });
 * transport.onSend((r) => console.log(r.category, r.method, r.url, r.bytes));
 * const stop = transport.useBeforeSend((r) => (r.category === 'media' ? { veto: 'no media here' } : undefined));
 */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Adds a listener told about every request just before it is sent; returns its remover. */
  onSend(listener: SendListener): () => void;
  /**
   * Adds a hook after the existing ones; returns its remover. `{ last: true }` keeps it after every
   * hook added later too: the ledger's place, so that no hook can veto a request it already recorded.
   */
  useBeforeSend(hook: BeforeSendHook, options?: { last?: boolean }): () => void;
  /** Adds a synchronous gate (see `SendGate`); returns its remover. */
  useGate(gate: SendGate): () => void;
  /** Adds a listener told how every request that passed the hooks ended; returns its remover. */
  onResult(listener: ResultListener): () => void;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Creates the transport every byte the SDK sends goes through. It sends no cookies, no credentials
 * and no identifying header (the SDK adds none, and refuses any header outside a short allowlist),
 * follows no redirect (the recorded URL is the only place a payload goes), and never rejects: an
 * unreachable network resolves to `{ ok: false, offline: true, error }`.
 *
 * @example
 * const transport = createTransport({ serverUrl: 'https://airlock.example.com' });
 * transport.onSend((r) => console.log(r.category, r.method, r.url, r.bytes));
 * const res = await transport.send({ category: 'location_check', method: 'GET', path: '/v1/location/country' });
 */
export function createTransport(options: TransportOptions): Transport {
  const base = normaliseServerUrl(options.serverUrl);
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const hooks: BeforeSendHook[] = [...(options.beforeSend ?? [])];
  const lastHooks: BeforeSendHook[] = [];
  const gates: SendGate[] = [...(options.gates ?? [])];
  const listeners = new Set<SendListener>();
  const resultListeners = new Set<ResultListener>();
  const relay = options.relayUrl === undefined ? null : normaliseServerUrl(options.relayUrl);
  let relayed: ReturnType<typeof relayClient> | null = null;

  function tellResult(record: SendRecord, response: TransportResponse): TransportResponse {
    for (const listener of [...resultListeners]) {
      try {
        listener(record, response);
      } catch {
        // An observer's failure must not change what the caller is told.
      }
    }
    return response;
  }

  function refused(error: string, record: SendRecord | null): TransportResponse {
    return { ok: false, status: 0, headers: {}, body: '', offline: false, vetoed: true, error, record };
  }

  async function send(request: TransportRequest): Promise<TransportResponse> {
    try {
      if ('error' in base) return refused(base.error, null);
      if (relay && 'error' in relay) return refused(`relayUrl: ${relay.error}`, null);
      if (relay && !options.ohttp && RELAYED_CATEGORIES.has(request.category)) {
        return refused('relayUrl needs ohttp: pass obliviousHttp from @airlock/sdk/relay', null);
      }
      const fetchFn = resolveFetch(options.fetch);
      if (!fetchFn) return refused('no fetch function: pass one to createTransport', null);
      const refusal = refusalOf(request);
      if (refusal) return refused(refusal, null);
      const headers: Record<string, string> = { accept: 'application/json' };
      for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
      const body = bodyOf(request.body);
      const record: SendRecord = Object.freeze({
        time: now().toISOString(),
        method: request.method,
        url: base.url + request.path,
        category: request.category,
        headers: Object.freeze(headers),
        body,
        bytes: body === null ? 0 : typeof body === 'string' ? utf8Length(body) : body.byteLength,
        userAction: request.userAction === true,
        ...(relay && RELAYED_CATEGORIES.has(request.category) ? { via: `${relay.url}/` } : {}),
      });
      const stop = await admit(record);
      if (stop) return tellResult(record, refused(stop, record));
      const bytes = request.responseType === 'bytes';
      const limit = request.timeoutMs !== undefined && request.timeoutMs > 0 ? request.timeoutMs : timeoutMs;
      if (record.via === undefined) return tellResult(record, await exchange(fetchFn, record, limit, bytes));
      relayed ??= relayClient(
        options.ohttp as OhttpModule,
        { relayUrl: record.via, ...(options.ohttpKeys ? { ohttpKeys: options.ohttpKeys } : {}) },
        fetchFn,
        timeoutMs,
        admitKeyFetch,
      );
      return tellResult(record, await relayExchange(record, request.path, bytes, limit));
    } catch (error) {
      return refused(`transport: ${messageOf(error)}`, null);
    }
  }

  /** Hooks, then gates, then listeners: null when the record may leave, else why not. */
  async function admit(record: SendRecord): Promise<string | null> {
    const veto = await runHooks([...hooks, ...lastHooks], record);
    if (veto) return veto;
    // From here to fetch nothing awaits: what the gates allowed is what leaves, at that moment.
    const stop = runGates(gates, record);
    if (stop) return stop;
    for (const listener of [...listeners]) {
      try {
        listener(record);
      } catch {
        // A listener is an observer: its failure must not change what is sent.
      }
    }
    return null;
  }

  /**
   * The relay's keys are a request too: recorded and stoppable like any other. It is a location-check
   * request whichever request needed it: it carries nothing, and that category is always on, so a
   * telemetry report sent first does not make the keys depend on telemetry consent.
   */
  async function admitKeyFetch(url: string) {
    const record: SendRecord = Object.freeze({
      time: now().toISOString(),
      method: 'GET',
      url,
      category: 'location_check',
      headers: Object.freeze({ accept: 'application/ohttp-keys' }),
      body: null,
      bytes: 0,
      userAction: false,
    });
    const stop = await admit(record);
    if (stop) throw Object.assign(new Error(stop), { vetoed: true });
    return (status: number, offline: boolean) => {
      const ok = status === 200;
      tellResult(record, { ok, status, headers: {}, body: '', offline, vetoed: false, record });
    };
  }

  /** The request through the relay, under the same time limit as a direct one (a key fetch included). */
  async function relayExchange(
    record: SendRecord,
    path: string,
    bytes: boolean,
    limit: number,
  ): Promise<TransportResponse> {
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), limit) : null;
    try {
      const client = await (relayed as ReturnType<typeof relayClient>)();
      return { ...(await relayedResponse(client, record, path, bytes, controller?.signal)), record };
    } catch (error) {
      const e = error as { vetoed?: boolean; status?: number; code?: string };
      if (e.vetoed) return refused(messageOf(error), record);
      // The request's time ran out (at the relay, the gateway or the key fetch): offline, as direct.
      const late = controller?.signal.aborted === true;
      // Else the relay's own answer (no encapsulated response): the gateway could not be reached or refused.
      const status = !late && typeof e.status === 'number' ? e.status : 0;
      return {
        ok: false,
        status,
        headers: {},
        body: '',
        offline: status === 0 || status >= 500,
        vetoed: false,
        error: late ? `relay: no answer within ${limit} ms` : `relay: ${messageOf(error)}`,
        record,
      };
    } finally {
      if (timer !== null) clearTimeout(timer);
    }
  }

  return {
    send,
    onSend(listener) {
      if (typeof listener !== 'function') return () => false;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    useBeforeSend(hook, hookOptions) {
      if (typeof hook !== 'function') return () => undefined;
      return addTo(hookOptions?.last === true ? lastHooks : hooks, hook);
    },
    useGate(gate) {
      if (typeof gate !== 'function') return () => undefined;
      return addTo(gates, gate);
    },
    onResult(listener) {
      if (typeof listener !== 'function') return () => false;
      resultListeners.add(listener);
      return () => resultListeners.delete(listener);
    },
  };
}

function addTo<T>(list: T[], item: T): () => void {
  list.push(item);
  return () => {
    const i = list.indexOf(item);
    if (i >= 0) list.splice(i, 1);
  };
}

/** The first gate's refusal; a gate that throws refuses (fail closed). */
function runGates(gates: readonly SendGate[], record: SendRecord): string | null {
  for (const gate of [...gates]) {
    try {
      const stop = gate(record);
      if (stop) return stop;
    } catch (error) {
      return `send gate failed: ${messageOf(error)}`;
    }
  }
  return null;
}

/** The first hook's refusal, or null when every hook let the request through. */
async function runHooks(hooks: readonly BeforeSendHook[], record: SendRecord): Promise<string | null> {
  for (const hook of [...hooks]) {
    try {
      const decision = await hook(record);
      if (decision === false) return 'vetoed by a beforeSend hook';
      if (decision && typeof decision === 'object') return decision.veto || 'vetoed by a beforeSend hook';
    } catch (error) {
      // Fail closed: a consent check or ledger write that breaks must not let the request out.
      return `beforeSend hook failed: ${messageOf(error)}`;
    }
  }
  return null;
}

async function exchange(
  fetchFn: FetchLike,
  record: SendRecord,
  timeoutMs: number,
  wantBytes = false,
): Promise<TransportResponse> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
  try {
    const response = await fetchFn(record.url, {
      method: record.method,
      headers: { ...record.headers },
      ...(record.body === null ? {} : { body: record.body }),
      credentials: 'omit',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      ...(controller ? { signal: controller.signal } : {}),
    });
    const status = response.status;
    const read = await readBody(response, wantBytes);
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: headersOf(response),
      ...read,
      offline: false,
      vetoed: false,
      record,
    };
  } catch (error) {
    const aborted = controller?.signal.aborted === true;
    return {
      ok: false,
      status: 0,
      headers: {},
      body: '',
      offline: true,
      vetoed: false,
      error: aborted ? `no answer within ${timeoutMs} ms` : `network: ${messageOf(error)}`,
      record,
    };
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

/** The answer as text, or as bytes for a binary request (a fetch without arrayBuffer cannot give them). */
async function readBody(
  response: FetchResponseLike,
  wantBytes: boolean,
): Promise<{ body: string; bytes?: Uint8Array }> {
  if (!wantBytes) return { body: await response.text() };
  if (typeof response.arrayBuffer !== 'function')
    throw new Error('this fetch cannot read binary answers (no arrayBuffer)');
  return { body: '', bytes: new Uint8Array(await response.arrayBuffer()) };
}

const KNOWN_HEADERS = [
  'cache-control',
  'content-type',
  'etag',
  'age',
  'date',
  'last-modified',
  ...TUS_RESPONSE_HEADERS,
];

/** A copy of binary bodies: bytes the caller changes after `send` must not differ from the record. */
function bodyOf(body: TransportRequest['body']): string | Uint8Array<ArrayBuffer> | null {
  if (body === undefined || body === null) return null;
  // Uint8Array's slice, not the body's own: a Node Buffer's slice() is a view, not a copy.
  return typeof body === 'string' ? body : Uint8Array.prototype.slice.call(body);
}

function headersOf(response: FetchResponseLike): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof response.headers.forEach === 'function') {
    response.headers.forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
  } else {
    for (const name of KNOWN_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) out[name] = value;
    }
  }
  return out;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
