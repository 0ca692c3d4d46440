// The local CLI's way in: a server on an embedded data dir writes a fresh operator token into the
// lock file (0600 in a 0700 folder). It opens the operator routes while that server runs, is never the
// same twice, and dies with the server; without any token the operator routes are off for everyone.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startTestServer } from '../../packages/server/src/testing/test-server.ts';
import { errorShapeProblem } from '../testing/error-shape.ts';
import { readOperations } from '../testing/openapi-operations.ts';

const dir = mkdtempSync(join(tmpdir(), 'airlock-lock-token-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const lockToken = () =>
  (JSON.parse(readFileSync(join(dir, 'airlock.lock'), 'utf8')) as { token: string }).token;
const stats = (url: string, token: string) =>
  fetch(`${url}/v1/admin/stats/requests`, { headers: { authorization: `Bearer ${token}` } });

test('the lock-file token opens the operator routes of its own server only, and changes at every start', async () => {
  const first = await startTestServer({ dataDir: dir });
  let oldToken: string;
  try {
    assert.equal(
      statSync(join(dir, 'airlock.lock')).mode & 0o777,
      0o600,
      'the lock file is the owner’s only',
    );
    assert.equal(statSync(dir).mode & 0o777, 0o700, 'so is its folder');
    oldToken = lockToken();
    assert.ok(Buffer.from(oldToken, 'base64url').length >= 32, 'at least 256 random bits');
    assert.equal((await stats(first.url, oldToken)).status, 200);
  } finally {
    await first.close();
  }
  const second = await startTestServer({ dataDir: dir });
  try {
    const newToken = lockToken();
    assert.notEqual(newToken, oldToken, 'a fresh token at every start');
    assert.equal((await stats(second.url, newToken)).status, 200);
    const old = await stats(second.url, oldToken);
    assert.equal(old.status, 401, 'the previous server’s token is refused');
    assert.equal(
      errorShapeProblem(401, old.headers.get('content-type') ?? undefined, await old.text()),
      undefined,
    );
  } finally {
    await second.close();
  }
});

test('with no token configured and no lock, every operator operation is off (403) for any bearer', async () => {
  const t = await startTestServer();
  try {
    const { operations } = await readOperations(t.url);
    const operator = operations.filter((o) => o.caller === 'operator');
    assert.ok(operator.length >= 4);
    for (const op of operator)
      for (const auth of [
        {} as Record<string, string>,
        { authorization: 'Bearer ' + 'x'.repeat(32) },
        { authorization: 'Bearer ' },
      ]) {
        const r = await fetch(t.url + op.path.replace('{id}', 'some-dataset'), {
          method: op.method,
          headers: auth,
          body: op.method === 'PUT' ? 'AC R\nAN X\n' : undefined,
        });
        const text = await r.text();
        assert.equal(r.status, 403, `${op.id}: ${text}`);
        assert.equal(errorShapeProblem(403, r.headers.get('content-type') ?? undefined, text), undefined);
      }
  } finally {
    await t.close();
  }
});
