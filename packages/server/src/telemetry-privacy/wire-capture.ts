// Test-only: what crossed the loopback, byte for byte, and scans for what must never be kept.
import { createHash } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';

export interface CapturedRequest {
  /** Order of arrival (request fully received). */
  seq: number;
  method: string;
  url: string;
  /** Header names lower-case, as they were on the wire. */
  headers: Record<string, string>;
  body: Buffer;
  sha256: string;
}

export function sha256Of(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

type Parsed = Omit<CapturedRequest, 'seq' | 'sha256'>;

/** The body of a chunked message and the bytes it took, or null while incomplete (no trailers). */
function readChunked(buf: Buffer): { body: Buffer; used: number } | null {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', pos);
    if (eol < 0) return null;
    const size = Number.parseInt(buf.subarray(pos, eol).toString('latin1').split(';')[0], 16);
    pos = eol + 2;
    if (buf.length < pos + size + 2) return null;
    if (size === 0) return { body: Buffer.concat(parts), used: pos + 2 };
    parts.push(buf.subarray(pos, pos + size));
    pos += size + 2;
  }
}

/** Splits one connection's client-to-server bytes into HTTP/1.1 requests (keep-alive included). */
function requestParser(emit: (r: Parsed) => void) {
  let buf = Buffer.alloc(0);
  return (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const headEnd = buf.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const [requestLine, ...lines] = buf.subarray(0, headEnd).toString('latin1').split('\r\n');
      const [method, url] = requestLine.split(' ');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const rest = buf.subarray(headEnd + 4);
      let body: Buffer;
      let used: number;
      if ((headers['transfer-encoding'] ?? '').includes('chunked')) {
        const chunked = readChunked(rest);
        if (!chunked) return;
        ({ body, used } = chunked);
      } else {
        used = Number(headers['content-length'] ?? 0);
        if (rest.length < used) return;
        body = Buffer.from(rest.subarray(0, used));
      }
      buf = Buffer.from(rest.subarray(used));
      emit({ method, url, headers, body });
    }
  };
}

export interface WireTap {
  /** Where the SDK is pointed: the tap forwards every byte to the server unchanged. */
  url: string;
  captured: CapturedRequest[];
  close(): Promise<void>;
}

/**
 * A loopback TCP tap in front of the real server: it records the raw bytes of every request as they
 * cross the network, then forwards them untouched. (Reading bodies in the HTTP server's 'request'
 * event would race the app's own body reader; the tap changes nothing on the server.)
 */
export async function startWireTap(serverPort: number): Promise<WireTap> {
  const captured: CapturedRequest[] = [];
  const sockets = new Set<Socket>();
  let seq = 0;
  const tap = createServer((client) => {
    const upstream = connect(serverPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const parse = requestParser((r) => captured.push({ ...r, seq: seq++, sha256: sha256Of(r.body) }));
    client.on('data', (d: Buffer) => {
      parse(d);
      upstream.write(d);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => tap.listen(0, '127.0.0.1', resolve));
  const address = tap.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    captured,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        tap.close(() => resolve());
      }),
  };
}

/** Every textual form a coordinate could leak in: 3+ decimals, scaled integers. */
export function coordinatePatterns(lon: number, lat: number): RegExp[] {
  const out: RegExp[] = [];
  for (const v of [lon, lat]) {
    out.push(new RegExp(Math.abs(v).toFixed(3).replace('.', '\\.')));
    out.push(new RegExp(String(Math.round(Math.abs(v) * 1e7)).slice(0, 6)));
  }
  return out;
}

export const GENERIC_LEAKS: Array<[string, RegExp]> = [
  ['IPv4 address', /\b(?:\d{1,3}\.){3}\d{1,3}\b/],
  ['IPv6 loopback or mapped address', /(?:^|[^\w:])::1\b|::ffff:/i],
  ['coordinate pair', /-?\d{1,3}\.\d{3,}\s*,\s*-?\d{1,3}\.\d{3,}/],
  ['e-mail address', /[\w.+-]+@[\w-]+\.[\w.]+/],
  ['home directory', /\/(?:Users|home)\/\w+/],
];

/** Findings (empty when clean): each names the place, what matched and a short excerpt. */
export function leaksIn(place: string, text: string, patterns: Array<[string, RegExp]>): string[] {
  const out: string[] = [];
  for (const [what, re] of patterns) {
    const m = re.exec(text);
    if (m) out.push(`${place}: ${what}: …${text.slice(Math.max(0, m.index - 30), m.index + 50)}…`);
  }
  return out;
}
