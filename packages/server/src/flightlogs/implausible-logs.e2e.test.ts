// The two defects an outside attack found in flight-log import: a DataFlash log with maxed timestamps
// was stored with duration_s 18374686479671.73 and its export.csv answered 500 ("Invalid time value");
// files with no flight data (bare headers) were stored as logs (201). Over loopback, stores on disk.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readDataFlash } from '@airlock/core';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const SAMPLES = new URL('../../../../../shared/data/flightlogs/', import.meta.url).pathname;
const sample = (p: string) => readFileSync(join(SAMPLES, p));

/** pymavlink_test.BIN with every TimeUS past byte 30,000 set to all ones. */
function maxedTimestamps(): Buffer {
  const bytes = new Uint8Array(sample('dataflash/pymavlink_test.BIN'));
  readDataFlash(bytes, {
    subscribe: (f) => {
      const ts = f.byName.get('TimeUS');
      return ts && ((_v, r) => r >= 30_000 && bytes.fill(0xff, r + ts.offset, r + ts.offset + 8));
    },
  });
  return Buffer.from(bytes);
}

describe('implausible flight logs over loopback', () => {
  let t: TestServer;
  let dir: string;
  let auth: Record<string, string>;
  const upload = (bytes: Buffer, filename: string) =>
    fetch(`${t.url}/v1/flightlogs?filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: auth,
      body: new Uint8Array(bytes),
    });
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-implausible-'));
    t = await startTestServer({ dataDir: dir });
    auth = (await t.pilot('maxed@example.org')).auth;
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('maxed timestamps: stored with a plausible duration and a warning; every view and export is 200', async () => {
    const r = await upload(maxedTimestamps(), 'maxed.bin');
    assert.equal(r.status, 201);
    const { flightlog } = await r.json();
    assert.ok(flightlog.summary.duration_s >= 0 && flightlog.summary.duration_s <= 7 * 86_400);
    assert.ok(flightlog.warnings.some((w: string) => /corrupt clock/.test(w)));
    for (const p of [
      '',
      '/track',
      '/series',
      '/export.csv',
      '/export.gpx',
      '/export.kml',
      '/export.geojson',
    ]) {
      const res = await fetch(`${t.url}/v1/flightlogs/${flightlog.id}${p}`, { headers: auth });
      assert.equal(res.status, 200, p);
      await res.arrayBuffer();
    }
  });

  test('files with no flight data are refused with 422 no_flight_data, in the one error shape', async () => {
    const csvHeader = `${sample('csv/airdata_mini2_2021-09-05.csv').toString('utf8').split('\n')[0]}\n`;
    for (const [bytes, name] of [
      [sample('ulog/sample.ulg').subarray(0, 16), 'header.ulg'],
      [sample('dataflash/log171.bin').subarray(0, 9), 'header.bin'],
      [Buffer.from('<gpx></gpx>'), 'empty.gpx'],
      [Buffer.from(csvHeader), 'header.csv'],
    ] as const) {
      const r = await upload(Buffer.from(bytes), name);
      assert.equal(r.status, 422, name);
      assert.equal(r.headers.get('content-type'), 'application/json');
      const { error } = await r.json();
      assert.equal(error.code, 'no_flight_data', name);
      assert.match(error.message, /^No flight data: /, name);
    }
    const list = await (await fetch(`${t.url}/v1/flightlogs`, { headers: auth })).json();
    assert.ok(list.items.every((i: { filename: string }) => !/^(header|empty)\./.test(i.filename)));
  });
});
