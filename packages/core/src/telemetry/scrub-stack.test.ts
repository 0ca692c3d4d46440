import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactText } from './redact-text.ts';
import { STACK_MAX_LENGTH, scrubStack } from './scrub-stack.ts';
import { parseStackFrame } from './stack-frames.ts';
import { STACK_SAMPLES } from './stack-samples.fixture.ts';

describe('scrubStack on real-looking stacks', () => {
  for (const sample of STACK_SAMPLES) {
    test(sample.name, () => {
      const out = scrubStack(sample.stack);
      for (const bad of sample.mustNotContain)
        assert.ok(!out.includes(bad), `still contains "${bad}":\n${out}`);
      const fns = out
        .split('\n')
        .map((l) => parseStackFrame(l)?.fn)
        .filter(Boolean);
      for (const fn of sample.appFrames) assert.ok(fns.includes(fn), `app frame ${fn} missing:\n${out}`);
      const firstSeen = sample.appFrames.map((f) => fns.indexOf(f));
      assert.deepEqual(
        firstSeen,
        [...firstSeen].sort((a, b) => a - b),
        'app frames keep their order',
      );
      for (const lib of sample.dropped) assert.ok(!out.includes(lib), `library frame ${lib} kept:\n${out}`);
      // Nothing path-like or address-like survives anywhere.
      assert.doesNotMatch(
        out,
        /[/\\](?:Users|home|data|storage|private|var)[/\\]|file:|content:|0x[0-9a-f]{6}/i,
      );
      assert.equal(scrubStack(out), out, 'scrubbing twice changes nothing');
    });
  }

  test('keeps the error type, drops the message, and formats frames as "at fn (File:line)"', () => {
    const out = scrubStack(STACK_SAMPLES[0].stack);
    assert.equal(
      out,
      [
        'java.lang.IllegalStateException',
        '    at com.dronemaker.fly.logs.LogStore.open (LogStore.java:88)',
        '    at com.dronemaker.fly.logs.LogSyncWorker.doWork (LogSyncWorker.java:42)',
        'Caused by: java.io.FileNotFoundException',
        '    at com.dronemaker.fly.logs.LogStore.open (LogStore.java:80)',
      ].join('\n'),
    );
  });

  test('caps length at a line boundary and collapses recursion', () => {
    const deep = ['RangeError: Maximum call stack size exceeded'];
    for (let i = 0; i < 5000; i++) deep.push(`    at walk${i % 7} (file:///Users/alice/app/tree.js:${i}:1)`);
    const out = scrubStack(deep.join('\n'));
    assert.ok(out.length <= STACK_MAX_LENGTH);
    assert.ok(out.split('\n').length <= 41);
    const recursion = scrubStack(
      ['Error', ...Array(500).fill('    at recurse (https://x.example/app.js:3:9)')].join('\n'),
    );
    assert.equal(recursion, 'Error\n    at recurse (app.js:3:9)');
  });

  test('hostile input stays fast and bounded', () => {
    const started = performance.now();
    const out = scrubStack(`${'A1b2'.repeat(50_000)}\n${'x@'.repeat(100_000)}`);
    assert.ok(performance.now() - started < 1000);
    assert.ok(out.length <= STACK_MAX_LENGTH);
  });

  test('an empty or frameless stack becomes its type alone', () => {
    assert.equal(scrubStack(''), '');
    assert.equal(scrubStack('TypeError: x is not a function for bob@example.com'), 'TypeError');
    assert.equal(scrubStack('something odd happened in /Users/bob'), '');
  });
});

describe('redactText', () => {
  const cases: Array<[string, string]> = [
    ['mail pilot@example.com now', 'mail <email> now'],
    ['at 47.4582, 8.5492', 'at <coord>'],
    [`47°27'29.5"N 8°32'57.1"E`, '<coord> <coord>'],
    ['serial 1581F4XFC2B9S00D00XY', 'serial <serial>'],
    ['from 192.168.1.20 and fe80::1ff:fe23:4567:890a', 'from <ip> and <ip>'],
    ['Bearer abc.def', 'Bearer <token>'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijk', 'jwt <token>'],
    ['key 9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'key <token>'],
    ['b64 aGVsbG8gd29ybGQgdGhpcyBpcyBhIFRlc3Q9', 'b64 <token>'],
    ['C:\\Users\\carol\\AppData\\x.js', '<path>'],
    ['~/Documents/flight.ulg', '<path>'],
    ['open /home/bob/flight.ulg', 'open <path>'],
    ['see file:///home/bob/x.js:1:2', 'see <url>'],
    ['account 12345678', 'account <num>'],
    ['id 0a1b2c3d-4e5f-6789-abcd-ef0123456789', 'id <id>'],
  ];
  for (const [input, expected] of cases) test(input, () => assert.equal(redactText(input), expected));

  test('leaves code identifiers alone', () => {
    for (const s of [
      'com.dronemaker.fly.MapController.open',
      'FlightViewController.takeOff(altitude:)',
      'MapController.kt:88',
      'renderZonesWithinViewportBounds',
      'v1.2.3',
    ])
      assert.equal(redactText(s), s);
  });
});
