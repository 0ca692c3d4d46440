import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countriesForMcc } from './index.ts';
import { MCC_COUNTRIES } from './mcc-table.ts';

test('a single-country MCC', () => {
  assert.deepEqual(countriesForMcc('228'), ['CH']);
  assert.deepEqual(countriesForMcc(228), ['CH']);
  assert.deepEqual(countriesForMcc('262'), ['DE']);
});

test('shared MCCs give every candidate', () => {
  assert.deepEqual(countriesForMcc('234'), ['GB', 'GG', 'IM', 'JE']);
  const us = countriesForMcc('310');
  for (const c of ['US', 'PR', 'GU', 'VI']) assert.ok(us.includes(c), c);
  assert.deepEqual(countriesForMcc('340'), ['BL', 'GF', 'GP', 'MF', 'MQ']); // split from 'BL/GF/GP/MF/MQ'
  assert.deepEqual(countriesForMcc('289'), ['GE']); // 'GE-AB' (Abkhazia) in the data
});

test('anything but three known digits gives []', () => {
  for (const bad of ['22', '2280', 'abc', '', '  ', '-228', '22.8', 'constructor', '__proto__']) {
    assert.deepEqual(countriesForMcc(bad), [], bad);
  }
  for (const bad of [-228, 22.8, Number.NaN, 1000, 999])
    assert.deepEqual(countriesForMcc(bad), [], String(bad));
  assert.deepEqual(countriesForMcc(' 228 '), ['CH']);
  assert.deepEqual(countriesForMcc(null as unknown as string), []);
});

test('the generated table is well formed and callers cannot change it', () => {
  for (const [mcc, codes] of Object.entries(MCC_COUNTRIES)) {
    assert.match(mcc, /^\d{3}$/);
    assert.ok(codes.length > 0, mcc);
    for (const c of codes) assert.match(c, /^[A-Z]{2}$/);
    assert.deepEqual([...codes], [...codes].sort(), mcc);
  }
  countriesForMcc('228').push('XX');
  assert.deepEqual(countriesForMcc('228'), ['CH']);
});
