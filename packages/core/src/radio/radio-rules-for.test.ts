import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RADIO_TABLE_VERSION, type RadioBand, radioRulesFor } from './index.ts';

function band(bands: readonly RadioBand[], id: RadioBand['id']): RadioBand | undefined {
  return bands.find((b) => b.id === id);
}

test('one CEPT country: 2.4 GHz at 20 dBm and 5.8 GHz at 14 dBm, no 5.1 GHz', () => {
  const rules = radioRulesFor(['CH']);
  assert.deepEqual(rules.countries, ['CH']);
  assert.equal(rules.ambiguous, false);
  assert.deepEqual(rules.regimes, ['CEPT']);
  assert.equal(band(rules.bands, '2.4GHz')?.maxEirpDbm, 20);
  assert.equal(band(rules.bands, '5.8GHz')?.maxEirpDbm, 14);
  assert.equal(band(rules.bands, '5.8GHz')?.maxMHz, 5875);
  assert.equal(band(rules.bands, '5.1GHz'), undefined);
  assert.equal(rules.tableVersion, RADIO_TABLE_VERSION);
  assert.equal(rules.verified, true);
});

test('the US allows 36 dBm on both bands', () => {
  const rules = radioRulesFor(['us']);
  assert.deepEqual(rules.countries, ['US']);
  assert.deepEqual(
    rules.bands.map((b) => [b.id, b.maxEirpDbm, b.licenceRequired]),
    [
      ['2.4GHz', 36, false],
      ['5.8GHz', 36, false],
    ],
  );
});

test('territories take their parent rules', () => {
  for (const [territory, parent] of [
    ['PR', 'US'],
    ['GU', 'US'],
    ['VI', 'US'],
    ['JE', 'GB'],
    ['GF', 'FR'],
  ]) {
    assert.deepEqual(radioRulesFor([territory]).bands, radioRulesFor([parent]).bands, territory);
  }
});

test('several candidates: only common bands, lowest e.i.r.p., intersected edges', () => {
  const rules = radioRulesFor(['US', 'DE']);
  assert.equal(rules.ambiguous, true);
  assert.deepEqual(rules.countries, ['DE', 'US']);
  assert.deepEqual(rules.regimes, ['CEPT', 'FCC']);
  assert.deepEqual(
    rules.bands.map((b) => [b.id, b.minMHz, b.maxMHz, b.maxEirpDbm]),
    [
      ['2.4GHz', 2400, 2483.5, 20],
      ['5.8GHz', 5725, 5850, 14],
    ],
  );
  assert.equal(rules.verified, true);
});

test('Japan: licensed 5.8 GHz makes the combination licensed; 5.1 GHz only where every candidate allows it', () => {
  const jp = radioRulesFor(['JP']);
  assert.equal(band(jp.bands, '5.1GHz')?.since, '2025-04-07');
  assert.equal(band(jp.bands, '5.1GHz')?.maxEirpDbm, 23);
  assert.equal(band(jp.bands, '5.7GHz')?.licenceRequired, true);
  assert.equal(band(jp.bands, '5.8GHz')?.licenceRequired, true);
  assert.equal(band(jp.bands, '2.4GHz')?.licenceRequired, false);

  const jpCn = radioRulesFor(['JP', 'CN']);
  assert.deepEqual(
    jpCn.bands.map((b) => b.id),
    ['2.4GHz', '5.8GHz'],
  );
  assert.equal(band(jpCn.bands, '5.8GHz')?.licenceRequired, true);
  assert.equal(band(jpCn.bands, '5.8GHz')?.maxMHz, 5829);
  assert.equal(band(jpCn.bands, '2.4GHz')?.maxMHz, 2476);
});

test('unknown, empty and malformed input fall back to DEFAULT: 2.4 GHz only at 20 dBm', () => {
  for (const input of [[], ['ZZ'], ['constructor'], [''], ['__proto__']]) {
    const rules = radioRulesFor(input);
    assert.deepEqual(
      rules.bands.map((b) => [b.id, b.maxEirpDbm]),
      [['2.4GHz', 20]],
      JSON.stringify(input),
    );
    assert.deepEqual(rules.regimes, ['DEFAULT']);
    assert.equal(rules.verified, false);
  }
  assert.equal(radioRulesFor([]).ambiguous, true);
  assert.deepEqual(radioRulesFor(null as unknown as string[]).regimes, ['DEFAULT']);
  assert.deepEqual(radioRulesFor(['zz']).unknownCountries, ['ZZ']);
});

test('an unknown candidate never loosens a known one', () => {
  const rules = radioRulesFor(['US', 'XX']);
  assert.deepEqual(rules.regimes, ['FCC', 'DEFAULT']);
  assert.deepEqual(
    rules.bands.map((b) => [b.id, b.maxEirpDbm]),
    [['2.4GHz', 20]],
  );
  assert.deepEqual(rules.unknownCountries, ['XX']);
});

test('duplicates and territories of one parent still count as separate candidates', () => {
  const rules = radioRulesFor(['US', 'us', 'PR']);
  assert.deepEqual(rules.countries, ['PR', 'US']);
  assert.equal(rules.ambiguous, true);
  assert.deepEqual(rules.regimes, ['FCC']);
  assert.deepEqual(rules.bands, radioRulesFor(['US']).bands);
});
