import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFakeLocationServer } from '../testing/index.ts';
import { createTransport, type SendRecord } from '../transport/index.ts';
import { resolveRegion } from './resolve-region.ts';

function transportTo(ipCountries: string[], offline = false) {
  const server = createFakeLocationServer({ zones: [], ipCountries });
  server.offline = offline;
  const transport = createTransport({ serverUrl: 'https://airlock.test', fetch: server.fetch });
  const sent: SendRecord[] = [];
  transport.onSend((r) => sent.push(r));
  return { transport, sent };
}

test('GPS: countries found on the device, nothing sent', async () => {
  const { transport, sent } = transportTo(['FR']);
  const zurich = await resolveRegion({
    gps: { lon: 8.54, lat: 47.37, accuracyM: 10 },
    mcc: '262',
    transport,
  });
  assert.deepEqual(zurich.countries, ['CH']);
  assert.equal(zurich.source, 'gps');
  assert.deepEqual(zurich.radio.countries, ['CH']);
  // Kreuzlingen/Konstanz: within accuracy + 1 km of the border, both count, and the stricter rules apply.
  const border = await resolveRegion({ gps: { lon: 9.175, lat: 47.656, accuracyM: 500 }, transport });
  assert.deepEqual(border.countries, ['CH', 'DE']);
  assert.equal(border.radio.ambiguous, true);
  assert.equal(sent.length, 0);
});

test('MCC when there is no GPS fix', async () => {
  const { transport, sent } = transportTo([]);
  const r = await resolveRegion({ gps: { lon: Number.NaN, lat: 0 }, mcc: '228', transport });
  assert.deepEqual(r.countries, ['CH']);
  assert.equal(r.source, 'mcc');
  const shared = await resolveRegion({ mcc: 234 });
  assert.deepEqual(shared.countries, ['GB', 'GG', 'IM', 'JE']);
  assert.equal(sent.length, 0);
});

test('last resort: the server derives the country from the IP, in the location_check category', async () => {
  const { transport, sent } = transportTo(['DE']);
  const r = await resolveRegion({ mcc: '999', transport });
  assert.deepEqual(r.countries, ['DE']);
  assert.equal(r.source, 'ip');
  assert.equal(sent.length, 1);
  assert.equal(sent[0].url, 'https://airlock.test/v1/location/country');
  assert.equal(sent[0].category, 'location_check');
  assert.equal(sent[0].body, null);
});

test('unknown (server does not know, offline, nothing to ask): the strict default, 2.4 GHz at 20 dBm', async () => {
  const cases = [transportTo([]).transport, transportTo(['DE'], true).transport, undefined];
  for (const transport of cases) {
    const r = await resolveRegion({ ...(transport ? { transport } : {}) });
    assert.equal(r.source, 'unknown');
    assert.deepEqual(r.countries, []);
    assert.deepEqual(
      r.radio.bands.map((b) => [b.id, b.maxEirpDbm]),
      [['2.4GHz', 20]],
    );
  }
  const offline = await resolveRegion({ transport: transportTo([], true).transport });
  assert.match(offline.error ?? '', /fetch failed/);
});
