import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** The part of a fetch Response the CLI and the SDK read (the SDK's FetchResponseLike). */
export interface Answer {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/**
 * One HTTP request with node:http. Not fetch: Node 20 loads fetch's implementation (undici) on first
 * use, which cost the `airlock` command more than everything else it does (0.5–0.8 s here). The
 * connection is closed after the answer, so the command exits at once.
 */
export function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const u = new URL(url);
  const body = typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
  const headers: Record<string, string> = { connection: 'close', ...init.headers };
  if (body) headers['content-length'] = String(body.byteLength);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(u, { method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({
          status,
          ok: status >= 200 && status < 300,
          headers: {
            get: (name) => {
              const v = res.headers[name.toLowerCase()];
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
            },
          },
          text: async () => text,
          json: async () => JSON.parse(text),
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A multipart/form-data body of named files (RFC 7578), for the OurAirports pair. */
export function multipart(files: Array<{ field: string; name: string; text: string }>): {
  body: Buffer;
  contentType: string;
} {
  const boundary = `airlock-${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    const safe = f.name.replace(/["\r\n\\]/g, '_');
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${f.field}"; filename="${safe}"\r\n` +
          'content-type: text/plain; charset=utf-8\r\n\r\n',
      ),
      Buffer.from(f.text),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
