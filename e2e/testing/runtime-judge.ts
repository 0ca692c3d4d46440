// Judges what `runtimeCheck` (packages/sdk/src/testing) returned in some engine, in Node: the server's
// answer, the warnings, consent under the strict profile, and a ledger whose every SHA-256 and size is
// recomputed here with node:crypto, so a wrong hand-written SHA-256 or UTF-8 encoder cannot pass.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { type RuntimeCheckResult, UTF8_PROBE } from '../../packages/sdk/src/testing/index.ts';

export function judgeRuntimeCheck(out: RuntimeCheckResult): void {
  assert.deepEqual(out.check, {
    coverage: 'full',
    source: 'network',
    zoneCount: out.check.zoneCount,
    countries: ['CH', 'FR'],
    error: null,
  });
  assert.ok(out.check.zoneCount > 0, 'the Montreux sample has zones there');
  assert.notEqual(out.warnings.status, 'unknown');
  assert.deepEqual(out.consent, {
    pendingBefore: ['app_performance', 'user_experience'],
    pendingAfter: [],
    ok: true,
    persisted: true,
    stored: true,
  });
  assert.equal(out.flushRefused, 0, 'strict: nothing optional leaves before the pilot agrees');
  assert.ok(out.flushAgreed >= 1, 'after agreeing, the feature count is sent');
  // Every request that left is in the ledger, in order, and nothing else is.
  assert.deepEqual(
    out.ledger.map((e) => `${e.category} ${e.method} ${e.path}`),
    out.sent,
  );
  assert.equal(out.sent[0].split(' ')[0], 'location_check');
  assert.ok(out.sent.includes('app_performance POST /v1/telemetry/app_performance'));
  for (const e of out.ledger) {
    const body = e.payload ?? '';
    assert.equal(e.sha256, sha256(body), e.path);
    assert.equal(e.bytes, Buffer.byteLength(body, 'utf8'), e.path);
    assert.ok(e.status !== null && e.status >= 200 && e.status < 300, `${e.path}: ${e.status}`);
  }
  // UTF-8 beyond ASCII (2-, 3- and 4-byte sequences): the size and hash of the bytes that left.
  assert.deepEqual(out.probe, {
    bytes: Buffer.byteLength(UTF8_PROBE, 'utf8'),
    sha256: sha256(UTF8_PROBE),
    payload: UTF8_PROBE,
    status: out.probe.status,
  });
  assert.ok(
    out.probe.status !== null && out.probe.status >= 400,
    'the server answered (and refused) the probe',
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
