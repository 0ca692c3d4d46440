import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { utcDay } from '@airlock/core';
import { type ServerType, serve } from '@hono/node-server';
import { AirspaceService } from '../../airspace/index.ts';
import { loadConfig } from '../../config/index.ts';
import { createLogger } from '../../log/index.ts';
import { RequestCounters } from '../../metrics/index.ts';
import { createIpCountryLookup } from '../../region-ip/index.ts';
import { type Database, migrate, openPgliteDatabase } from '../../storage/index.ts';
import { TelemetryService } from '../../telemetry/index.ts';
import { scanForPersonalData } from '../../testing/privacy-scan.ts';
import { appPerformanceReport, userExperienceReport } from '../../testing/test-reports.ts';
import { createApp } from '../app.ts';

const TOKEN = 'operator-token-0123456789';
const TODAY = utcDay();
const UA = 'DroneFly/2.4.1 (Pixel 8; Android 14) okhttp/4.12';
const IP = '203.0.113.77';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A raw HTTP request over a socket: what an app's HTTP client sends, Content-Length as given. */
function httpRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Buffer[],
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const r = request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    r.on('error', reject);
    if (Array.isArray(body)) for (const chunk of body) r.write(chunk);
    else if (body !== undefined) r.write(body);
    r.end();
  });
}

