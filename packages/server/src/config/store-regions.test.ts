import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './index.ts';

test('a store outside the allowed regions is named, every one of them', () => {
  assert.throws(
    () =>
      loadConfig({
        AIRLOCK_ALLOWED_REGIONS: 'eu-central-1, eu-west-1',
        AIRLOCK_DATABASE_REGION: 'eu-central-1',
        AIRLOCK_FLIGHTLOG_REGION: 'us-east-1',
      }),
    (e: ConfigError) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.problems.length, 2, e.message);
      assert.match(
        e.message,
        /AIRLOCK_FLIGHTLOG_REGION: the flight-log blobs store is in region "us-east-1"/,
      );
      assert.match(e.message, /AIRLOCK_MEDIA_REGION: the community media store is in region "local"/);
      assert.doesNotMatch(e.message, /AIRLOCK_DATABASE_REGION/);
      return true;
    },
  );
  const ok = loadConfig({
    AIRLOCK_ALLOWED_REGIONS: 'EU-Central-1',
    AIRLOCK_DATABASE_REGION: 'eu-central-1',
    AIRLOCK_FLIGHTLOG_REGION: 'eu-central-1',
    AIRLOCK_MEDIA_REGION: 'eu-central-1',
  });
  assert.deepEqual(ok.AIRLOCK_ALLOWED_REGIONS, ['eu-central-1']);
  assert.deepEqual(
    loadConfig({}).AIRLOCK_ALLOWED_REGIONS,
    ['local'],
    'fails closed: only "local" by default',
  );
  assert.throws(
    () => loadConfig({ AIRLOCK_MASTER_KEY: 'c2hvcnQ=' }),
    /AIRLOCK_MASTER_KEY: must be base64 of exactly 32 bytes/,
  );
});

test('`airlock serve` refuses to start, naming the store, and writes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-region-'));
  try {
    const bin = new URL('../../bin/airlock.js', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', '0'], {
      env: {
        PATH: process.env.PATH,
        AIRLOCK_DATA_DIR: dir,
        AIRLOCK_ALLOWED_REGIONS: 'ch',
        AIRLOCK_DATABASE_REGION: 'ch',
        AIRLOCK_FLIGHTLOG_REGION: 'ch',
        AIRLOCK_MEDIA_REGION: 'us-east-1',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr,
      /AIRLOCK_MEDIA_REGION: the community media store is in region "us-east-1", which is not in AIRLOCK_ALLOWED_REGIONS \(ch\)/,
    );
    assert.doesNotMatch(r.stdout, /listening/);
    assert.deepEqual(readdirSync(dir), [], 'no database, key or blob was created');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bucket must be in the region its store declares, media apart from logs, and no secret in errors', () => {
  const url = 'https://AK:topsecret@s3.eu-central-1.amazonaws.com/logs?region=eu-central-1';
  assert.throws(
    () =>
      loadConfig({
        AIRLOCK_ALLOWED_REGIONS: 'local,eu-central-1',
        AIRLOCK_FLIGHTLOG_S3_URL: url,
      }),
    (e: ConfigError) => {
      assert.match(
        e.message,
        /AIRLOCK_FLIGHTLOG_S3_URL: the bucket is in region "eu-central-1" but AIRLOCK_FLIGHTLOG_REGION declares "local"/,
      );
      assert.doesNotMatch(e.message, /topsecret/);
      return true;
    },
  );
  assert.throws(
    () =>
      loadConfig({
        AIRLOCK_ALLOWED_REGIONS: 'eu-central-1',
        AIRLOCK_DATABASE_REGION: 'eu-central-1',
        AIRLOCK_FLIGHTLOG_REGION: 'eu-central-1',
        AIRLOCK_MEDIA_REGION: 'eu-central-1',
        AIRLOCK_FLIGHTLOG_S3_URL: url,
        AIRLOCK_MEDIA_S3_URL: url,
      }),
    /community media need a store of their own/,
  );
  assert.throws(
    () => loadConfig({ AIRLOCK_FLIGHTLOG_S3_URL: 's3://logs' }),
    (e: ConfigError) => {
      assert.match(e.message, /AIRLOCK_FLIGHTLOG_S3_URL: must be an http or https URL/);
      return true;
    },
  );
  const ok = loadConfig({
    AIRLOCK_ALLOWED_REGIONS: 'local,eu-central-1',
    AIRLOCK_FLIGHTLOG_REGION: 'eu-central-1',
    AIRLOCK_FLIGHTLOG_S3_URL: url,
  });
  assert.equal(ok.AIRLOCK_FLIGHTLOG_S3_URL, url);
});
