// How the server serves the console (its own policy beside the API's, cached assets, JSON 404s for
// non-browsers), and that the console's typed API client (packages/web/src/api/openapi.gen.ts) still
// matches the server's /openapi.json. No browser: plain requests to the shared console server.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import type { TestServer } from '../../../packages/server/src/testing/test-server.ts';
import { API_TYPES_FILE, apiTypes } from '../../../packages/web/scripts/api-types.ts';
import { pageSizes } from '../../../packages/web/scripts/build-web.mjs';
import type { ConsoleRun } from '../console-fixtures.ts';

export function servingTests(run: ConsoleRun): void {
  describe('the server serving the console', () => {
    let t: TestServer;
    before(() => {
      t = run.t;
    });

    test('the server serves the console beside the API, each with its own policy', async () => {
      const html = await fetch(`${t.url}/flights/any-id`, { headers: { accept: 'text/html' } });
      assert.equal(html.status, 200);
      assert.equal(html.headers.get('cache-control'), 'no-cache');
      const csp = html.headers.get('content-security-policy') ?? '';
      assert.match(csp, /^default-src 'self';/);
      assert.doesNotMatch(csp, /unsafe|blob:|\*/);
      assert.equal(html.headers.get('x-frame-options'), 'DENY');
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
      assert.ok(asset);
      const js = await fetch(`${t.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(js.headers.get('content-encoding'), 'gzip');
      // The API keeps its answers, its 404s and its own policy whatever a browser accepts.
      for (const path of [
        '/v1/nope',
        '/openapi.json',
        '/docs',
        '/v1/health',
        '/assets/nope.js',
        '/assets/..%2f..%2fpackage.json',
      ]) {
        const r = await fetch(`${t.url}${path}`, { headers: { accept: 'text/html' } });
        assert.doesNotMatch(r.headers.get('content-security-policy') ?? '', /default-src 'self'/, path);
        if (path.startsWith('/assets') || path === '/v1/nope') assert.equal(r.status, 404, path);
      }
      // A non-browser asking for an unknown path gets the API's JSON 404, not a page.
      assert.equal((await fetch(`${t.url}/nope`)).status, 404);
      assert.ok(pageSizes().first < 150 * 1024, `first page JS ${pageSizes().first} B gzip`);
    });

    test("the console's typed API client matches the server's /openapi.json", async () => {
      const doc = await (await fetch(`${t.url}/openapi.json`)).json();
      const want = (await apiTypes(doc)).split('\n');
      const have = readFileSync(API_TYPES_FILE, 'utf8').split('\n');
      const at = want.findIndex((line, i) => line !== have[i]);
      assert.ok(
        at === -1 && want.length === have.length,
        `openapi.gen.ts differs from line ${at + 1}: ${JSON.stringify(want[at])} expected, ${JSON.stringify(have[at])} found. A route changed: run \`npm run api -w @airlock/web\`, then \`npm run typecheck\``,
      );
    });
  });
}