// The same tests through the router (app.request) and over a real socket, where ingest is read
// straight from Node's request ahead of the router (ingestFromNode).
for (const via of ['router', 'socket'] as const)
  describe(`telemetry routes (${via})`, () => {
    let db: Database;
    let app: ReturnType<typeof createApp>;
    let telemetry: TelemetryService;
    let server: ServerType | undefined;
    let base = '';
    const logs: string[] = [];
    before(async () => {
      db = await openPgliteDatabase();
      await migrate(db);
      const log = createLogger('debug', (l) => logs.push(l));
      telemetry = new TelemetryService(db, { log, minGroup: 3 });
      const config = loadConfig({ AIRLOCK_ADMIN_TOKEN: TOKEN, AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false' });
      app = createApp({
        config,
        log,
        airspace: new AirspaceService(db, log),
        counters: new RequestCounters(db),
        ipCountry: createIpCountryLookup,
        telemetry,
      });
      if (via === 'socket') {
        server = await new Promise<ServerType>((resolve) => {
          const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
        });
        const address = server.address() as AddressInfo;
        base = `http://127.0.0.1:${address.port}`;
      }
    });
    after(async () => {
      if (server) await new Promise((r) => server?.close(r));
      await telemetry.close();
      await db.close();
    });

    const post = async (category: string, body: unknown, headers: Record<string, string> = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const all = { 'content-type': 'application/json', 'user-agent': UA, 'x-forwarded-for': IP, ...headers };
      if (via === 'router')
        return app.request(`/v1/telemetry/${category}`, { method: 'POST', headers: all, body: text });
      const a = await httpRequest(
        `${base}/v1/telemetry/${category}`,
        'POST',
        {
          'content-length': String(Buffer.byteLength(text)),
          ...all,
        },
        text,
      );
      return new Response(a.text, { status: a.status, headers: a.headers as Record<string, string> });
    };

    test('valid reports are accepted with 202 and the number of events or flights, and no cookie', async () => {
      const r = await post('app_performance', appPerformanceReport(TODAY));
      assert.equal(r.status, 202);
      assert.deepEqual(await r.json(), { accepted: 4 });
      assert.equal(r.headers.get('set-cookie'), null);
      const u = await post('user_experience', userExperienceReport(TODAY, 3));
      assert.equal(u.status, 202);
      assert.deepEqual(await u.json(), { accepted: 3 });
    });

    const rejections: Array<[string, string, unknown, RegExp]> = [
      [
        'undeclared feature',
        'app_performance',
        appPerformanceReport(TODAY, { events: [{ kind: 'feature', name: 'map.zoom', count: 1 }] }),
        /events\[0\]\.name: "map\.zoom" is not a declared field/,
      ],
      [
        'unknown field (identifier)',
        'app_performance',
        appPerformanceReport(TODAY, { device_id: 'abc123' }),
        /device_id: unknown field/,
      ],
      [
        'coordinates on a flight',
        'user_experience',
        {
          ...userExperienceReport(TODAY),
          flights: [{ ...userExperienceReport(TODAY).flights[0], lat: 47.45 }],
        },
        /flights\[0\]\.lat: unknown field/,
      ],
      [
        'wrong type',
        'app_performance',
        appPerformanceReport(TODAY, { events: [{ kind: 'feature', name: 'map.open', count: 'many' }] }),
        /events\[0\]\.count: /,
      ],
      [
        'oversize stack',
        'app_performance',
        appPerformanceReport(TODAY, {
          events: [{ ...appPerformanceReport(TODAY).events[0], stack: 'x'.repeat(4001) }],
        }),
        /events\[0\]\.stack: /,
      ],
      ['too many flights', 'user_experience', userExperienceReport(TODAY, 51), /flights: /],
      [
        'a future day',
        'user_experience',
        { ...userExperienceReport(TODAY), day: '2999-01-01' },
        /day: must be today or within the last 7 days/,
      ],
      ['not JSON', 'app_performance', '{"v":1,', /\(body\): not valid JSON/],
      // A message that echoes non-ASCII must still be sent whole (Content-Length counts bytes).
      [
        'a non-ASCII unknown field',
        'app_performance',
        appPerformanceReport(TODAY, { gerät_nummer: 'x' }),
        /gerät_nummer: unknown field/,
      ],
    ];
    for (const [what, category, body, expected] of rejections) {
      test(`400 for ${what}, naming the field`, async () => {
        const r = await post(category, body);
        assert.equal(r.status, 400);
        const { error } = await r.json();
        assert.equal(error.status, 400);
        assert.match(error.message, expected);
      });
    }

    test('413 for a body over 64 KiB', async () => {
      const big = JSON.stringify({ ...appPerformanceReport(TODAY), pad: 'x'.repeat(70 * 1024) });
      const r = await post('app_performance', big);
      assert.equal(r.status, 413);
      assert.match((await r.json()).error.message, /64 KiB/);
      // Refused from the Content-Length header alone, before the body is read.
      const declared = await post('app_performance', JSON.stringify(appPerformanceReport(TODAY)), {
        'content-length': String(70 * 1024),
      });
      assert.equal(declared.status, 413);
    });

    test('the statistics need the operator token and suppress small groups', async () => {
      assert.equal((await app.request('/v1/admin/stats/telemetry')).status, 401);
      for (let i = 0; i < 3; i++)
        assert.equal((await post('app_performance', appPerformanceReport(TODAY))).status, 202);
      const r = await app.request(
        `/v1/admin/stats/telemetry?from=${TODAY}&to=${TODAY}&category=app_performance`,
        {
          headers: { authorization: `Bearer ${TOKEN}` },
        },
      );
      assert.equal(r.status, 200);
      const stats = await r.json();
      assert.equal(stats.privacy.min_group, 3);
      const all = stats.counters.find((c: { dimension: string }) => c.dimension === 'report');
      assert.equal(all.reports, 4);
      const feature = stats.counters.find((c: { value: string }) => c.value === 'map.open');
      assert.deepEqual([feature.reports, feature.total], [4, 20]);
      assert.equal(stats.errors.length, 1);
      assert.equal(stats.errors[0].crashes, 4);
      assert.doesNotMatch(stats.errors[0].sample_stack, /alice|example\.com|47\.45/);
      const bad = await app.request('/v1/admin/stats/telemetry?from=2026-13-01', {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(bad.status, 400);
      assert.match((await bad.json()).error.message, /from/);
    });

    test('after ingest, no table holds an IP, a user agent, a coordinate or a raw event row', async () => {
      await telemetry.flush();
      const rowCount = async () => {
        const { rows } = await db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`,
        );
        let n = 0;
        for (const t of rows)
          n += Number(
            (await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t.table_name}`)).rows[0].n,
          );
        return n;
      };
      const before = await rowCount();
      // Fifty more reports like those already seen add to counters and write no row at all.
      for (let i = 0; i < 50; i++)
        assert.equal((await post('app_performance', appPerformanceReport(TODAY))).status, 202);
      await telemetry.flush();
      assert.equal(await rowCount(), before, 'identical reports only add to existing rows');
      // Every table, not only telemetry's: nothing about the requests may be anywhere.
      assert.deepEqual(await scanForPersonalData(db, { ip: IP, userAgent: UA }, ''), []);
    });

    if (via === 'socket') {
      test('a chunked body growing past 64 KiB is read to its end and answered 413', async () => {
        const chunk = Buffer.from('x'.repeat(16 * 1024));
        const a = await httpRequest(
          `${base}/v1/telemetry/app_performance`,
          'POST',
          { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          [Buffer.from('{"v":1,"pad":"'), chunk, chunk, chunk, chunk, chunk, Buffer.from('"}')],
        );
        assert.equal(a.status, 413, a.text);
        assert.match(JSON.parse(a.text).error.message, /64 KiB/);
      });

      test('a client that goes away mid-body leaves the server answering', async () => {
        await new Promise<void>((resolve) => {
          const r = request(`${base}/v1/telemetry/app_performance`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': '5000' },
          });
          r.on('error', () => resolve());
          r.write('{"v":1,"day":');
          setTimeout(() => {
            r.destroy();
            resolve();
          }, 50);
        });
        const r = await post('app_performance', appPerformanceReport(TODAY));
        assert.equal(r.status, 202);
        assert.ok(!logs.some((l) => l.includes('"level":"error"')), 'a client going away is not an error');
      });
    }

    test('logs carry the route pattern only: no address, user agent or body content', () => {
      const text = logs.join('\n');
      assert.ok(text.includes('/v1/telemetry/app_performance'));
      for (const bad of [IP, UA, 'okhttp', 'Pixel 8', 'map.open', 'TypeError', 'device_id', 'abc123'])
        assert.ok(!text.includes(bad), `log contains ${bad}`);
    });

    test('the OpenAPI document describes the telemetry routes', async () => {
      const doc = await (await app.request('/openapi.json')).json();
      assert.ok(doc.paths['/v1/telemetry/app_performance'].post);
      assert.ok(doc.paths['/v1/admin/stats/telemetry'].get);
    });
  });
