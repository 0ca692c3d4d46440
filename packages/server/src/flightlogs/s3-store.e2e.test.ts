// Flight logs with their blobs in an S3 bucket (moto_server, a real S3 HTTP API; any S3 with
// AIRLOCK_TEST_S3_URL): stored sealed, read back, and every version gone after a delete.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { parseS3Url, type S3Location } from '../blobs/index.ts';
import { s3Client } from '../blobs/s3-blob-store.ts';
import { startTestS3, type TestS3 } from '../testing/moto-s3.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const LOG = readFileSync(
  new URL('../../../../../shared/data/flightlogs/dataflash/log171.bin', import.meta.url),
);

let s3: TestS3;
let t: TestServer;
let at: S3Location;
let client: S3Client;
before(async () => {
  s3 = await startTestS3();
  const url = s3.url();
  at = parseS3Url(url);
  client = s3Client(at);
  t = await startTestServer({
    env: {
      AIRLOCK_ALLOWED_REGIONS: 'local,us-east-1',
      AIRLOCK_FLIGHTLOG_REGION: 'us-east-1',
      AIRLOCK_FLIGHTLOG_S3_URL: url,
    },
  });
});
after(async () => {
  await t?.close();
  client?.destroy();
  await s3?.stop();
});

async function objectsInBucket(): Promise<Array<{ key: string; bytes?: Buffer }>> {
  const r = await client.send(new ListObjectVersionsCommand({ Bucket: at.bucket, Prefix: at.prefix }));
  return [...(r.Versions ?? []), ...(r.DeleteMarkers ?? [])].map((v) => ({ key: v.Key ?? '' }));
}

test('a flight log lands in the bucket sealed, reads back, and leaves no version behind when deleted', async () => {
  const { auth } = await t.pilot('s3@example.org');
  const up = await fetch(`${t.url}/v1/flightlogs?filename=log171.bin`, {
    method: 'POST',
    headers: auth,
    body: LOG,
  });
  assert.equal(up.status, 201, await up.clone().text());
  const { flightlog } = await up.json();
  const stored = await objectsInBucket();
  assert.ok(stored.length > 0, 'the blobs are in the bucket');
  assert.ok(
    stored.every((o) => !o.key.includes('s3@example.org')),
    'no e-mail in object keys',
  );
  const original = await fetch(`${t.url}/v1/flightlogs/${flightlog.id}/original`, { headers: auth });
  assert.equal(original.status, 200);
  assert.ok(Buffer.from(await original.arrayBuffer()).equals(LOG), 'the original comes back byte for byte');
  // What the bucket holds is sealed: the log's own bytes are nowhere in it.
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  for (const o of stored) {
    const body = await client.send(new GetObjectCommand({ Bucket: at.bucket, Key: o.key }));
    const bytes = Buffer.from(await (body.Body?.transformToByteArray() ?? new Uint8Array()));
    assert.equal(bytes.indexOf(LOG.subarray(0, 64)), -1, `${o.key} holds the plain log`);
  }
  const del = await fetch(`${t.url}/v1/flightlogs/${flightlog.id}`, { method: 'DELETE', headers: auth });
  assert.equal(del.status, 204);
  assert.deepEqual(await objectsInBucket(), [], 'every version and delete marker is gone');
});
