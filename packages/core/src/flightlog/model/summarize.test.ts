import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlightBuilder } from './flight-builder.ts';
import { summarize } from './summarize.ts';

describe('summarize: distance held against duration × top speed', () => {
  it('a stated distance the flight could not cover is named and left out (no track)', () => {
    const b = new FlightBuilder('dji-txt');
    b.stated = { duration_s: 100, distance_m: 50_000, max_speed_mps: 10 };
    const s = summarize(b.build());
    assert.equal(s.distance_m, null);
    assert.match(s.warnings.join(), /more than the flight could cover in 100 s/);
  });

  it('… and replaced by the track where there is one', () => {
    const b = new FlightBuilder('airdata-csv');
    for (let i = 0; i < 11; i++) {
      b.addFix(i, 47 + i * 0.0001, 8, 500);
      b.sample('h_speed_mps', i, 11.1);
    }
    b.stated = { distance_m: 111_000 };
    b.duration_s = 10;
    const s = summarize(b.build());
    assert.ok(Math.abs(s.distance_m! - 111.2) < 0.5, `distance ${s.distance_m}`);
    assert.match(s.warnings.join(), /the track's length is used/);
  });

  it('a plausible figure passes without a warning', () => {
    const b = new FlightBuilder('dji-txt');
    b.stated = { duration_s: 100, distance_m: 900, max_speed_mps: 10 };
    const s = summarize(b.build());
    assert.equal(s.distance_m, 900);
    assert.deepEqual(s.warnings, []);
  });
});
