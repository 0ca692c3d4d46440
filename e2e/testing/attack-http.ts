// The attack tests' HTTP client. node:http sends the request target exactly as given (fetch would
// normalise `%2e%2e` into `..` and drop the segment), and any body bytes, so the server sees what an
// attacker's client sends. Every request has a deadline: a server that never answers is a failure.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

export interface AttackRequest {
  method: string;
  /** The request target, sent byte for byte (latin1: characters U+0080–U+00FF become single bytes). */
  target: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface AttackAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ms: number;
}

export class RequestTimeout extends Error {
  constructor(what: string, ms: number) {
    super(`no answer within ${ms} ms: ${what}`);
    this.name = 'RequestTimeout';
  }
}

/** A keep-alive client for one server; `send` rejects with RequestTimeout past `timeoutMs`. */
export function attackClient(baseUrl: string, timeoutMs: number, sockets = 8) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  function send(r: AttackRequest): Promise<AttackAnswer> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...r.headers };
      if (r.body !== undefined) headers['content-length'] = String(r.body.length);
      const req = request(
        { host: hostname, port, method: r.method, path: r.target, headers, agent, insecureHTTPParser: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              ms: performance.now() - started,
            });
          });
          res.on('error', fail);
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        reject(new RequestTimeout(`${r.method} ${r.target}`, timeoutMs));
      }, timeoutMs);
      function fail(e: Error) {
        clearTimeout(timer);
        reject(e);
      }
      req.on('error', fail);
      req.end(r.body);
    });
  }
  return { send, close: () => agent.destroy() };
}

/**
 * Bytes written to a fresh socket as they are (a request line Node's own client would refuse to
 * send), and everything the server writes back until it closes or `timeoutMs` passes.
 */
export function rawExchange(port: number, bytes: Buffer, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', done);
    socket.on('error', done);
    socket.write(bytes);
  });
}

/** A raw HTTP answer's status, Content-Type and body (Content-Length framed or to the end). */
export function parseRawAnswer(text: string): { status: number; contentType: string; body: string } {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const contentType = /\r\ncontent-type:\s*([^\r\n]*)/i.exec(head)?.[1] ?? '';
  return { status, contentType, body: split < 0 ? '' : text.slice(split + 4) };
}
