// The API reference's rule, checked on every `npm test` (a few seconds; TypeDoc itself, `npm run
// docs:api`, takes several times that): every export of @airlock/sdk and its subpaths and of
// @airlock/core's public entry has a description and an `@example` in its own doc comment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiEntries } from '../scripts/api-reference/entries.ts';
import { apiDocGaps, syntaxError } from '../scripts/api-reference/gaps.ts';

test('every export of the SDK and of core has a description and an example on its declaration', () => {
  const entries = apiEntries();
  assert.ok(entries.some((e) => e.specifier === '@airlock/sdk/sync'));
  assert.ok(entries.some((e) => e.specifier === '@airlock/core'));
  const gaps = apiDocGaps(entries).map((g) => `${g.key}: ${g.problems.join('; ')} (${g.at})`);
  assert.deepEqual(gaps, [], 'document these exports: a description and an @example on the declaration');
});

test('an example that does not parse is caught', () => {
  assert.equal(syntaxError('const check = await airlock.checkLocation({ lon: 8.54, lat: 47.37 });'), null);
  assert.equal(syntaxError('```ts\nconst a = 1;\n```'), null);
  assert.match(syntaxError('airlock.checkLocation({ lon: 8.54, lat: 47.37 );') ?? '', /expected/);
});
