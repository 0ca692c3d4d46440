// Every answer the server sends, over a real socket: the security headers on routed answers, /docs,
// errors and both fast paths; every error in the one JSON shape (tus uploads included); operator
// input the database cannot hold refused with 400, never a 500, and nothing of it in the log.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { cellAt } from '@airlock/core';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const TOKEN = 'operator-token-0123456789';
const SHARED = new URL('../../../../../shared/data/airspace/', import.meta.url);
const OPENAIR = readFileSync(new URL('openair/ksgu-airspaces.txt', SHARED), 'utf8');

const API_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

function assertSecurityHeaders(res: Response, what: string, csp = API_HEADERS['content-security-policy']) {
  for (const [name, value] of Object.entries({ ...API_HEADERS, 'content-security-policy': csp }))
    assert.equal(res.headers.get(name), value, `${what}: ${name}`);
}

/** The one error shape, with Content-Type application/json, and the status it claims. */
async function assertJsonError(res: Response, status: number, what: string): Promise<string> {
  assert.equal(res.status, status, `${what}: status`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${what}: content type`);
  const text = await res.text();
  const body = JSON.parse(text) as { error: { code: unknown; message: unknown; status: unknown } };
  assert.equal(typeof body.error.code, 'string', `${what}: code`);
  assert.equal(typeof body.error.message, 'string', `${what}: message`);
  assert.equal(body.error.status, status, `${what}: status in the body`);
  return body.error.message as string;
}

describe('answers: security headers and the one error shape', () => {
  let t: TestServer;
  let pilot: Awaited<ReturnType<TestServer['pilot']>>;
  const montreux = { lon: 6.9125, lat: 46.4334 };
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { headers });
  const operator = { authorization: `Bearer ${TOKEN}` };
  const errorsLogged = () => t.logLines.filter((l) => JSON.parse(l).level === 'error');

  before(async () => {
    t = await startTestServer({ env: { AIRLOCK_ADMIN_TOKEN: TOKEN } });
    await t.services.airspace.importDataset({
      id: 'che',
      files: [
        {
          name: 'che.json',
          text: readFileSync(new URL('ed269/interuss-geo-awareness-che-1.json', SHARED), 'utf8'),
        },
      ],
      licence: 'Apache-2.0',
    });
    pilot = await t.pilot('headers@example.org', 'a long enough passphrase for tests');
  });
  after(() => t.close());

  test('routed answers, errors, the document and /docs carry the security headers', async () => {
    assertSecurityHeaders(await get('/v1/health'), 'health');
    assertSecurityHeaders(await get('/openapi.json'), 'openapi.json');
    const notFound = await get('/v1/nothing-here');
    assertSecurityHeaders(notFound, '404');
    await assertJsonError(notFound, 404, '404');
    const bad = await get('/v1/zones?bbox=1,2,3');
    assertSecurityHeaders(bad, '400');
    await assertJsonError(bad, 400, 'bad bbox');
    const unauthorized = await get('/v1/flightlogs');
    assertSecurityHeaders(unauthorized, '401');
    await assertJsonError(unauthorized, 401, 'no session');

    const docs = await get('/docs');
    assert.equal(docs.status, 200);
    const csp = docs.headers.get('content-security-policy') ?? '';
    assertSecurityHeaders(docs, '/docs', csp);
    assert.match(csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /https?:|\*|unsafe/, 'the page may load nothing from another host');
    const html = await docs.text();
    assert.doesNotMatch(html, /<script|\bsrc=|https?:\/\/(?!github\.com)/i, 'the page loads nothing');
    assert.match(html, /Request body \(application\/json, required\)/, 'request bodies are shown');
  });

  test('the URL-index fast path keeps the headers, the counter and the log line', async () => {
    const cell = `/v1/location/cells/${cellAt(montreux.lon, montreux.lat)}`;
    const first = await get(cell);
    assert.equal(first.status, 200);
    await first.arrayBuffer();
    const logged = t.logLines.length;
    const repeat = await get(cell, { 'accept-encoding': 'gzip' });
    assert.equal(repeat.status, 200);
    assertSecurityHeaders(repeat, 'cell from the URL index');
    const lines = t.logLines.slice(logged).map((l) => JSON.parse(l));
    assert.ok(
      lines.some((l) => l.msg === 'request' && l.cached === true && l.route === '/v1/location/cells/:cellId'),
      'logged by route pattern, as served from the index',
    );
    const revalidated = await get(cell, { 'if-none-match': first.headers.get('etag') ?? '' });
    assert.equal(revalidated.status, 304);
    assertSecurityHeaders(revalidated, '304 from the URL index');
  });

  test('the telemetry ingest fast path keeps the headers, and its errors are the JSON shape', async () => {
    const post = (body: string) =>
      fetch(`${t.url}/v1/telemetry/app_performance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const bad = await post('{not json');
    assertSecurityHeaders(bad, 'ingest 400');
    await assertJsonError(bad, 400, 'ingest of bad JSON');
    const unknownField = await post(JSON.stringify({ device_id: 'abc' }));
    assertSecurityHeaders(unknownField, 'ingest 400 (field)');
    await assertJsonError(unknownField, 400, 'ingest of an undeclared field');
  });

  test('operator input the database cannot hold is a 400 naming the parameter, never a 500', async () => {
    for (const day of ['2026-02-30', '9999-99-99', '2026-13-45', '2026-2-3']) {
      const res = await get(`/v1/admin/stats/requests?from=${day}`, operator);
      assertSecurityHeaders(res, `stats from=${day}`);
      assert.match(await assertJsonError(res, 400, `from=${day}`), /"from"/);
    }
    const ok = await get('/v1/admin/stats/requests?from=2024-02-29&to=2024-03-01', operator);
    assert.equal(ok.status, 200, 'a real leap day is a day');

    const put = (query: string, body: BodyInit, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/v1/admin/datasets/nul-test?format=openair${query}`, {
        method: 'PUT',
        headers: { ...operator, ...headers },
        body,
      });
    assert.match(await assertJsonError(await put('&name=%00', OPENAIR), 400, 'name=%00'), /"name"/);
    assert.match(await assertJsonError(await put('&licence=x%00y', OPENAIR), 400, 'licence'), /"licence"/);
    const nulName = OPENAIR.replace(/^AN .*/m, 'AN BAD\u0000NAME');
    assert.notEqual(nulName, OPENAIR);
    assert.match(await assertJsonError(await put('', nulName), 400, 'NUL in the file'), /\(body\).*NUL/);
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'a\u0000b' },
          geometry: { type: 'Point', coordinates: [7, 46] },
        },
      ],
    });
    const nulJson = await fetch(`${t.url}/v1/admin/datasets/nul-json?format=geojson`, {
      method: 'PUT',
      headers: operator,
      body: geojson,
    });
    await assertJsonError(nulJson, 400, 'GeoJSON with \\u0000');
    const noBoundary = await put('', 'airports', { 'content-type': 'multipart/form-data' });
    assert.match(await assertJsonError(noBoundary, 400, 'multipart without boundary'), /boundary/);
    const badMultipart = await put('', 'not multipart at all', {
      'content-type': 'multipart/form-data; boundary=xyz',
    });
    await assertJsonError(badMultipart, 400, 'multipart that is not');

    assert.deepEqual(errorsLogged(), [], 'no request above was a server fault');
    const all = t.logLines.join('\n');
    for (const value of ['2026-02-30', '9999-99-99', 'BAD', 'invalid byte sequence'])
      assert.ok(!all.includes(value), `the log repeats "${value}"`);
  });

  test('every operation with a body, sent multipart without a boundary: a 4xx in the JSON shape', async () => {
    const doc = (await (await get('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    let tried = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods).filter((m) => ['post', 'put', 'patch'].includes(m))) {
        const url = path.replace(/\{[^}]+\}/g, 'x1');
        for (const auth of [{}, operator, pilot.auth]) {
          const res = await fetch(`${t.url}${url}`, {
            method: method.toUpperCase(),
            headers: { ...auth, 'content-type': 'multipart/form-data', 'x-airlock-csrf': '1' },
            body: 'field=value',
          });
          tried++;
          const what = `${method.toUpperCase()} ${url}`;
          assert.ok(res.status < 500, `${what}: ${res.status} ${await res.clone().text()}`);
          if (res.status >= 400) await assertJsonError(res, res.status, what);
          else await res.arrayBuffer();
          assertSecurityHeaders(res, what);
        }
      }
    }
    assert.ok(tried >= 15, `${tried} requests`);
    assert.deepEqual(errorsLogged(), []);
  });

  test('tus upload errors are the JSON shape; unsupported extensions are a 400, not a 501', async () => {
    const uploads = `${t.url}/v1/flightlogs/uploads`;
    const tus = { ...pilot.auth, 'tus-resumable': '1.0.0' };
    const sha = 'a'.repeat(64);
    const metadata = `sha256 ${Buffer.from(sha).toString('base64')}`;
    const create = (headers: Record<string, string>) =>
      fetch(uploads, { method: 'POST', headers: { ...tus, ...headers } });

    const noVersion = await fetch(uploads, {
      method: 'POST',
      headers: { ...pilot.auth, 'upload-length': '10', 'upload-metadata': metadata },
    });
    await assertJsonError(noVersion, 412, 'no Tus-Resumable');
    assertSecurityHeaders(noVersion, 'tus 412');
    await assertJsonError(await create({ 'upload-metadata': metadata }), 400, 'no Upload-Length');
    await assertJsonError(
      await create({ 'upload-length': '10' }),
      400,
      'no sha256 in the metadata (Airlock’s own error)',
    );
    await assertJsonError(
      await create({ 'upload-length': String(2 ** 40), 'upload-metadata': metadata }),
      413,
      'too large',
    );
    const unsupported: Array<Record<string, string>> = [
      { 'upload-concat': 'partial' },
      { 'upload-defer-length': '1' },
    ];
    for (const h of unsupported) {
      const res = await create({ ...h, 'upload-metadata': metadata });
      assert.match(await assertJsonError(res, 400, Object.keys(h)[0]), /not supported/);
      assert.equal(res.headers.get('tus-resumable'), '1.0.0');
    }
    await assertJsonError(
      await fetch(`${uploads}/nope`, {
        method: 'PATCH',
        headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        body: 'x',
      }),
      404,
      'PATCH of an unknown upload',
    );
    const made = await create({ 'upload-length': '10', 'upload-metadata': metadata });
    assert.equal(made.status, 201);
    const url = new URL(made.headers.get('location') ?? '', t.url).href;
    const conflict = await fetch(url, {
      method: 'PATCH',
      headers: { ...tus, 'upload-offset': '5', 'content-type': 'application/offset+octet-stream' },
      body: 'x',
    });
    await assertJsonError(conflict, 409, 'offset conflict');
    const wrongType = await fetch(url, {
      method: 'PATCH',
      headers: { ...tus, 'upload-offset': '0', 'content-type': 'text/plain' },
      body: 'x',
    });
    assert.ok(wrongType.status >= 400 && wrongType.status < 500, `PATCH text/plain: ${wrongType.status}`);
    await assertJsonError(wrongType, wrongType.status, 'PATCH with the wrong content type');
    await fetch(url, { method: 'DELETE', headers: tus });
  });
});
