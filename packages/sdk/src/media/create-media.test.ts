import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTransport } from '../transport/index.ts';
import { createMedia } from './create-media.ts';

// The smallest JPEG header the inspector and the share accept as a photo (the server would refuse it).
const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]);

test("a share has its own time limit, not the transport's default for small requests", async () => {
  let seen: RequestInit | undefined;
  const transport = createTransport({
    serverUrl: 'https://air.test',
    timeoutMs: 60_000,
    // A network that never answers: only the share's own limit ends the wait.
    fetch: (_url, init) => {
      seen = init as RequestInit;
      return new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    },
  });
  const media = createMedia({ transport, auth: () => 'token' });
  const started = performance.now();
  const shared = await media.share(JPEG, { timeoutMs: 50 });
  assert.ok(performance.now() - started < 5_000);
  assert.equal(shared.status, 0);
  assert.match(shared.error ?? '', /no answer within 50 ms/);
  assert.equal(seen?.method, 'POST');
});

test('nothing is sent without a token or for a file that is no photo or video', async () => {
  let calls = 0;
  const transport = createTransport({
    serverUrl: 'https://air.test',
    fetch: async () => {
      calls++;
      return { status: 201, headers: { get: () => null }, text: async () => '{}' };
    },
  });
  assert.match((await createMedia({ transport, auth: () => null }).share(JPEG)).error ?? '', /not signed in/);
  const media = createMedia({ transport, auth: () => 'token' });
  assert.match((await media.share(new Uint8Array([1, 2, 3]))).error ?? '', /cannot be shared/);
  assert.match((await media.share(new Uint8Array(0))).error ?? '', /empty/);
  assert.equal(calls, 0);
});
