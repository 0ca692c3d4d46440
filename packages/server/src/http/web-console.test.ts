import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { OpenAPIHono } from '@hono/zod-openapi';
import { consolePolicy, registerConsole } from './web-console.ts';

function builtConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-console-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>',
  );
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'app-1234.js.gz'), gzipSync('console.log(1)'));
  writeFileSync(join(dir, '.inputs'), 'secret-ish build state');
  return dir;
}

const html = { accept: 'text/html' };

test('a configured tile host is the one other origin in the page policy', () => {
  assert.equal(consolePolicy().includes('https:'), false);
  const p = consolePolicy('https://tiles.example.org/{z}/{x}/{y}.png');
  assert.match(p, /img-src 'self' data: https:\/\/tiles\.example\.org;/);
  assert.match(p, /connect-src 'self' https:\/\/tiles\.example\.org;/);
  assert.match(p, /^default-src 'self';/);
});

test('pages get index.html with the map settings as escaped <meta> tags; dotfiles and escapes do not', async () => {
  const app = new OpenAPIHono();
  app.get('/v1/health', (c) => c.json({ ok: true }));
  registerConsole(app, {
    dir: builtConsole(),
    tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
    tileAttribution: '© "OSM" <contributors>',
  });
  const page = await app.request('/flights/123', { headers: html });
  assert.equal(page.status, 200);
  const text = await page.text();
  assert.match(
    text,
    /<meta name="airlock-map-tiles" content="https:\/\/tiles.example.org\/\{z\}\/\{x\}\/\{y\}.png" \/>/,
  );
  assert.match(text, /content="© &quot;OSM&quot; &lt;contributors&gt;"/);
  assert.equal(
    (await app.request('/v1/health', { headers: html })).headers.get('content-type'),
    'application/json',
  );
  for (const path of ['/.inputs', '/assets/..%2f.inputs', '/%2e%2e/etc/passwd', '/assets/%00.js']) {
    const r = await app.request(path, { headers: html });
    assert.doesNotMatch(await r.text(), /secret-ish|root:/, path);
  }
  assert.equal((await app.request('/assets/missing.js')).status, 404);
  const gz = await app.request('/assets/app-1234.js', { headers: { 'accept-encoding': 'gzip, br' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  const plain = await app.request('/assets/app-1234.js');
  assert.equal(await plain.text(), 'console.log(1)');
  assert.equal(plain.headers.get('vary'), 'Accept-Encoding');
});

test('without a build, a page says how to build it instead of a blank 404', async () => {
  const app = new OpenAPIHono();
  registerConsole(app, { dir: join(tmpdir(), 'airlock-no-such-console') });
  const r = await app.request('/', { headers: html });
  assert.equal(r.status, 503);
  assert.match(await r.text(), /npm run build/);
});
