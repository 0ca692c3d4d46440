import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { TIMING_BUCKETS } from './buckets.ts';
import { DECLARED_FEATURES, DECLARED_TIMINGS, FIELD_REGISTRY } from './field-registry.ts';
import type { FieldDefinition } from './field-types.ts';
import { checkRegistry, fieldsExpiringWithin, findField, isFieldLive } from './registry-check.ts';
import { utcDay } from './telemetry-day.ts';

const good: FieldDefinition = {
  name: 'map.open',
  kind: 'feature',
  category: 'app_performance',
  type: { type: 'integer', min: 1, max: 10 },
  description: 'The airspace map was opened by the pilot.',
  expires: '2027-06-30',
};

describe('the field registry', () => {
  test('every declared field has a name, a description and an expiry (checkRegistry finds nothing)', () => {
    assert.deepEqual(checkRegistry(FIELD_REGISTRY), []);
  });

  test('renewal reminder: no field expires within 60 days (renew or drop it, see docs/telemetry.md)', () => {
    const soon = fieldsExpiringWithin(FIELD_REGISTRY, utcDay(), 60).map(
      (f) => `${f.category}/${f.name} ${f.expires}`,
    );
    assert.deepEqual(soon, []);
  });

  test('declares the wire format: context, error fields, features, timings and flight fields', () => {
    for (const name of ['app_version', 'os', 'os_version', 'device_model'])
      assert.ok(findField(FIELD_REGISTRY, 'app_performance', 'context', name), name);
    for (const name of ['app_version', 'os'])
      assert.ok(findField(FIELD_REGISTRY, 'user_experience', 'context', name), name);
    for (const name of ['error_type', 'fingerprint', 'stack', 'crash'])
      assert.ok(findField(FIELD_REGISTRY, 'app_performance', 'error', name), name);
    for (const name of [
      'map.open',
      'check.location',
      'settings.open',
      'ledger.open',
      'logs.sync',
      'media.share',
    ])
      assert.ok(DECLARED_FEATURES.includes(name), name);
    assert.deepEqual([...DECLARED_TIMINGS], ['app.startup', 'location.check', 'map.render']);
    for (const name of ['duration', 'distance', 'photos', 'videos'])
      assert.ok(findField(FIELD_REGISTRY, 'user_experience', 'flight', name), name);
    const timing = findField(FIELD_REGISTRY, 'app_performance', 'timing', 'app.startup');
    assert.equal(timing?.type.type === 'buckets' && timing.type.buckets, TIMING_BUCKETS);
  });

  test('no location, precise time or identifier field is declared', () => {
    for (const f of FIELD_REGISTRY)
      assert.doesNotMatch(
        f.name,
        /lat|lon|coord|position|time(stamp)?$|_id$|^id$|serial|ip|user|device_name|email/,
      );
  });

  test('docs/telemetry.md lists every declared field with its expiry', () => {
    const doc = readFileSync(new URL('../../../../docs/telemetry.md', import.meta.url), 'utf8');
    for (const f of FIELD_REGISTRY) {
      assert.ok(doc.includes(`\`${f.name}\``), `docs/telemetry.md does not mention ${f.name}`);
      assert.ok(doc.includes(f.expires), `docs/telemetry.md does not give the expiry ${f.expires}`);
    }
  });

  test('a field is live until its expiry day, not on it', () => {
    assert.ok(isFieldLive(good, '2027-06-29'));
    assert.ok(!isFieldLive(good, '2027-06-30'));
  });
});

describe('checkRegistry on bad registries', () => {
  const cases: Array<[string, Partial<FieldDefinition> | null, RegExp]> = [
    ['no description', { description: undefined }, /description missing/],
    ['blank description', { description: '   ' }, /description missing/],
    ['too short a description', { description: 'map' }, /shorter than/],
    ['no expiry', { expires: undefined }, /expiry missing/],
    ['expiry not a day', { expires: '2027-02-30' }, /expiry missing or not a YYYY-MM-DD/],
    ['expiry in another format', { expires: '30.06.2027' }, /expiry/],
    ['malformed name', { name: 'Map Open' }, /malformed name/],
    [
      'bad buckets',
      {
        type: { type: 'buckets', buckets: { id: 'b', unit: 'ms', labels: ['a', 'a'], upperBounds: [5, 1] } },
      },
      /duplicate bucket label|needs one bound fewer/,
    ],
  ];
  for (const [what, change, expected] of cases) {
    test(what, () => {
      const bad = { ...good, ...change } as FieldDefinition;
      const problems = checkRegistry([bad]);
      assert.ok(
        problems.some((p) => expected.test(p)),
        problems.join('\n'),
      );
    });
  }

  test('a field declared twice', () => {
    assert.match(checkRegistry([good, { ...good }]).join('\n'), /declared twice/);
  });

  test('fieldsExpiringWithin flags fields near or past expiry', () => {
    const old = { ...good, name: 'map.old', expires: '2026-01-01' };
    assert.deepEqual(
      fieldsExpiringWithin([good, old], '2025-12-01', 60).map((f) => f.name),
      ['map.old'],
    );
  });
});
