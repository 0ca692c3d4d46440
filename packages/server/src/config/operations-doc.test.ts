// docs/operations.md promises every setting the server reads: a new one must be documented there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { configSchema } from './config.ts';

test('docs/operations.md names every setting of the config schema', () => {
  const doc = readFileSync(new URL('../../../../docs/operations.md', import.meta.url), 'utf8');
  const missing = Object.keys(configSchema.shape).filter((key) => !doc.includes(`\`${key}\``));
  assert.deepEqual(missing, [], 'settings missing from docs/operations.md');
});
