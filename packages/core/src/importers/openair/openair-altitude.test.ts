import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AltitudeLimit } from '../../zone/index.ts';
import { parseAltitude, parseVerticalLimits } from './openair-altitude.ts';
import { OpenAirError } from './openair-error.ts';

const lim = (value: number | null, unit: AltitudeLimit['unit'], reference: AltitudeLimit['reference']) => ({
  value,
  unit,
  reference,
});

test('every altitude spelling found in OpenAir files', () => {
  const cases: [string, AltitudeLimit][] = [
    ['SFC', lim(0, 'm', 'AGL')],
    ['GND', lim(0, 'm', 'AGL')],
    ['gnd', lim(0, 'm', 'AGL')],
    ['UNL', lim(null, 'm', 'AMSL')],
    ['UNLIMITED', lim(null, 'm', 'AMSL')],
    ['FL65', lim(65, 'FL', 'STD')],
    ['FL 65', lim(65, 'FL', 'STD')],
    ['FL095', lim(95, 'FL', 'STD')],
    ['1500ft AMSL', lim(1500, 'ft', 'AMSL')],
    ['1500 ft AMSL', lim(1500, 'ft', 'AMSL')],
    ['1500FT MSL', lim(1500, 'ft', 'AMSL')],
    ['1500F', lim(1500, 'ft', 'AMSL')],
    ['1500ft', lim(1500, 'ft', 'AMSL')],
    ['17999 ft', lim(17999, 'ft', 'AMSL')],
    ['1500', lim(1500, 'ft', 'AMSL')],
    ['2000MSL', lim(2000, 'ft', 'AMSL')],
    ['3000ft ALT', lim(3000, 'ft', 'AMSL')],
    ['500ft AGL', lim(500, 'ft', 'AGL')],
    ['500 GND', lim(500, 'ft', 'AGL')],
    ['500F GND', lim(500, 'ft', 'AGL')],
    ['300m', lim(300, 'm', 'AMSL')],
    ['300 M AGL', lim(300, 'm', 'AGL')],
    ['1200m AMSL', lim(1200, 'm', 'AMSL')],
    ['5000ft STD', lim(5000, 'ft', 'STD')],
    ['MSL', lim(0, 'ft', 'AMSL')],
  ];
  for (const [text, expected] of cases) assert.deepEqual(parseAltitude(text), expected, text);
});

test('unreadable altitudes throw naming the value', () => {
  for (const text of ['500 furlongs', 'FL', '1,500ft', '100m AGL/423m AMSL', '-50ft', '']) {
    assert.throws(
      () => parseAltitude(text),
      (e: unknown) => e instanceof OpenAirError && e.message.startsWith(`"${text}" is not an altitude`),
      text,
    );
  }
});

test('limits: errors carry the command and its line; floor above ceiling and unlimited floor are rejected', () => {
  const cmd = (name: string, args: string, line: number) => ({ name, args, line });
  assert.deepEqual(parseVerticalLimits(cmd('AL', 'SFC', 4), cmd('AH', 'FL65', 5)), {
    lower: lim(0, 'm', 'AGL'),
    upper: lim(65, 'FL', 'STD'),
  });
  const fails = (al: string, ah: string, line: number, message: RegExp) =>
    assert.throws(
      () => parseVerticalLimits(cmd('AL', al, 4), cmd('AH', ah, 5)),
      (e: unknown) => e instanceof OpenAirError && e.line === line && message.test(e.message),
    );
  fails('xyz', '500ft', 4, /^AL "xyz" is not an altitude/);
  fails('SFC', 'lots', 5, /^AH "lots" is not an altitude/);
  fails('1000ft AGL', '500ft AGL', 5, /AH "500ft AGL" is below AL "1000ft AGL"/);
  fails('FL100', 'FL80', 5, /is below/);
  fails('UNL', 'UNL', 4, /a floor cannot be unlimited/);
  // Different references cannot be compared without terrain: accepted as written.
  assert.ok(parseVerticalLimits(cmd('AL', '2000ft AMSL', 4), cmd('AH', '1000ft AGL', 5)));
});
