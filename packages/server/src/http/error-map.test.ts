import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportError } from '@airlock/core';
import { HTTPException } from 'hono/http-exception';
import { DatasetConflictError } from '../airspace/index.ts';
import { FlightLogCursorError, FlightLogImportError } from '../flightlogs/index.ts';
import { openPgliteDatabase } from '../storage/index.ts';
import { errorResponse, mapError } from './error-map.ts';
import { HttpError } from './http-error.ts';

const shape = (status: number, code: string) => ({ status, code });
const of = (e: unknown) => {
  const m = mapError(e);
  return { status: m.status, code: m.body.error.code, bodyStatus: m.body.error.status, log: m.log };
};

test("the errors of the app's own kinds map to their 4xx, in the one shape, unlogged", () => {
  const cases: Array<[unknown, { status: number; code: string }]> = [
    [new HttpError(404, 'not_found', 'no such thing'), shape(404, 'not_found')],
    [new HTTPException(400, { message: 'Malformed JSON in request body' }), shape(400, 'http_error')],
    [new DatasetConflictError('dataset "x" exists'), shape(409, 'dataset_exists')],
    [new ImportError({ line: 3, reason: 'bad' }), shape(400, 'import_failed')],
    [new FlightLogImportError('corrupt_flight_log', 'bad header', 12), shape(422, 'corrupt_flight_log')],
    [new FlightLogCursorError('bad cursor'), shape(400, 'invalid_request')],
  ];
  for (const [err, want] of cases) {
    const got = of(err);
    assert.deepEqual({ status: got.status, code: got.code }, want, String(err));
    assert.equal(got.bodyStatus, want.status);
    assert.equal(got.log, undefined);
  }
  assert.equal(
    (mapError(new FlightLogImportError('corrupt_flight_log', 'bad', 12)).body.error as { offset?: number })
      .offset,
    12,
  );
});

test('database errors: a value it cannot hold is a 400; other faults a 500 logged without the text', async () => {
  const db = await openPgliteDatabase();
  const fails = async (sql: string, params: unknown[]) => {
    try {
      await db.query(sql, params);
    } catch (e) {
      return e;
    }
    assert.fail(`${sql} did not fail`);
  };
  try {
    for (const [sql, value] of [
      ['select $1::text as t', 'secret\u0000value'],
      ['select $1::date as d', '2026-02-30'],
    ]) {
      const m = mapError(await fails(sql, [value]));
      assert.equal(m.status, 400, sql);
      assert.equal(m.body.error.code, 'invalid_value');
      assert.ok(
        !JSON.stringify(m.body).includes(value.replace('\u0000', '')),
        'the answer repeats the value',
      );
      assert.equal(m.log, undefined);
    }
    const m = mapError(await fails('select * from no_such_table where x = $1', ['pilot@example.org']));
    assert.equal(m.status, 500);
    assert.deepEqual(m.log, { error: 'DatabaseError', sqlstate: '42P01' }, 'no message: it may hold a value');
  } finally {
    await db.close();
  }
});

test('anything else is a 500 whose answer says nothing, logged by name and message', async () => {
  const m = mapError(new TypeError('x is undefined'));
  assert.equal(m.status, 500);
  assert.deepEqual(m.body, { error: { code: 'internal', message: 'internal error', status: 500 } });
  assert.deepEqual(m.log, { error: 'TypeError', message: 'x is undefined' });
  assert.equal(mapError('a string').status, 500);

  const res = errorResponse(mapError(new HttpError(409, 'conflict', 'taken')), { 'tus-resumable': '1.0.0' });
  assert.equal(res.status, 409);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('tus-resumable'), '1.0.0');
  assert.deepEqual(await res.json(), { error: { code: 'conflict', message: 'taken', status: 409 } });
});
