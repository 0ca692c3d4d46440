import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { KEYS_PATH, OHTTP_KEYS_TYPE, OHTTP_REQUEST_TYPE } from '@airlock/core/ohttp';
import type { RelayCounts } from './relay-counts.ts';

export interface RelayOptions {
  /** The gateway's POST URL (…/.well-known/ohttp). */
  gatewayUrl: URL;
  /** Where the gateway's keys are read; default: the gateway's origin + KEYS_PATH. */
  keysUrl?: URL;
  /** Largest encapsulated request forwarded (the gateway's own limit is 128 KiB + 55). */
  maxBodyBytes?: number;
  timeoutMs?: number;
}

/** What the relay answers itself, in the server's one JSON error shape. */
function fail(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message, status } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The request's body, or undefined (and a 413 sent) when it is over `max` bytes. */
function readBody(req: IncomingMessage, res: ServerResponse, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        fail(res, 413, 'body_too_large', `an encapsulated request is at most ${max} bytes`);
        req.destroy();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The relay's request handler (RFC 9458 6.2): an encapsulated request is forwarded to the gateway as
 * a new request with exactly two fields, Content-Type and Content-Length (plus Host and Connection,
 * which HTTP itself needs), and the answer comes back with the same two. Nothing of the client's own
 * request is passed on, no Forwarded or Via is added, and nothing is logged per request: the client's
 * address is never even read. The gateway sees the relay's address; the relay never sees plaintext.
 */
export function relayHandler(options: RelayOptions, counts: RelayCounts) {
  const gateway = options.gatewayUrl;
  const keysUrl = options.keysUrl ?? new URL(KEYS_PATH, gateway);
  const max = options.maxBodyBytes ?? 128 * 1024 + 55;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const secure = gateway.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  let keys: { body: Buffer; cacheControl: string; until: number } | undefined;

  /** One request to the gateway; resolves with its status, content type and body. */
  const upstream = (url: URL, method: string, headers: Record<string, string | number>, body?: Buffer) =>
    new Promise<{ status: number; type: string; headers: IncomingMessage['headers']; body: Buffer }>(
      (resolve, reject) => {
        const r = send(url, { method, headers, agent, timeout: timeoutMs }, (up) => {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () =>
            resolve({
              status: up.statusCode ?? 502,
              type: up.headers['content-type'] ?? 'application/octet-stream',
              headers: up.headers,
              body: Buffer.concat(chunks),
            }),
          );
          up.on('error', reject);
        });
        r.on('timeout', () => r.destroy(Object.assign(new Error('gateway timeout'), { code: 'ETIMEDOUT' })));
        r.on('error', reject);
        r.end(body);
      },
    );

  const upstreamFailed = (res: ServerResponse, e: NodeJS.ErrnoException) => {
    counts.upstreamErrors++;
    if (e.code === 'ETIMEDOUT')
      fail(res, 504, 'gateway_timeout', `the gateway did not answer in ${timeoutMs} ms`);
    else fail(res, 502, 'gateway_unreachable', 'the gateway could not be reached');
  };

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers['content-type'] !== OHTTP_REQUEST_TYPE) {
      counts.refused++;
      req.resume();
      return fail(res, 415, 'unsupported_media_type', `the body must be ${OHTTP_REQUEST_TYPE}`);
    }
    const body = await readBody(req, res, max);
    if (body === undefined) return void counts.refused++;
    try {
      const up = await upstream(
        gateway,
        'POST',
        { 'content-type': OHTTP_REQUEST_TYPE, 'content-length': body.length },
        body,
      );
      counts.forwarded++;
      res.writeHead(up.status, { 'content-type': up.type, 'content-length': up.body.length });
      res.end(up.body);
    } catch (e) {
      upstreamFailed(res, e as NodeJS.ErrnoException);
    }
  }

  /**
   * The gateway's keys, fetched by the relay and served to every client alike (cached as long as the
   * gateway allows): the gateway sees one reader, and cannot hand one client a key of its own.
   */
  async function serveKeys(res: ServerResponse): Promise<void> {
    counts.keys++;
    if (!keys || Date.now() >= keys.until) {
      try {
        const up = await upstream(keysUrl, 'GET', {});
        if (up.status !== 200 || up.type !== OHTTP_KEYS_TYPE)
          throw Object.assign(new Error('keys'), { code: 'EKEYS' });
        const cacheControl = String(up.headers['cache-control'] ?? 'no-store');
        const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1] ?? 0);
        keys = { body: up.body, cacheControl, until: Date.now() + maxAge * 1000 };
      } catch (e) {
        return upstreamFailed(res, e as NodeJS.ErrnoException);
      }
    }
    res.writeHead(200, {
      'content-type': OHTTP_KEYS_TYPE,
      'content-length': keys.body.length,
      'cache-control': keys.cacheControl,
    });
    res.end(keys.body);
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '/';
    let done: Promise<void>;
    if (req.method === 'POST' && path === '/') done = forward(req, res);
    else if (req.method === 'GET' && path === KEYS_PATH) {
      req.resume();
      done = serveKeys(res);
    } else {
      counts.refused++;
      req.resume();
      fail(res, 404, 'not_found', `the relay answers POST / (${OHTTP_REQUEST_TYPE}) and GET ${KEYS_PATH}`);
      return;
    }
    done.catch(() => {
      if (!res.headersSent) fail(res, 400, 'bad_request', 'the request could not be read');
      else res.destroy();
    });
  };
  return Object.assign(handler, { close: () => agent.destroy() });
}
