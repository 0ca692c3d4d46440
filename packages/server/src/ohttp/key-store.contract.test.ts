// Key rotation against each database engine: made at first start, replaced by age, the old one kept
// through its grace and then deleted, and one new key when several servers rotate at once.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { forEachTestDatabase } from '../storage/index.ts';
import { rotateKeys } from './key-store.ts';

const generate = async () => new Uint8Array(randomBytes(32));
const policy = { rotateS: 3600, graceS: 600 };

for (const factory of forEachTestDatabase()) {
  describe(`OHTTP keys on ${factory.name}`, () => {
    test('first start makes a key; later calls keep it until it is due', async () => {
      const { db, dispose } = await factory.open();
      try {
        const first = await rotateKeys(db, policy, generate);
        assert.equal(first.length, 1);
        const again = await rotateKeys(db, policy, generate);
        assert.deepEqual(
          again.map((k) => k.keyId),
          [first[0].keyId],
        );
        assert.deepEqual(again[0].privateKey, first[0].privateKey);
      } finally {
        await dispose();
      }
    });

    test('rotation by age, the grace, then deletion; ids wrap at 256', async () => {
      const { db, dispose } = await factory.open();
      try {
        const age = (keyId: number, seconds: number) =>
          db.query(`UPDATE ohttp_keys SET created_at = now() - make_interval(secs => $2) WHERE key_id = $1`, [
            keyId,
            seconds,
          ]);
        const [k0] = await rotateKeys(db, policy, generate);
        await age(k0.keyId, 3601);
        const rotated = await rotateKeys(db, policy, generate);
        assert.deepEqual(
          rotated.map((k) => k.keyId),
          [k0.keyId + 1, k0.keyId],
          'new key first, old one in its grace',
        );
        await age(rotated[0].keyId, 599);
        assert.equal((await rotateKeys(db, policy, generate)).length, 2, 'still in its grace');
        await age(rotated[0].keyId, 601);
        const after = await rotateKeys(db, policy, generate);
        assert.deepEqual(
          after.map((k) => k.keyId),
          [k0.keyId + 1],
        );
        const rows = await db.query('SELECT key_id FROM ohttp_keys');
        assert.equal(rows.rows.length, 1, 'the replaced key is deleted, not only hidden');
        // Key ids are 8 bits: after 255 comes 0.
        await db.query('UPDATE ohttp_keys SET key_id = 255');
        await age(255, 3601);
        assert.deepEqual(
          (await rotateKeys(db, policy, generate)).map((k) => k.keyId),
          [0, 255],
        );
      } finally {
        await dispose();
      }
    });

    test('servers rotating at once make one new key', async () => {
      const { db, dispose } = await factory.open();
      try {
        const [k0] = await rotateKeys(db, policy, generate);
        await db.query(`UPDATE ohttp_keys SET created_at = now() - interval '2 hours'`);
        const results = await Promise.all([1, 2, 3, 4].map(() => rotateKeys(db, policy, generate)));
        for (const r of results) assert.equal(r[0].keyId, k0.keyId + 1);
        assert.equal((await db.query('SELECT key_id FROM ohttp_keys')).rows.length, 2);
      } finally {
        await dispose();
      }
    });
  });
}
