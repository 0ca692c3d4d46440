// One suite for every BlobStore adapter: the local folder (the embedded default), memory, and S3
// (moto_server here and in CI; any S3 with AIRLOCK_TEST_S3_URL).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { startTestS3, type TestS3 } from '../testing/moto-s3.ts';
import {
  type BlobStore,
  deleteBlobPrefix,
  LocalFolderBlobStore,
  MemoryBlobStore,
  putBlobFile,
  readBlobRange,
} from './index.ts';
import { S3BlobStore } from './s3-blob-store.ts';
import { parseS3Url } from './s3-location.ts';

let s3: TestS3 | undefined;
const s3Stores: S3BlobStore[] = [];
before(async () => {
  s3 = await startTestS3();
});

const dirs: string[] = [];
const adapters: Array<{ name: string; open(): BlobStore }> = [
  { name: 'memory', open: () => new MemoryBlobStore() },
  {
    name: 'local-folder',
    open: () => {
      const d = mkdtempSync(join(tmpdir(), 'airlock-blobs-'));
      dirs.push(d);
      return new LocalFolderBlobStore(d);
    },
  },
  {
    name: 's3',
    open: () => {
      if (!s3) throw new Error('no test S3');
      const store = new S3BlobStore(parseS3Url(s3.url()));
      s3Stores.push(store);
      return store;
    },
  },
];
after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const store of s3Stores) store.close();
  await s3?.stop();
});

for (const adapter of adapters) {
  describe(`BlobStore contract: ${adapter.name}`, () => {
    test('put, get, overwrite, delete', async () => {
      const s = adapter.open();
      assert.equal(await s.get('a/b'), null);
      await s.put('a/b', Buffer.from('one'));
      assert.equal((await s.get('a/b'))?.toString(), 'one');
      await s.put('a/b', Buffer.from('two!'));
      assert.equal((await s.get('a/b'))?.toString(), 'two!');
      assert.equal(await s.delete('a/b'), true);
      assert.equal(await s.delete('a/b'), false);
      assert.equal(await s.get('a/b'), null);
    });

    test('list by prefix, in key order, with sizes; deleteBlobPrefix', async () => {
      const s = adapter.open();
      await s.put('pilots/p1/logs/x/original', Buffer.alloc(10));
      await s.put('pilots/p1/logs/x/track.json', Buffer.alloc(3));
      await s.put('pilots/p1/logs/y/original', Buffer.alloc(1));
      await s.put('pilots/p10/logs/z/original', Buffer.alloc(1));
      const p1 = await s.list('pilots/p1/');
      assert.deepEqual(
        p1.map((b) => [b.key, b.size]),
        [
          ['pilots/p1/logs/x/original', 10],
          ['pilots/p1/logs/x/track.json', 3],
          ['pilots/p1/logs/y/original', 1],
        ],
      );
      assert.ok(p1[0].modifiedAt instanceof Date);
      assert.equal((await s.list('pilots/p1')).length, 4, 'a bare prefix is a string prefix');
      assert.equal((await s.list('nothing/')).length, 0);
      assert.equal(await deleteBlobPrefix(s, 'pilots/p1/'), 3);
      assert.deepEqual(
        (await s.list('pilots/')).map((b) => b.key),
        ['pilots/p10/logs/z/original'],
      );
    });

    test('putBlobFile moves a file in; readBlobRange reads inclusive ranges', async () => {
      const s = adapter.open();
      const dir = mkdtempSync(join(tmpdir(), 'airlock-blob-file-'));
      dirs.push(dir);
      const file = join(dir, 'staged');
      writeFileSync(file, '0123456789');
      await putBlobFile(s, 'media/v/file.mp4', file);
      assert.equal(existsSync(file), false, 'the staged file is gone');
      assert.equal((await s.get('media/v/file.mp4'))?.toString(), '0123456789');
      const range = async (a: number, b: number) => {
        const r = await readBlobRange(s, 'media/v/file.mp4', a, b);
        return r && text(r);
      };
      assert.equal(await range(0, 9), '0123456789');
      assert.equal(await range(3, 5), '345');
      assert.equal(await range(9, 9), '9');
      assert.equal(await readBlobRange(s, 'media/v/none', 0, 1), null);
    });

    test('rejects keys that could escape the store', async () => {
      const s = adapter.open();
      for (const bad of ['../x', 'a/../../x', '/abs', 'a//b', '', 'a/.hidden', 'a b']) {
        await assert.rejects(s.put(bad, Buffer.alloc(1)), /invalid blob key/, bad);
      }
    });
  });
}

test('local folder: files are 0600, empty folders are pruned, no temporary files are left', async () => {
  const d = mkdtempSync(join(tmpdir(), 'airlock-blobs-'));
  dirs.push(d);
  const s = new LocalFolderBlobStore(d);
  await s.put('pilots/p/logs/l/original', Buffer.from('x'));
  assert.equal(statSync(join(d, 'pilots/p/logs/l/original')).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(join(d, 'pilots/p/logs/l')), ['original']);
  await s.delete('pilots/p/logs/l/original');
  assert.deepEqual(readdirSync(d), []);
});
