// deploy/compose.yaml (the whole stack, docs/operations.md) cannot be started here (no Docker), so it is
// read instead: every setting it gives an Airlock server is one the server reads, the settings as
// compose would fill them in pass the server's own config check, and every service, file and volume
// it names exists.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { configSchema, loadConfig } from './index.ts';

const DEPLOY = new URL('../../../../deploy/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DEPLOY), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, unknown>;
  volumes?: string[];
}
const compose = parse(read('compose.yaml')) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;
const airlock = Object.entries(services).filter(([, s]) => s.image === 'airlock:local');

// What the operator must export (`${X:?…}`), as they would.
const REQUIRED: Record<string, string> = {
  AIRLOCK_MASTER_KEY: randomBytes(32).toString('base64'),
  AIRLOCK_ADMIN_TOKEN: randomBytes(24).toString('hex'),
};

/** Compose's interpolation: `${X:-default}`, `${X:?message}`, `${X}`, and `$$` for a `$`. */
function interpolate(value: string): string {
  return value
    .replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
      if (kind === '-') return rest ?? '';
      const v = REQUIRED[name];
      assert.ok(v !== undefined, `\${${name}} has no default and is not one the operator is told to set`);
      return v;
    })
    .replaceAll('$$', '$');
}

test('the compose file runs several Airlock servers, each with only settings the server reads', () => {
  assert.ok(airlock.length >= 2, 'several identical servers');
  const known = new Set(Object.keys(configSchema.shape));
  for (const [name, s] of airlock) {
    const env = s.environment ?? {};
    const unknown = Object.keys(env).filter((k) => !known.has(k));
    assert.deepEqual(unknown, [], `${name} sets what no server reads`);
    for (const key of [
      'DATABASE_URL',
      'NATS_URL',
      'REDIS_URL',
      'AIRLOCK_FLIGHTLOG_S3_URL',
      'AIRLOCK_MEDIA_S3_URL',
    ])
      assert.ok(env[key], `${name}: ${key} (the shared stores of docs/operations.md)`);
    assert.deepEqual(env, airlock[0][1].environment, `${name} differs from ${airlock[0][0]}`);
  }
});

test('filled in as compose would, the settings pass the server config check (regions, buckets, key)', () => {
  const env = Object.fromEntries(
    Object.entries(airlock[0][1].environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
  );
  const config = loadConfig(env);
  assert.equal(config.HOST, '0.0.0.0');
  assert.notEqual(
    config.AIRLOCK_FLIGHTLOG_S3_URL,
    config.AIRLOCK_MEDIA_S3_URL,
    'media in a bucket of its own',
  );
});

test('every service, volume and file the compose file names exists, and haproxy balances every server', () => {
  for (const [name, s] of Object.entries(services)) {
    const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
    for (const d of deps) assert.ok(services[d], `${name} depends on ${d}, which is not a service`);
    for (const v of s.volumes ?? []) {
      const source = v.split(':')[0];
      if (source.startsWith('.')) assert.ok(existsSync(new URL(source, DEPLOY)), `${name}: ${source}`);
      else assert.ok(compose.volumes && source in compose.volumes, `${name}: volume ${source} not declared`);
    }
    if (s.build) assert.ok(existsSync(new URL(`${s.build.context}/${s.build.dockerfile}`, DEPLOY)));
  }
  const backends = [...read('haproxy.cfg').matchAll(/^\s*server\s+\S+\s+([^:\s]+):8080/gm)].map((m) => m[1]);
  assert.deepEqual(backends.sort(), airlock.map(([name]) => name).sort());
  for (const [name, s] of airlock)
    assert.equal(s.environment?.PORT, '8080', `${name} listens where haproxy looks`);
});
