import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { RECORD_BYTES, RecordFile } from './record-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'airlock-records-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const key = randomBytes(32);

test('appends in sealed records, reads back exactly, holds no plaintext', async () => {
  const path = join(dir, 'a.data');
  writeFileSync(path, '');
  const f = new RecordFile(path, key, 'aad');
  const data = Buffer.concat([Buffer.from('PLAINTEXT-MARKER'), randomBytes(RECORD_BYTES * 2 + 1234)]);
  const n1 = await f.append(
    Readable.from([data.subarray(0, 1000), data.subarray(1000, RECORD_BYTES + 5)]),
    0,
  );
  assert.equal(n1, RECORD_BYTES + 5);
  const s1 = await f.scan();
  const n2 = await f.append(Readable.from([data.subarray(n1)]), s1.records);
  assert.equal(n1 + n2, data.length);
  assert.deepEqual(await f.scan(), { records: 4, bytes: data.length });
  assert.ok((await f.readAll(data.length)).equals(data));
  assert.ok(!readFileSync(path).includes(Buffer.from('PLAINTEXT-MARKER')));
});

test('a torn or tampered tail is cut off, so the reported offset is what can be read', async () => {
  const path = join(dir, 'b.data');
  writeFileSync(path, '');
  const f = new RecordFile(path, key, 'aad');
  await f.append(Readable.from([randomBytes(1000)]), 0);
  await f.append(Readable.from([randomBytes(2000)]), 1);
  const whole = statSync(path).size;
  truncateSync(path, whole - 10); // killed while writing the second record
  assert.deepEqual(await f.scan(), { records: 1, bytes: 1000 });
  await f.append(Readable.from([randomBytes(500)]), 1);
  const size = statSync(path).size;
  const bytes = readFileSync(path);
  bytes[size - 1] ^= 1; // a flipped bit in the last record
  writeFileSync(path, bytes);
  assert.deepEqual(await f.scan(), { records: 1, bytes: 1000 });
  appendFileSync(path, Buffer.from([0, 0])); // stray bytes
  assert.deepEqual(await f.scan(), { records: 1, bytes: 1000 });
  // The same records under another upload's associated data do not decrypt.
  await assert.rejects(new RecordFile(path, key, 'other').readAll(1000), /cannot decrypt/);
});

test('bytes received before the source fails are kept, then the error surfaces', async () => {
  const path = join(dir, 'c.data');
  writeFileSync(path, '');
  const f = new RecordFile(path, key, 'aad');
  async function* broken() {
    yield randomBytes(3000);
    throw new Error('connection reset');
  }
  await assert.rejects(f.append(broken(), 0), /connection reset/);
  assert.deepEqual(await f.scan(), { records: 1, bytes: 3000 });
});
