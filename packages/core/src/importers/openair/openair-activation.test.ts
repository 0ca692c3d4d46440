import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BY_NOTAM, parseActivation } from './openair-activation.ts';
import { OpenAirError } from './openair-error.ts';

test('ISO 8601 windows become applicability entries in UTC, NONE leaves a side open', () => {
  assert.deepEqual(parseActivation('2025-01-01T12:00Z/2025-01-01T13:00Z'), {
    permanent: false,
    start: '2025-01-01T12:00:00Z',
    end: '2025-01-01T13:00:00Z',
  });
  assert.deepEqual(parseActivation('NONE/2025-02-02T12:00Z'), {
    permanent: false,
    end: '2025-02-02T12:00:00Z',
  });
  assert.deepEqual(parseActivation('2025-03-03T11:00:00Z/NONE'), {
    permanent: false,
    start: '2025-03-03T11:00:00Z',
  });
  // 24:00 closes the day; an offset is converted rather than ignored.
  assert.deepEqual(parseActivation('2024-12-17T00:00Z/2024-12-17T24:00Z'), {
    permanent: false,
    start: '2024-12-17T00:00:00Z',
    end: '2024-12-18T00:00:00Z',
  });
  assert.deepEqual(parseActivation('2025-06-01T10:00+02:00/2025-06-01T12:00'), {
    permanent: false,
    start: '2025-06-01T08:00:00Z',
    end: '2025-06-01T12:00:00Z',
  });
});

test('AA NONE means activation by NOTAM', () => {
  assert.equal(parseActivation('NONE'), BY_NOTAM);
  assert.equal(parseActivation('none/none'), BY_NOTAM);
});

test('bad windows throw naming the value', () => {
  const cases: [string, RegExp][] = [
    ['2025-01-01T12:00Z', /"2025-01-01T12:00Z" is not an activation window/],
    ['2025-02-30T12:00Z/NONE', /"2025-02-30T12:00Z" is not an ISO 8601 date-time/],
    ['2025-01-01T25:00Z/NONE', /"2025-01-01T25:00Z" is not an ISO 8601/],
    ['tomorrow/NONE', /"tomorrow" is not an ISO 8601/],
    ['2025-01-02T00:00Z/2025-01-01T00:00Z', /ends before it starts/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseActivation(text),
      (e: unknown) => e instanceof OpenAirError && message.test(e.message),
      text,
    );
  }
});
