import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../model/index.ts';
import { sample } from '../../test-samples.ts';
import { crcExtra, messageName } from './mavlink-ids.ts';
import { parseTlog } from './tlog-to-flight.ts';

describe('MAVLink message table (generated from the definitions)', () => {
  it('names the common messages the hand-written table lacked', () => {
    const ids: Record<number, string> = {
      69: 'MANUAL_CONTROL',
      251: 'NAMED_VALUE_FLOAT',
      232: 'GPS_INPUT',
      132: 'DISTANCE_SENSOR',
      179: 'CAMERA_STATUS',
      112: 'CAMERA_TRIGGER',
      259: 'CAMERA_INFORMATION',
      263: 'CAMERA_IMAGE_CAPTURED',
    };
    for (const [id, name] of Object.entries(ids)) assert.equal(messageName(Number(id)), name);
    assert.equal(messageName(60_001), 'MSG_60001');
  });

  it('CRC_EXTRA agrees with the values checked against real frames before the table was generated', () => {
    const known: Record<number, number> = { 0: 50, 1: 124, 2: 137, 22: 220, 24: 24, 30: 39, 33: 104 };
    Object.assign(known, { 35: 244, 65: 118, 74: 20, 147: 154, 180: 52, 253: 83 });
    for (const [id, extra] of Object.entries(known)) assert.equal(crcExtra(Number(id)), extra, `id ${id}`);
  });
});

describe('parseTlog: CRC failures', () => {
  it('a frame with a bad CRC is not counted; the failures are a summary field and a warning', () => {
    const bytes = sample('tlog/vtol.tlog').slice();
    // Walk the records (8-byte time + frame) to the first GPS_RAW_INT (id 24) and flip a payload byte.
    let pos = 0;
    for (;;) {
      const f = pos + 8;
      const v2 = bytes[f] === 0xfd;
      const id = v2 ? bytes[f + 7] | (bytes[f + 8] << 8) | (bytes[f + 9] << 16) : bytes[f + 5];
      if (id === 24) {
        bytes[f + (v2 ? 10 : 6) + 2] ^= 0x55;
        break;
      }
      pos = f + (v2 ? 12 + bytes[f + 1] + (bytes[f + 2] & 1 ? 13 : 0) : 8 + bytes[f + 1]);
    }
    const clean = summarize(parseTlog(sample('tlog/vtol.tlog')));
    const s = summarize(parseTlog(bytes));
    assert.equal(clean.crc_failures, 0);
    assert.equal(s.crc_failures, 1);
    assert.equal(s.messages.GPS_RAW_INT, clean.messages.GPS_RAW_INT - 1);
    assert.match(s.warnings.join(), /1 MAVLink frames failed their CRC check/);
  });
});
