import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openPostgresDatabase } from './postgres-database.ts';
import { forEachTestDatabase } from './test-databases.ts';

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

for (const factory of forEachTestDatabase()) {
  describe(`change notifications (${factory.name})`, () => {
    test('a notification reaches every listener at once; a stopped listener hears nothing', async () => {
      const { db, dispose } = await factory.open();
      try {
        const heard: string[] = [];
        const stop = await db.listen('airlock_test_changes', (p) => heard.push(p));
        const started = Date.now();
        await db.notify('airlock_test_changes', 'v1');
        await waitFor(() => heard.includes('v1'));
        assert.ok(Date.now() - started < 1000, 'within a second');
        await stop();
        await db.notify('airlock_test_changes', 'v2');
        await new Promise((r) => setTimeout(r, 100));
        assert.ok(!heard.includes('v2'));
        await assert.rejects(
          db.listen('bad; DROP TABLE x', () => {}),
          /invalid notification channel/,
        );
      } finally {
        await dispose();
      }
    });
  });
}

const url = process.env.AIRLOCK_TEST_DATABASE_URL;
describe('change notifications across processes (postgres)', {
  skip: !url && 'AIRLOCK_TEST_DATABASE_URL not set',
}, () => {
  test('another connection notifies; a dropped listener connection reconnects and says so', async () => {
    const a = await openPostgresDatabase(url!, { max: 2 });
    const b = await openPostgresDatabase(url!, { max: 2 });
    try {
      const heard: string[] = [];
      const stop = await a.listen('airlock_test_peer', (p) => heard.push(p));
      await b.notify('airlock_test_peer', 'from-b');
      await waitFor(() => heard.includes('from-b'));
      // The server drops the listening connection (a restart, a failover): the listener comes back.
      await b.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN airlock_test_peer'",
      );
      await waitFor(() => heard.includes('reconnected'), 5000);
      await b.notify('airlock_test_peer', 'after');
      await waitFor(() => heard.includes('after'));
      await stop();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
