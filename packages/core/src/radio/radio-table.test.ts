// Keeps the hand-written table honest: every regime reachable and sourced, every band sane.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COUNTRY_REGIMES, TERRITORY_PARENTS } from './radio-countries.ts';
import { DEFAULT_REGIME_ID, RADIO_REGIMES, RADIO_TABLE_VERSION } from './radio-table.ts';

test('the version is an ISO date', () => {
  assert.match(RADIO_TABLE_VERSION, /^\d{4}-\d{2}-\d{2}$/);
});

test('every regime has a source and sane bands', () => {
  for (const [id, regime] of Object.entries(RADIO_REGIMES)) {
    assert.equal(regime.id, id);
    assert.ok(regime.source.length > 20, `${id} source`);
    assert.ok(regime.bands.length > 0, `${id} bands`);
    const ids = regime.bands.map((b) => b.id);
    assert.equal(new Set(ids).size, ids.length, `${id} duplicate band ids`);
    for (const b of regime.bands) {
      assert.ok(b.minMHz < b.maxMHz, `${id} ${b.id} edges`);
      assert.ok(b.maxEirpDbm > 0 && b.maxEirpDbm <= 36, `${id} ${b.id} e.i.r.p.`);
      if (b.since !== undefined) assert.match(b.since, /^\d{4}-\d{2}-\d{2}$/);
    }
  }
});

test('every country maps to an existing regime and every territory to a mapped country', () => {
  for (const [country, regime] of Object.entries(COUNTRY_REGIMES)) {
    assert.match(country, /^[A-Z]{2}$/);
    assert.ok(RADIO_REGIMES[regime], `${country} → ${regime}`);
  }
  for (const [territory, parent] of Object.entries(TERRITORY_PARENTS)) {
    assert.match(territory, /^[A-Z]{2}$/);
    assert.ok(COUNTRY_REGIMES[parent], `${territory} → ${parent}`);
    assert.equal(COUNTRY_REGIMES[territory], undefined, `${territory} is both a country and a territory`);
  }
});

test('every regime is used, DEFAULT is 2.4 GHz only, and every regime has 2.4 GHz', () => {
  const used = new Set(Object.values(COUNTRY_REGIMES));
  for (const id of Object.keys(RADIO_REGIMES)) {
    if (id !== DEFAULT_REGIME_ID) assert.ok(used.has(id), `${id} unused`);
  }
  const floor = RADIO_REGIMES[DEFAULT_REGIME_ID].bands;
  assert.deepEqual(
    floor.map((b) => b.id),
    ['2.4GHz'],
  );
  for (const regime of Object.values(RADIO_REGIMES)) {
    assert.ok(
      regime.bands.some((b) => b.id === '2.4GHz'),
      `${regime.id} lacks 2.4 GHz`,
    );
  }
});

test('the required countries are all in the table', () => {
  for (const c of [
    'DE',
    'FR',
    'CH',
    'GB',
    'NO',
    'IS',
    'LI',
    'US',
    'CA',
    'JP',
    'CN',
    'AU',
    'NZ',
    'KR',
    'IN',
    'BR',
    'SG',
  ]) {
    assert.ok(COUNTRY_REGIMES[c], c);
  }
  assert.equal(Object.values(COUNTRY_REGIMES).filter((r) => r === 'CEPT').length, 31);
});
