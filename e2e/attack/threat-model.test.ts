// docs/threat-model.md claims each mitigation is proved by a named test: every test it cites must
// exist under that name, so renaming or deleting a proof makes the document fail here, not go stale.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CITATION = /`([^`]+\.test\.ts)` › "(.+?)"(?=\s*(?:;|\||\(|$))/gm;

test('every test docs/threat-model.md cites exists, under the name it gives', () => {
  const doc = readFileSync(`${ROOT}docs/threat-model.md`, 'utf8');
  const cited = [...doc.matchAll(CITATION)];
  assert.ok(cited.length >= 60, `only ${cited.length} citations found: did the citation format change?`);
  const missing = cited
    .filter(([, path, name]) => !existsSync(ROOT + path) || !readFileSync(ROOT + path, 'utf8').includes(name))
    .map(([, path, name]) => `${path} › "${name}"`);
  assert.deepEqual(missing, []);
});

test('SECURITY.md links the threat model', () => {
  assert.match(readFileSync(`${ROOT}SECURITY.md`, 'utf8'), /\]\(docs\/threat-model\.md\)/);
});
