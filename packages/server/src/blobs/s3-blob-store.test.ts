// What only the S3 adapter has to show: parts for big blobs, every version gone on delete, the URL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { startTestS3, type TestS3 } from '../testing/moto-s3.ts';
import { S3BlobStore, s3Client } from './s3-blob-store.ts';
import { parseS3Url, redactS3Url } from './s3-location.ts';

let s3: TestS3;
before(async () => {
  s3 = await startTestS3();
});
after(() => s3.stop());

test('a 20 MiB blob goes up in parts and comes back byte for byte', async () => {
  const store = new S3BlobStore(parseS3Url(s3.url()));
  const data = randomBytes(20 * 2 ** 20);
  await store.put('pilots/p/logs/l/original', data);
  assert.ok((await store.get('pilots/p/logs/l/original'))?.equals(data));
  assert.deepEqual(
    (await store.list('pilots/')).map((b) => [b.key, b.size]),
    [['pilots/p/logs/l/original', data.length]],
  );
  store.close();
});

test('delete removes every version and delete marker of the object, and only that object', async () => {
  const at = parseS3Url(s3.url());
  const store = new S3BlobStore(at);
  for (const v of ['one', 'two', 'three']) await store.put('a/log', Buffer.from(v));
  await store.put('a/log.json', Buffer.from('keep'));
  assert.equal(await store.delete('a/log'), true);
  const client = s3Client(at);
  const left = await client.send(
    new ListObjectVersionsCommand({ Bucket: at.bucket, Prefix: `${at.prefix}a/` }),
  );
  assert.deepEqual(
    [...(left.Versions ?? []), ...(left.DeleteMarkers ?? [])].map((v) => v.Key),
    [`${at.prefix}a/log.json`],
  );
  assert.equal(await store.delete('a/log'), false);
  client.destroy();
  store.close();
});

test('the S3 URL: bucket, prefix, region and credentials; bad URLs say why; secrets are redacted', () => {
  assert.deepEqual(
    parseS3Url('https://AK:S%2Fx@s3.eu-central-1.amazonaws.com/logs/airlock/v1?region=eu-central-1'),
    {
      endpoint: 'https://s3.eu-central-1.amazonaws.com',
      region: 'eu-central-1',
      bucket: 'logs',
      prefix: 'airlock/v1/',
      credentials: { accessKeyId: 'AK', secretAccessKey: 'S/x' },
    },
  );
  assert.equal(parseS3Url('http://127.0.0.1:9000/b').credentials, undefined);
  assert.throws(() => parseS3Url('s3://bucket'), /http or https/);
  assert.throws(() => parseS3Url('https://host/'), /no bucket/);
  assert.throws(() => parseS3Url('https://AK@host/b'), /without a secret/);
  assert.equal(redactS3Url('https://AK:secret@host/b'), 'https://AK:***@host/b');
});
