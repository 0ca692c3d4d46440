import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFlightLogFormat } from '../../detect.ts';
import { summarize } from '../../model/index.ts';
import { parseFlightLog } from '../../parse-flight-log.ts';
import { sample } from '../../test-samples.ts';
import { numericReader, readDataFlash } from './index.ts';

/**
 * A binary log written out in ArduPilot's text form, the way mavlogdump/Mission Planner print it: one
 * FMT row per format as it is defined, then `NAME, v1, v2, …` with scaled values in natural units.
 */
function toText(bin: Uint8Array): string {
  const rows: string[] = ['FMT, 128, 89, FMT, BBnNZ, Type,Length,Name,Format,Columns'];
  const dec = new TextDecoder();
  readDataFlash(bin, {
    subscribe: (f) => {
      if (f.type !== 128)
        rows.push(
          `FMT, ${f.type}, ${f.length}, ${f.name}, ${f.format}, ${f.fields.map((x) => x.name).join(',')}`,
        );
      if (f.type === 128) return undefined;
      const readers = f.fields.map((x) => numericReader(x));
      return (view, r) => {
        const vals = f.fields.map((x, i) => {
          const read = readers[i];
          if (read) return String(read(view, r));
          if (x.char === 'a') return '0';
          const size = { n: 4, N: 16, Z: 64 }[x.char as 'n'] ?? 0;
          const raw = new Uint8Array(view.buffer, view.byteOffset + r + x.offset, size);
          const end = raw.indexOf(0);
          return dec.decode(end < 0 ? raw : raw.subarray(0, end));
        });
        rows.push([f.name, ...vals].join(', '));
      };
    },
  });
  return `${rows.join('\r\n')}\r\n`;
}

describe('ArduPilot text logs (.log)', () => {
  for (const name of ['log171.bin', 'pymavlink_test.BIN']) {
    it(`${name} as text is recognised and reads to the same flight as the binary`, () => {
      const bin = sample(`dataflash/${name}`);
      const text = new TextEncoder().encode(toText(bin));
      assert.equal(detectFlightLogFormat('flight.log', text), 'dataflash');
      const a = parseFlightLog(bin).flight;
      const b = parseFlightLog(text, { name: 'flight.log' }).flight;
      const sa = summarize(a);
      const sb = summarize(b);
      // A binary log cut off mid-record says so; its text form has no such record to cut.
      const truncation = (w: string) => !/truncated/.test(w);
      assert.deepEqual(
        { ...sb, messages: {}, warnings: sb.warnings.filter(truncation) },
        { ...sa, messages: {}, warnings: sa.warnings.filter(truncation) },
      );
      for (const [k, n] of Object.entries(sa.messages)) if (k !== 'FMT') assert.equal(sb.messages[k], n, k);
      assert.deepEqual([...b.track.lat_deg], [...a.track.lat_deg]);
      assert.deepEqual([...b.track.t_s], [...a.track.t_s]);
      assert.deepEqual(b.modes, a.modes);
    });
  }
});
