import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  categoryFor,
  parseApplicability,
  parseLimit,
  parseRestriction,
  pickText,
  toAlpha2,
} from './index.ts';

test('restriction codes map to categories; a dated prohibition is temporary', () => {
  const table = [
    'PROHIBITED',
    'REQ_AUTHORISATION',
    'REQ_AUTHORIZATION',
    'CONDITIONAL',
    'NO_RESTRICTION',
    'USPACE',
  ].map((code) => {
    const r = parseRestriction(code, 'type', true);
    return [code, categoryFor(r, false), categoryFor(r, true)];
  });
  assert.deepEqual(table, [
    ['PROHIBITED', 'restricted', 'temporary'],
    ['REQ_AUTHORISATION', 'authorization', 'authorization'],
    ['REQ_AUTHORIZATION', 'authorization', 'authorization'],
    ['CONDITIONAL', 'enhanced_warning', 'enhanced_warning'],
    ['NO_RESTRICTION', 'warning', 'warning'],
    ['USPACE', 'warning', 'warning'],
  ]);
  assert.throws(() => parseRestriction('USPACE', 'restriction', false), /restriction "USPACE" is not one of/);
});

test('countries, texts and limits', () => {
  assert.deepEqual(['CHE', 'FRA', 'DEU', 'CH', 'XXX', '', null].map(toAlpha2), [
    'CH',
    'FR',
    'DE',
    'CH',
    null,
    null,
    null,
  ]);
  assert.equal(
    pickText([
      { text: 'Zone', lang: 'de-CH' },
      { text: 'Area', lang: 'en-GB' },
    ]),
    'Area',
  );
  assert.equal(pickText([{ text: 'Zone', lang: 'de-CH' }]), 'Zone');
  assert.equal(pickText('plain'), 'plain');
  const fields = { value: 'v', reference: 'r' };
  assert.deepEqual(parseLimit(' 60 ', 'amsl', 'ft', 'upper', fields).limit, {
    value: 60,
    unit: 'ft',
    reference: 'AMSL',
  });
  assert.deepEqual(parseLimit(null, 'AMSL', 'm', 'lower', fields).limit, {
    value: 0,
    unit: 'm',
    reference: 'AGL',
  });
  assert.throws(
    () => parseLimit(60, 'MSL', 'm', 'upper', fields),
    /^FieldError: r "MSL" is not AGL, AMSL or WGS84/,
  );
});

test('time periods: permanent inferred, bad dates and times named', () => {
  assert.deepEqual(parseApplicability([{}], 'p').applicability, [{ permanent: true }]);
  assert.throws(
    () => parseApplicability([{ startDateTime: 'tomorrow' }], 'p'),
    /^FieldError: p\[0\]\.startDateTime "tomorrow" is invalid/,
  );
  assert.throws(
    () => parseApplicability([{ schedule: [{ day: ['MON'], startTime: '25:00' }] }], 'p'),
    /p\[0\]\.schedule\[0\]\.startTime "25:00" is invalid/,
  );
});
