import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, isValidDay, utcDay } from './telemetry-day.ts';

test('utcDay: today (cached between calls), a Date in UTC, or a validated day string', () => {
  assert.equal(utcDay(), new Date().toISOString().slice(0, 10));
  assert.equal(utcDay(), utcDay());
  assert.equal(utcDay(new Date('2026-03-01T23:30:00-02:00')), '2026-03-02');
  assert.equal(utcDay('2024-02-29'), '2024-02-29');
  assert.throws(() => utcDay('2023-02-29'), /not a valid day/);
});

test('isValidDay knows month lengths and leap years', () => {
  for (const d of ['2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30']) assert.ok(isValidDay(d), d);
  for (const d of ['2023-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', 'x'])
    assert.ok(!isValidDay(d), d);
});

test('addDays crosses months and years', () => {
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
});
