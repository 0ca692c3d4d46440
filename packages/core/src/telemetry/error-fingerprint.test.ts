import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { errorFingerprint } from './error-fingerprint.ts';
import { scrubStack } from './scrub-stack.ts';
import { sha256Hex } from './sha256.ts';

const chrome = (home: string, line: number) => `TypeError: Cannot read properties of undefined (reading 'lat')
    at renderZones (file://${home}/dronefly/dist/map.js:${line}:17)
    at MapView.draw (file://${home}/dronefly/dist/map.js:${line + 80}:3)
    at HTMLButtonElement.onClick (file://${home}/dronefly/dist/ui.js:9:1)`;

const android = (pkgPath: string) => `java.lang.NullPointerException: user ${pkgPath}
\tat com.dronemaker.fly.map.MapController.open(MapController.kt:88)
\tat com.dronemaker.fly.map.MapActivity.onResume(MapActivity.kt:31)
\tat android.app.Activity.performResume(Activity.java:8422)`;

test('the fingerprint is 16 hex digits and the same across users, install paths and line numbers', () => {
  const fps = [
    chrome('/Users/alice', 120),
    chrome('/home/bob', 121),
    chrome('/C:/Users/Carol Smith/AppData', 400),
  ].map((s) => errorFingerprint('TypeError', scrubStack(s)));
  assert.match(fps[0], /^[0-9a-f]{16}$/);
  assert.equal(new Set(fps).size, 1, fps.join(' '));
  const a = errorFingerprint('java.lang.NullPointerException', scrubStack(android('/data/user/0/alice')));
  const b = errorFingerprint(
    'java.lang.NullPointerException',
    scrubStack(android('/data/user/10/bob@example.com')),
  );
  assert.equal(a, b);
});

test('a different error type or a different top frame gives a different fingerprint', () => {
  const s = scrubStack(chrome('/Users/alice', 1));
  assert.notEqual(errorFingerprint('TypeError', s), errorFingerprint('RangeError', s));
  assert.notEqual(
    errorFingerprint('TypeError', s),
    errorFingerprint('TypeError', s.replace('renderZones', 'drawZones')),
  );
  assert.equal(errorFingerprint('TypeError', s), errorFingerprint(' TypeError ', s));
});

test('sha256Hex agrees with node:crypto', () => {
  for (const text of [
    '',
    'abc',
    'x'.repeat(55),
    'x'.repeat(56),
    'x'.repeat(64),
    'héllo ✈ wörld'.repeat(30),
  ]) {
    assert.equal(sha256Hex(text), createHash('sha256').update(text).digest('hex'));
  }
});
