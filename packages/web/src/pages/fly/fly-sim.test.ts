import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replayPath } from './fly-sim.ts';

describe('replayPath', () => {
  // 0.0001° of latitude ≈ 11.1 m: 10 s north at ~11 m/s, climbing 2 m/s; a row without a fix between.
  const series = {
    t_s: [5, 6, 7, 8, 15],
    channels: {
      lat_deg: [46.5, null, 46.5001, 46.5001, 46.501],
      lon_deg: [6.6, null, 6.6, 6.6, 6.6],
      alt_rel_m: [0, 1, 4, null, 20],
    },
  };

  it('starts at the first fix, runs from it for the log’s length, interpolates and moves', () => {
    const path = replayPath(series);
    assert.ok(path);
    assert.deepEqual(path.home, { lon: 6.6, lat: 46.5 });
    assert.equal(path.durationS, 10);
    const start = path.at(0).state;
    assert.equal(start.lat, 46.5);
    assert.equal(start.altAglM, 0);
    const mid = path.at(1).state;
    assert.ok(Math.abs(mid.lat - 46.50005) < 1e-9, `${mid.lat}`);
    assert.equal(mid.altAglM, 2);
    assert.ok(mid.velocity && Math.abs(mid.velocity.north - 5.56) < 0.05, JSON.stringify(mid.velocity));
    const end = path.at(99);
    assert.equal(end.state.lat, 46.501);
    assert.ok(Math.abs(end.distanceM - 111.2) < 1, `${end.distanceM} m flown`);
    // Asked again from the start (a second take-off), the same states.
    assert.deepEqual(path.at(1).state.lat, mid.lat);
  });

  it('is null for a log without two fixes', () => {
    assert.equal(
      replayPath({ t_s: [0, 1], channels: { lat_deg: [null, 46.5], lon_deg: [null, 6.6] } }),
      null,
    );
    assert.equal(replayPath({ t_s: [0], channels: {} }), null);
  });
});
