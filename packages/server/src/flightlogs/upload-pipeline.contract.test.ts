// The upload pipeline shared by servers, on each database adapter (PGlite always, PostgreSQL when
// AIRLOCK_TEST_DATABASE_URL is set): two pipelines over one database and one blob store stand for two
// servers. An upload resumes on the other, a race for one offset has one winner, parts are sealed and
// bound to their place, a cut stream keeps what arrived, the quota holds across both, sweeps.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { AccountService } from '../accounts/index.ts';
import { MemoryBlobStore } from '../blobs/index.ts';
import { silentLogger } from '../log/index.ts';
import { type Database, forEachTestDatabase } from '../storage/index.ts';
import { testAccounts } from '../testing/test-accounts.ts';
import { UploadError } from './flightlog-error.ts';
import { FlightLogService } from './flightlog-service.ts';
import { ORPHAN_MIN_AGE_MS } from './sweeps.ts';
import { UploadPipeline } from './upload-pipeline.ts';
import { newUploadId, PART_BYTES } from './upload-staging.ts';

const GPX = Buffer.from(`<?xml version="1.0"?>
<gpx version="1.1" creator="pipeline-test" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
${Array.from({ length: 400 }, (_, i) => `<trkpt lat="${(47.3769 + i * 1e-4).toFixed(6)}" lon="8.5417"><ele>${410 + i}</ele><time>${new Date(Date.UTC(2024, 4, 1, 10, 0, i)).toISOString()}</time></trkpt>`).join('\n')}
</trkseg></trk></gpx>`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const meta = (b: Buffer) => ({ filename: 'track.gpx', sha256: sha(b) });

for (const factory of forEachTestDatabase()) {
  describe(`upload pipeline across servers on ${factory.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let blobs: MemoryBlobStore;
    let a: UploadPipeline;
    let b: UploadPipeline;
    let pilot: string;
    let accounts: AccountService;
    before(async () => {
      ({ db, dispose } = await factory.open());
      const made = testAccounts(db);
      const keyring = made.keyring;
      accounts = made.accounts;
      pilot = (await accounts.signUp('uma@example.org', 'correct horse battery staple')).id;
      blobs = new MemoryBlobStore();
      const server = () => {
        const logs = new FlightLogService(db, keyring, blobs, { maxBytes: 1e8 }, silentLogger);
        const options = { maxBytes: 1e8, expiryMs: 3_600_000, quota: { bytes: 1e7, openUploads: 5 } };
        return new UploadPipeline(
          db,
          keyring,
          blobs,
          (p, bytes, m) => logs.importBytes(p, bytes, m),
          options,
          silentLogger,
        );
      };
      a = server();
      b = server();
    });
    after(async () => dispose());

    test('opened on one server, a PATCH on each, imported on the other; a HEAD on the first finds the log', async () => {
      const onA = await a.staging(pilot);
      const onB = await b.staging(pilot);
      const id = newUploadId();
      await onA.open(id, GPX.length, meta(GPX));
      const half = 20_000;
      assert.equal(await onA.append(id, 0, Readable.from([GPX.subarray(0, half)])), half);
      assert.equal((await onB.get(id))?.offset, half, 'the other server sees the offset at once');
      assert.equal(await onB.append(id, half, Readable.from([GPX.subarray(half)])), GPX.length);
      const logId = await b.complete(onB, id);
      assert.equal(await a.completeIfReceived(onA, id), logId);
      assert.deepEqual(await blobs.list(`pilots/${pilot}/uploads/${id}/`), [], 'parts gone once imported');
      assert.equal((await onA.get(id))?.logId, logId, 'a marker stays');
      // The import's own row is there; the same upload completed again is the same log.
      assert.equal(await a.complete(onA, id), logId);
    });

    test('two servers writing one offset at once: one part counts, the other is a 409 and leaves nothing', async () => {
      const [onA, onB] = [await a.staging(pilot), await b.staging(pilot)];
      const id = newUploadId();
      await onA.open(id, 10_000, meta(Buffer.alloc(10_000)));
      const results = await Promise.allSettled([
        onA.append(id, 0, Readable.from([Buffer.alloc(6000, 1)])),
        onB.append(id, 0, Readable.from([Buffer.alloc(6000, 2)])),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.ok(lost[0].reason instanceof UploadError && lost[0].reason.status === 409);
      assert.equal((await onA.get(id))?.offset, 6000);
      assert.equal(
        (await blobs.list(`pilots/${pilot}/uploads/${id}/`)).length,
        1,
        'the loser deleted its part',
      );
      assert.ok(await onB.discard(id));
    });

    test('parts are sealed and bound to their place: no plaintext, a moved part is refused', async () => {
      const onA = await a.staging(pilot);
      const id = newUploadId();
      const bytes = Buffer.concat([GPX, GPX, GPX]).subarray(0, PART_BYTES + 5000);
      const big = Buffer.concat([bytes, randomBytes(PART_BYTES + 5000 - bytes.length)]);
      await onA.open(id, big.length, meta(big));
      assert.equal(await onA.append(id, 0, Readable.from([big])), big.length);
      const parts = await blobs.list(`pilots/${pilot}/uploads/${id}/`);
      assert.equal(parts.length, 2, 'one part per PART_BYTES');
      for (const p of parts) assert.ok(!(await blobs.get(p.key))?.includes('trkpt'), 'plaintext in a part');
      assert.ok((await onA.assemble(id, big.length)).equals(big));
      await blobs.put(parts[1].key, (await blobs.get(parts[0].key)) as Buffer);
      await assert.rejects(onA.assemble(id, big.length), /cannot decrypt/);
      assert.ok(await onA.discard(id));
    });

    test('a stream cut mid-body keeps what arrived; the upload resumes after it', async () => {
      const onA = await a.staging(pilot);
      const id = newUploadId();
      await onA.open(id, GPX.length, meta(GPX));
      async function* cut() {
        yield GPX.subarray(0, 7000);
        throw new Error('connection reset');
      }
      await assert.rejects(onA.append(id, 0, cut()), /connection reset/);
      assert.equal((await onA.get(id))?.offset, 7000);
      await onA.append(id, 7000, Readable.from([GPX.subarray(7000)]));
      assert.ok(await a.complete(onA, id));
    });

    test('the quota holds across servers: a burst spread over both opens exactly what fits', async () => {
      const other = (await accounts.signUp('vic@example.org', 'correct horse battery staple')).id;
      const [onA, onB] = [await a.staging(other), await b.staging(other)];
      // 5 open at most, 10 MB at most: 2.4 MB each → four fit.
      const answers = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? onA : onB).open(newUploadId(), 2_400_000, meta(GPX))),
      );
      assert.equal(answers.filter((r) => r.status === 'fulfilled').length, 4);
      assert.ok(
        answers.every((r) => r.status === 'fulfilled' || (r.reason as UploadError).code === 'quota_exceeded'),
      );
    });

    test('sweeps: expired uploads go with their parts; parts no row refers to go once old', async () => {
      const onA = await a.staging(pilot);
      const id = newUploadId();
      await onA.open(id, GPX.length, meta(GPX));
      await onA.append(id, 0, Readable.from([GPX.subarray(0, 5000)]));
      const stray = `pilots/${pilot}/uploads/${newUploadId()}/000000000000-000000000000`;
      await blobs.put(stray, Buffer.from('x'));
      assert.deepEqual(await b.sweep(), { expired: 0, orphanParts: 0 }, 'nothing young is swept');
      const later = Date.now() + ORPHAN_MIN_AGE_MS + 3_600_000 + 60_000;
      const swept = await b.sweep(later);
      assert.ok(swept.expired >= 1 && swept.orphanParts === 1, JSON.stringify(swept));
      assert.equal(await onA.get(id), null);
      assert.deepEqual(await blobs.list(`pilots/${pilot}/uploads/`), []);
    });
  });
}
