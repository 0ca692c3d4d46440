import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config/index.ts';
import { openDatabase } from '../storage/index.ts';
import { runCli } from '../testing/run-cli.ts';
import { startTestServer, TEST_ARGON2 } from '../testing/test-server.ts';

const SAMPLES = new URL('../../../../../shared/data/flightlogs/', import.meta.url).pathname;

const run = (...argv: string[]) => runCli(argv);

describe('airlock logs', () => {
  let dir: string;
  const saved = { ...process.env };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-logs-cli-'));
    Object.assign(process.env, TEST_ARGON2, {
      AIRLOCK_DATA_DIR: dir,
      AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
    });
    delete process.env.DATABASE_URL;
  });
  after(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  test('summary --json: one object with the documented fields', async () => {
    const r = await run('logs', 'summary', join(SAMPLES, 'dataflash/log171.bin'), '--json');
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out);
    for (const k of [
      'format',
      'start',
      'duration_s',
      'distance_m',
      'max_alt_m',
      'max_speed_mps',
      'messages',
      'warnings',
    ])
      assert.ok(k in s, k);
    assert.equal(s.format, 'dataflash');
    assert.equal(s.start, '2015-11-21T23:43:51.723Z');
    assert.equal(s.distance_m, 405.07);
    assert.equal(s.messages.GPS, 1199);
    assert.match(s.file.sha256, /^[0-9a-f]{64}$/);
    const ulog = JSON.parse((await run('logs', 'summary', '--json', join(SAMPLES, 'ulog/sample.ulg'))).out);
    assert.equal(ulog.start, null);
    assert.equal(
      Object.values(ulog.messages as Record<string, number>).reduce((a, b) => a + b, 0),
      64542,
    );
  });

  test('summary in words; a corrupt file exits 1 naming the offset; usage errors exit 2', async () => {
    const r = await run('logs', 'summary', join(SAMPLES, 'tlog/vtol.tlog'));
    assert.equal(r.code, 0);
    assert.match(r.out, /vtol\.tlog: tlog/);
    assert.match(r.out, /distance\s+1826\.8 m/);
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, 'not a flight log');
    const bad = await run('logs', 'summary', junk);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /offset|first bytes/);
    assert.equal((await run('logs', 'summary')).code, 2);
    assert.equal((await run('logs', 'frobnicate', junk)).code, 2);
    assert.equal((await run('logs', 'import', junk)).code, 2, 'import needs --email or --server');
    const help = await run('logs', '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /airlock logs summary FILE \[--json\]/);
    assert.match((await run('--help')).out, /\blogs\b/);
  });

  test('accounts create, then import --email with the password on stdin, once (no server: standalone)', async () => {
    const password = { stdin: 'correct horse battery staple\n' };
    const none = await runCli(['accounts', 'create', '--email', 'ops@example.org'], password);
    assert.equal(none.code, 2, 'no data dir yet: refused, nothing created');
    assert.match(none.err, /no Airlock server is running and there is no data dir/);
    const config = loadConfig();
    await (await openDatabase({ dataDir: config.AIRLOCK_DATA_DIR })).close();
    const created = await runCli(['accounts', 'create', '--email', 'ops@example.org'], password);
    assert.equal(created.code, 0, created.err);
    assert.match(created.err, /no server is running; opening .* directly/);
    const file = join(SAMPLES, 'gpx/airdata_mini2_2021-09-05.gpx');
    const first = await runCli(['logs', 'import', file, '--email', 'OPS@example.org'], password);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^imported: flight log [0-9a-f-]{36} \(gpx\)/);
    const again = await runCli(['logs', 'import', file, '--email', 'ops@example.org'], password);
    assert.match(again.out, /^already imported/, 'stored: the second run finds it');
    const wrong = await runCli(['logs', 'import', file, '--email', 'ops@example.org'], { stdin: 'nope\n' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /sign-in failed: .*\(HTTP 401\)/);
  });

  test('import --server --token uploads over HTTP as the pilot', async () => {
    const t = await startTestServer();
    try {
      const p = await t.pilot('remote@example.org');
      const file = join(SAMPLES, 'kml/airdata_mini2_2021-09-05.kml');
      const r = await run('logs', 'import', file, '--server', t.url, '--token', p.token);
      assert.equal(r.code, 0, r.err);
      const id = /flight log ([0-9a-f-]{36})/.exec(r.out)![1];
      const log = await (await fetch(`${t.url}/v1/flightlogs/${id}`, { headers: p.auth })).json();
      assert.equal(log.filename, 'airdata_mini2_2021-09-05.kml');
      const denied = await run('logs', 'import', file, '--server', t.url, '--token', 'als_wrong');
      assert.equal(denied.code, 1);
      assert.match(denied.err, /401/);
    } finally {
      await t.close();
    }
  });
});
