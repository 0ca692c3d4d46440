import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlightLogError } from '../../errors.ts';
import { sample, sampleText, seededBytes } from '../../test-samples.ts';
import { readDataFlash } from './read-dataflash.ts';
import { readDataFlashUnits } from './read-units.ts';

function total(counts: Map<string, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}

describe('readDataFlash', () => {
  it('log171.bin (old TimeMS layout): 91,530 messages of 37 types, as dronekit-la and pymavlink count', () => {
    const f = readDataFlash(sample('dataflash/log171.bin'));
    const reference = JSON.parse(sampleText('reference-outputs/log171.bin.dronekit-la.expected.json'));
    assert.equal(total(f.counts), reference['packet-count']);
    assert.equal(total(f.counts), 91_530);
    assert.equal(f.counts.size, 37);
    assert.equal(f.counts.get('GPS'), 1_199);
    assert.equal(f.skippedBytes, 0);
    assert.deepEqual(f.warnings, []);
  });

  it('pymavlink_test.BIN (TimeUS layout, cut at 64 KiB): per-type counts equal mavlogdump', () => {
    const expected = new Map<string, number>();
    for (const m of sampleText('reference-outputs/pymavlink_test.BIN.mavlogdump.expected.txt').matchAll(
      /: (\w+) \{/g,
    )) {
      expected.set(m[1], (expected.get(m[1]) ?? 0) + 1);
    }
    const f = readDataFlash(sample('dataflash/pymavlink_test.BIN'));
    assert.deepEqual(new Map([...f.counts].sort()), new Map([...expected].sort()));
    assert.equal(total(f.counts), 1_731);
    assert.match(f.warnings.join('\n'), /truncated: the last record \(at byte offset 65512/);
  });

  it('backend_log_80k.bin (truncated modern log) imports with a warning, not an error', () => {
    const f = readDataFlash(sample('dataflash/backend_log_80k.bin'));
    assert.equal(total(f.counts), 1_817);
    assert.ok((f.counts.get('PARM') ?? 0) > 1_000);
    assert.match(f.warnings.join('\n'), /truncated/);
  });

  it('resynchronises after a corrupted region and names its offset', () => {
    const bytes = sample('dataflash/log171.bin').slice();
    bytes.set(
      seededBytes(3000, 11).map((b) => (b === 0xa3 ? 0 : b)),
      1_500_000,
    );
    const f = readDataFlash(bytes);
    const n = total(f.counts);
    assert.ok(n < 91_530 && n > 91_000, `got ${n}`);
    assert.match(f.warnings[0], /unreadable bytes at byte offset 15\d{5} .*skipped to the next record/);
  });

  it('fails on a file that is mostly not DataFlash, naming the first bad offset', () => {
    const bytes = new Uint8Array(5000);
    bytes.set(sample('dataflash/log171.bin').subarray(0, 1000));
    bytes.set(seededBytes(4000, 5), 1000);
    assert.throws(
      () => readDataFlash(bytes),
      (e) => e instanceof FlightLogError && /Corrupt DataFlash log.*byte offset 1\d{3}/.test(e.message),
    );
    assert.throws(() => readDataFlash(seededBytes(100, 1)), /no 0xA3 0x95 record header at byte offset 0/);
  });

  it('reads FMTU/UNIT/MULT from new logs; old logs have none', () => {
    const units = readDataFlashUnits(sample('dataflash/backend_log_80k.bin'));
    assert.equal(units.get('GPS')?.get('Lat')?.unit, 'deglatitude');
    assert.equal(units.get('GPS')?.get('Spd')?.unit, 'm/s');
    assert.equal(units.get('GPS')?.get('TimeUS')?.unit, 's');
    assert.equal(readDataFlashUnits(sample('dataflash/log171.bin')).size, 0);
  });
});
