import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AirspaceService } from '../../airspace/index.ts';
import { loadConfig } from '../../config/index.ts';
import { createLogger } from '../../log/index.ts';
import { RequestCounters } from '../../metrics/index.ts';
import { createIpCountryLookup } from '../../region-ip/index.ts';
import { type Database, migrate, openPgliteDatabase } from '../../storage/index.ts';
import { createApp } from '../app.ts';

const TOKEN = 'operator-token-0123456789';

/** `good` valid square records, then `bad` records with an unreadable point. */
function openAir(good: number, bad: number): string {
  const records: string[] = [];
  for (let i = 0; i < good; i++) {
    const lat = 40 + i * 0.01;
    records.push(
      `AC R\nAN Good ${i}\nAL SFC\nAH 400ft AGL\nDP ${lat}N 8E\nDP ${lat + 0.005}N 8E\nDP ${lat + 0.005}N 8.005E\n`,
    );
  }
  for (let i = 0; i < bad; i++) records.push(`AC R\nAN Bad ${i}\nAL SFC\nAH 400ft AGL\nDP 99:99:99 N 8E\n`);
  return records.join('\n');
}

// Issue 11: a country file lost 924 of 1,646 airspaces and the import said "done".
describe('PUT /v1/admin/datasets/{id}: partial imports need an explicit accept', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let airspace: AirspaceService;
  before(async () => {
    db = await openPgliteDatabase();
    await migrate(db);
    const log = createLogger('error', () => {});
    airspace = new AirspaceService(db, log);
    await airspace.refresh(true);
    const config = loadConfig({ AIRLOCK_ADMIN_TOKEN: TOKEN, AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false' });
    app = createApp({
      config,
      log,
      airspace,
      counters: new RequestCounters(db),
      ipCountry: createIpCountryLookup,
    });
  });
  after(async () => db.close());
  const put = (path: string, body: string) =>
    app.request(path, { method: 'PUT', body, headers: { Authorization: `Bearer ${TOKEN}` } });

  test('more than 1% skipped: 422 partial_import with counts and the first 20 reasons, nothing stored', async () => {
    const r = await put('/v1/admin/datasets/half?format=openair', openAir(30, 25));
    assert.equal(r.status, 422);
    const { error } = await r.json();
    assert.equal(error.code, 'partial_import');
    assert.equal(error.status, 422);
    assert.match(
      error.message,
      /25 of 55 records could not be read.*nothing was stored.*accept_partial=true/,
    );
    assert.equal(error.details.read, 55);
    assert.equal(error.details.skipped, 25);
    assert.equal(error.details.zones, 30);
    assert.equal(error.details.issues.length, 20);
    assert.equal(error.details.issues[0].record, 'Bad 0');
    assert.match(error.details.issues[0].reason, /99:99:99 N/);
    assert.equal(await airspace.store.get('half'), null);
  });

  test('accept_partial=true stores the readable records and lists the skipped ones', async () => {
    const r = await put('/v1/admin/datasets/half?format=openair&accept_partial=true', openAir(30, 25));
    assert.equal(r.status, 200, await r.clone().text());
    const out = await r.json();
    assert.equal(out.dataset.zoneCount, 30);
    assert.equal(out.read, 55);
    assert.equal(out.skipped, 25);
  });

  test('1% or less skipped is a success; none skipped too', async () => {
    const one = await put('/v1/admin/datasets/one?format=openair', openAir(99, 1));
    assert.equal(one.status, 200, await one.clone().text());
    assert.equal((await one.json()).skipped, 1);
    const two = await put('/v1/admin/datasets/two?format=openair', openAir(98, 2));
    assert.equal(two.status, 422);
  });

  test('strict still refuses the first bad record with 400', async () => {
    const r = await put('/v1/admin/datasets/strict?format=openair&strict=true', openAir(99, 1));
    assert.equal(r.status, 400);
    assert.equal((await r.json()).error.code, 'import_failed');
  });

  test('the OpenAPI description states the refusal and the parameter', async () => {
    const doc = await (await app.request('/openapi.json')).json();
    const op = doc.paths['/v1/admin/datasets/{id}'].put;
    assert.match(op.description, /more than 1%.*422 `partial_import`.*accept_partial=true/);
    assert.ok(op.responses['422']);
    assert.ok(op.parameters.some((p: { name: string }) => p.name === 'accept_partial'));
  });
});
