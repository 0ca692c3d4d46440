import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { killRounds } from '../testing/kill-rounds.ts';

// The real server in a child process, killed with SIGKILL while reports stream in, three times, then
// started once more: every report it answered 202 is in the aggregates, and none twice.
// (bench/telemetry-kill.ts runs the same for 10 rounds and reports the numbers.)
for (const fsync of ['false', 'true'])
  test(`kill -9 during ingest: every 202 survives, nothing is counted twice (fsync ${fsync})`, {
    timeout: 600_000,
  }, async (t) => {
    const dataDir = mkdtempSync(join(os.tmpdir(), 'airlock-telemetry-kill-'));
    try {
      const r = await killRounds({
        dataDir,
        rounds: 2,
        senders: 8,
        killAfterMs: [400, 1200],
        env: { AIRLOCK_TELEMETRY_FSYNC: fsync },
      });
      t.diagnostic(JSON.stringify(r));
      assert.ok(r.acknowledged > 0, 'reports were answered 202 before each kill');
      assert.equal(r.lost, 0, `lost ${r.lost} of ${r.acknowledged} acknowledged reports`);
      assert.equal(
        r.doubleCounted,
        0,
        `counted ${r.counted}, at most ${r.acknowledged + r.unanswered} possible`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
