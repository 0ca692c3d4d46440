// The API reference's rule, checked on every `npm test` (a few seconds; TypeDoc itself, `npm run
// docs:api`, takes several times that): every export of @airlock/sdk and its subpaths and of
// @airlock/core's public entry has a description and an `@example` in its own doc comment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiEntries } from '../scripts/api-reference/entries.ts';
import { apiDocGaps } from '../scripts/api-reference/gaps.ts';
import { KNOWN_GAPS } from '../scripts/api-reference/known-gaps.ts';

test('every export has a description and an example; the list of known gaps only shrinks', () => {
  const entries = apiEntries();
  assert.ok(entries.some((e) => e.specifier === '@airlock/sdk/sync'));
  assert.ok(entries.some((e) => e.specifier === '@airlock/core'));
  const gaps = apiDocGaps(entries);
  const fresh = gaps
    .filter((g) => !KNOWN_GAPS.has(g.key))
    .map((g) => `${g.key} lacks ${g.missing.join(' and ')} (${g.at})`);
  assert.deepEqual(fresh, [], 'document these exports: a description and an @example on the declaration');
  const open = new Set(gaps.map((g) => g.key));
  const closed = [...KNOWN_GAPS].filter((k) => !open.has(k));
  assert.deepEqual(
    closed,
    [],
    'documented (or gone) since: take these off scripts/api-reference/known-gaps.ts',
  );
});
