import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSegment, encodeRecord, SEGMENT_MAGIC, segmentName, segmentNumber } from './journal-format.ts';

const payloads = ['{"v":1}', '{"day":"2026-05-20","é":"ü"}', 'x'.repeat(70_000)];
const segment = (parts: string[]) =>
  Buffer.concat([SEGMENT_MAGIC, ...parts.map((p, i) => encodeRecord(1 + (i % 2), p))]);

test('records come back whole, in order, with their kind', () => {
  const d = decodeSegment(segment(payloads));
  assert.deepEqual(
    d.records.map((r) => [r.kind, r.payload.toString('utf8')]),
    payloads.map((p, i) => [1 + (i % 2), p]),
  );
  assert.equal(d.tornBytes, 0);
  assert.equal(d.end, segment(payloads).length);
});

test('a segment cut at any byte (kill -9 mid-write) yields exactly the whole records before the cut', () => {
  const whole = segment(payloads.slice(0, 2));
  const firstEnd = SEGMENT_MAGIC.length + encodeRecord(1, payloads[0]).length;
  for (let cut = SEGMENT_MAGIC.length; cut < whole.length; cut++) {
    const d = decodeSegment(whole.subarray(0, cut));
    const expected = cut >= firstEnd ? 1 : 0;
    assert.equal(d.records.length, expected, `cut at ${cut}`);
    assert.equal(d.end + d.tornBytes, cut);
  }
});

test('a flipped byte, zeros after a crash, or a foreign file end the segment without a throw', () => {
  const whole = segment(payloads.slice(0, 2));
  const firstEnd = SEGMENT_MAGIC.length + encodeRecord(1, payloads[0]).length;
  for (let at = firstEnd; at < whole.length; at += 3) {
    const bad = Buffer.from(whole);
    bad[at] ^= 0x5a;
    assert.equal(decodeSegment(bad).records.length, 1, `byte ${at} flipped`);
  }
  const zeros = Buffer.concat([whole, Buffer.alloc(4096)]);
  assert.equal(decodeSegment(zeros).records.length, 2);
  assert.equal(decodeSegment(zeros).tornBytes, 4096);
  assert.equal(decodeSegment(Buffer.from('not a segment')).foreign, true);
  assert.equal(decodeSegment(Buffer.alloc(0)).records.length, 0);
});

test('decoding resumes at a checkpoint offset', () => {
  const whole = segment(payloads);
  const firstEnd = SEGMENT_MAGIC.length + encodeRecord(1, payloads[0]).length;
  assert.deepEqual(
    decodeSegment(whole, firstEnd).records.map((r) => r.payload.toString('utf8')),
    payloads.slice(1),
  );
});

test('segment names sort by number and nothing else is a segment', () => {
  assert.equal(segmentName(7), '000000000007.seg');
  assert.equal(segmentNumber(segmentName(123)), 123);
  assert.equal(segmentNumber('owner'), undefined);
  assert.equal(segmentNumber('7.seg'), undefined);
});
