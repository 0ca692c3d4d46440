import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';

/** Where `npm install` builds the console (packages/web, scripts/build-web.mjs). */
export const CONSOLE_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** The API's own paths: never answered with a console page, whatever the browser accepts. */
const API_PATH = /^\/(v1(\/|$)|docs\/?$|openapi\.json$)/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface ConsoleOptions {
  dir: string;
  /** A raster tile URL template for the console's maps; without one they ask no host for tiles. */
  tileUrl?: string;
  tileAttribution?: string;
}

/**
 * The console's page policy: everything from this server only, MapLibre's worker included (a file,
 * never a blob: URL), no inline script or style. Images may be data: URLs (MapLibre's control icons
 * are, in its stylesheet). A configured tile host is the one other origin, for images and fetches.
 */
export function consolePolicy(tileUrl?: string): string {
  const tiles = tileUrl ? ` ${new URL(tileUrl.replace(/\{[^}]*\}/g, '0')).origin}` : '';
  return [
    "default-src 'self'",
    `img-src 'self' data:${tiles}`,
    `connect-src 'self'${tiles}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Serves the built console at /: hashed assets cached for a year, index.html revalidated every time,
 * and index.html for any other page a browser asks for (the console routes in the page), except the
 * API's paths, which keep their JSON answers and 404s. Precompressed .gz files are sent to browsers
 * that take gzip. Registered after every API route, so it never shadows one.
 */
export function registerConsole(app: OpenAPIHono, options: ConsoleOptions): void {
  const policy = consolePolicy(options.tileUrl);
  const index = pageLoader(options);
  app.get('*', async (c, next) => {
    const path = safePath(c.req.path);
    if (path === null || API_PATH.test(c.req.path)) return next();
    if (path !== '/' && path !== '/index.html') {
      const served = await sendFile(c, join(options.dir, path), path.startsWith('/assets/'), policy);
      if (served) return served;
      if (path.startsWith('/assets/') || !c.req.header('accept')?.includes('text/html')) return next();
    }
    const html = await index();
    c.header('Content-Security-Policy', policy);
    c.header('Cache-Control', 'no-cache');
    if (html === null) return c.text('The web console is not built: run `npm run build` and reload.', 503);
    return c.html(html);
  });
}

/** The request path if it names a file inside the console folder: no dot-segments or dotfiles. */
function safePath(raw: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\') || /\/\./.test(path)) return null;
  return path;
}

/** A worker gets the policy its script is sent with, so assets carry the page's policy too. */
async function sendFile(
  c: Context,
  file: string,
  immutable: boolean,
  policy: string,
): Promise<Response | null> {
  const type = TYPES[extname(file)];
  if (!type || !(await isFile(file))) return null;
  c.header('Content-Security-Policy', policy);
  const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '') && (await isFile(`${file}.gz`));
  const body = await readFile(gzip ? `${file}.gz` : file);
  c.header('Content-Type', type);
  c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
  c.header('Vary', 'Accept-Encoding');
  if (gzip) c.header('Content-Encoding', 'gzip');
  return c.body(new Uint8Array(body), 200);
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** index.html with the map settings as <meta> tags, read again only when the file changes (a rebuild). */
function pageLoader(options: ConsoleOptions): () => Promise<string | null> {
  const file = join(options.dir, 'index.html');
  const metas = [
    ['airlock-map-tiles', options.tileUrl],
    ['airlock-map-attribution', options.tileAttribution],
  ]
    .filter(([, v]) => v)
    .map(([name, v]) => `<meta name="${name}" content="${escapeAttribute(v ?? '')}" />`)
    .join('');
  let cached: { mtime: number; html: string } | null = null;
  return async () => {
    const s = await stat(file).catch(() => null);
    if (!s) return null;
    if (cached?.mtime !== s.mtimeMs) {
      const html = await readFile(file, 'utf8');
      cached = { mtime: s.mtimeMs, html: html.replace('</head>', `${metas}</head>`) };
    }
    return cached.html;
  };
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
