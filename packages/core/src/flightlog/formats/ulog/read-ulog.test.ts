import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlightLogError } from '../../errors.ts';
import { sample, sampleText, seededBytes } from '../../test-samples.ts';
import { readULog } from './read-ulog.ts';

/** Totals and topic instances from pyulog 3cf1779 (`ULog(file)`), run on these files. */
const PYULOG: Record<string, { messages: number; instances: number; duration_us: number }> = {
  'sample.ulg': { messages: 64_542, instances: 15, duration_us: 68_993_330 },
  'sample_appended_multiple.ulg': { messages: 6_852, instances: 20, duration_us: 9_779_961 },
  'sample_log_small.ulg': { messages: 14_604, instances: 70, duration_us: 1_174_058_246 },
  'sample_logging_tagged_and_default_params.ulg': {
    messages: 21_229,
    instances: 96,
    duration_us: 10_772_000,
  },
  'sample_px4_events.ulg': { messages: 29_480, instances: 69, duration_us: 31_136_000 },
};

/** "(name, multi_id) → count" from pyulog's own `ulog_info` expectations. */
function infoCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^ (\w+) \((\d+), \d+\)\s+(\d+)\s+\d+$/gm))
    out.set(`${m[1]}/${m[2]}`, Number(m[3]));
  return out;
}

describe('readULog agrees with pyulog', () => {
  for (const [file, ref] of Object.entries(PYULOG)) {
    it(`${file}: ${ref.messages} data messages in ${ref.instances} topic instances`, () => {
      const u = readULog(sample(`ulog/${file}`));
      const used = u.subscriptions.filter((s) => s.count > 0);
      assert.equal(
        used.reduce((s, x) => s + x.count, 0),
        ref.messages,
      );
      assert.equal(used.length, ref.instances);
      assert.equal(u.lastTimestamp - u.startTimestamp, ref.duration_us);
      assert.equal(u.corrupt, false);
      assert.deepEqual(u.warnings, []);
    });
  }

  for (const name of ['sample', 'sample_appended_multiple']) {
    it(`${name}: per-topic counts equal ulog_info's`, () => {
      const expected = infoCounts(sampleText(`reference-outputs/pyulog/${name}_info.txt`));
      const u = readULog(sample(`ulog/${name}.ulg`));
      const got = new Map(
        u.subscriptions.filter((s) => s.count > 0).map((s) => [`${s.name}/${s.multiId}`, s.count]),
      );
      assert.ok(expected.size > 10);
      assert.deepEqual(got, expected);
    });
  }

  for (const name of Object.keys(PYULOG).map((f) => f.replace('.ulg', ''))) {
    it(`${name}: logged messages include every line of ulog_messages`, () => {
      const u = readULog(sample(`ulog/${name}.ulg`));
      const texts = new Set(u.logged.map((l) => l.text));
      const lines = sampleText(`reference-outputs/pyulog/${name}_messages.txt`).trim().split('\n');
      // Lines from decoded PX4 "event" messages (no [module] tag) are not 'L'/'C' strings.
      const plain = lines.map((l) => l.replace(/^\S+ \w+: /, '')).filter((l) => l.startsWith('['));
      for (const line of plain) assert.ok(texts.has(line), `missing "${line}"`);
    });
  }

  it('reads appended data, flag bits, tagged logging, parameter defaults, info-multiple and dropouts', () => {
    const appended = readULog(sample('ulog/sample_appended_multiple.ulg'));
    assert.deepEqual(appended.appendedOffsets, [434_369, 451_825, 469_281]);
    assert.ok(appended.infoMultiple.has('hardfault_plain'));
    const tagged = readULog(sample('ulog/sample_logging_tagged_and_default_params.ulg'));
    assert.equal(tagged.logged.filter((l) => l.tag !== undefined).length, 3);
    assert.ok(tagged.defaultParams > 0);
    assert.equal(readULog(sample('ulog/sample.ulg')).dropouts.length, 4);
  });
});

describe('readULog on damaged files', () => {
  it('imports a truncated file partially and says where it was cut', () => {
    const full = sample('ulog/sample.ulg');
    const u = readULog(full.subarray(0, Math.floor(full.length * 0.6)));
    const n = u.subscriptions.reduce((s, x) => s + x.count, 0);
    assert.ok(n > 30_000 && n < 64_542);
    assert.match(u.warnings.join('\n'), /truncated: the message at byte offset \d+/);
  });

  it('skips a corrupted region with a warning naming its offset', () => {
    const bytes = sample('ulog/sample.ulg').slice();
    bytes.set(seededBytes(4096, 7), 2_000_000);
    const u = readULog(bytes);
    const n = u.subscriptions.reduce((s, x) => s + x.count, 0);
    assert.equal(u.corrupt, true);
    assert.ok(n > 60_000 && n < 64_542, `got ${n}`);
    assert.match(u.warnings[0], /corrupt at byte offset \d+/);
  });

  it('refuses a file without the ULog magic, naming offset 0', () => {
    assert.throws(
      () => readULog(seededBytes(1000, 3)),
      (e) => e instanceof FlightLogError && /byte offset 0/.test(e.message),
    );
  });
});
