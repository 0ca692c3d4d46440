/**
 * Tests only: a fetch for the SDK that really goes to the loopback server, and can misbehave like a
 * mobile network: cut a PATCH after some bytes, drop an answer that was already processed, or be off.
 */
import { Readable } from 'node:stream';
import type { FetchInit, FetchLike, FetchResponseLike } from '@airlock/sdk';

export interface SentRequest {
  method: string;
  url: string;
  bodyBytes: number;
}

export interface SyncNetwork {
  fetch: FetchLike;
  sent: SentRequest[];
  /** PATCH bytes after which the connection drops mid-request (the server keeps what arrived). */
  cutPatchAfter: number | null;
  /** Everything fails as if there were no network. */
  offline: boolean;
  /** The next answer carrying a log id is lost on its way back (the server did the work). */
  dropNextLogIdAnswer: boolean;
  patchBytes: number;
}

export function syncNetwork(): SyncNetwork {
  const net: SyncNetwork = {
    sent: [],
    cutPatchAfter: null,
    offline: false,
    dropNextLogIdAnswer: false,
    patchBytes: 0,
    fetch: async (url: string, init: FetchInit): Promise<FetchResponseLike> => {
      if (net.offline) throw new TypeError('fetch failed: network is off');
      const body = init.body;
      const size = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
      net.sent.push({ method: init.method, url, bodyBytes: size });
      if (init.method === 'PATCH' && body instanceof Uint8Array && net.cutPatchAfter !== null) {
        const room = net.cutPatchAfter - net.patchBytes;
        if (room < body.length) {
          net.cutPatchAfter = null;
          net.offline = true;
          await cutMidBody(url, init, body.subarray(0, Math.max(0, room)));
          net.patchBytes += Math.max(0, room);
          throw new TypeError('fetch failed: connection lost mid-upload');
        }
      }
      if (init.method === 'PATCH') net.patchBytes += size;
      const res = await fetch(url, init as RequestInit);
      if (net.dropNextLogIdAnswer && res.headers.get('airlock-flightlog-id')) {
        net.dropNextLogIdAnswer = false;
        throw new TypeError('fetch failed: connection reset before the answer');
      }
      return res;
    },
  };
  return net;
}

/** Streams `part` of a PATCH body, then drops the connection the way a lost radio link does. */
async function cutMidBody(url: string, init: FetchInit, part: Uint8Array): Promise<void> {
  const abort = new AbortController();
  let pushed = false;
  const stream = new Readable({
    read() {
      if (!pushed) {
        pushed = true;
        this.push(Buffer.from(part));
      } else setTimeout(() => abort.abort(), 300);
    },
  });
  await fetch(url, {
    method: init.method,
    headers: init.headers,
    body: Readable.toWeb(stream) as ReadableStream,
    duplex: 'half',
    signal: abort.signal,
  } as RequestInit).catch(() => null);
  // The server notices the broken request and keeps the bytes that arrived before answering a HEAD.
  await new Promise((r) => setTimeout(r, 300));
}
