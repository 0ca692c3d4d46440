import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AFLR_SAMPLE_FIELDS, parseFlightLog, readAirlockRecord } from '@airlock/core/flightlog';
import { type AppendStore, createFlightRecorder, memoryAppendStore, type RecorderSample } from './index.ts';

const T0 = Date.parse('2026-06-01T09:30:00Z');

/** A seeded generator, so the "noisy" flight is the same on every run. */
function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648 - 0.5;
  };
}

/** A 5-minute flight at 10 Hz: climb, a loop with GPS jitter, sticks moving, battery draining. */
function scriptedFlight(n = 3000): RecorderSample[] {
  const noise = seeded(7);
  const out: RecorderSample[] = [];
  for (let i = 0; i < n; i++) {
    const t = i / 10;
    const a = t / 60;
    const alt = Math.min(80, 3 * t) + noise() * 0.1;
    out.push({
      time: T0 + i * 100,
      lat: 47.3769 + 0.0015 * Math.sin(a) + noise() * 2e-6,
      lon: 8.5417 + 0.002 * (1 - Math.cos(a)) + noise() * 2e-6,
      fixOk: i >= 20,
      altRelM: alt,
      altAmslM: 408.3 + alt,
      hSpeedMps: 6 + noise(),
      vSpeedMps: t < 27 ? 3 + noise() * 0.2 : noise() * 0.2,
      headingDeg: (355 + 6 * t) % 360,
      stickRoll: Math.round(Math.sin(t / 7) * 100) / 100,
      stickPitch: 0.6,
      stickYaw: i % 100 < 10 ? 0.3 : 0,
      stickThrottle: t < 27 ? 0.7 : 0,
      batteryPct: Math.round(100 - t / 10),
      batteryV: 16.8 - t / 300,
      mode: t < 2 ? 'MANUAL' : t < 250 ? 'POSCTL' : 'RTL',
    });
  }
  return out;
}

async function record(store: AppendStore, flight: RecorderSample[]) {
  const clock = { t: T0 };
  const recorder = createFlightRecorder({ store, now: () => new Date(clock.t) });
  const id = recorder.start({ aircraft: 'Test Quad X4', app: 'Flight App 2.1' });
  for (const [i, s] of flight.entries()) {
    clock.t = s.time as number;
    recorder.sample(s);
    if (i === 400) recorder.event('photo', undefined, clock.t);
    if (i === 600) recorder.event('video_start');
    if (i === 900) recorder.event('video_stop');
    if (i === 1200) recorder.event('warning', 'Battery below 70 %');
  }
  return { recorder, id, clock };
}

test('round trip: a recorded flight reads back through core’s parser with every value within its quantum', async () => {
  const store = memoryAppendStore();
  const flight = scriptedFlight();
  const { recorder, id } = await record(store, flight);
  const result = await recorder.stop();
  assert.equal(result.id, id);
  assert.equal(result.samples, flight.length);
  assert.equal(result.error, undefined);
  const bytes = store.files.get(id)!;
  assert.equal(result.bytes, bytes.length);

  const { flight: parsed, summary, warnings } = parseFlightLog(bytes, { name: id });
  assert.deepEqual(warnings, []);
  assert.equal(parsed.format, 'airlock');
  assert.equal(parsed.start, '2026-06-01T09:30:00.000Z');
  assert.equal(parsed.aircraft, 'Test Quad X4');
  assert.equal(parsed.app, 'Flight App 2.1');
  assert.equal(summary.duration_s, 299.9);
  assert.equal(parsed.track.lat_deg.length, flight.length - 20); // no fix for the first 2 s
  for (let k = 0; k < parsed.track.lat_deg.length; k++) {
    const s = flight[k + 20];
    assert.ok(Math.abs(parsed.track.lat_deg[k] - (s.lat as number)) <= 0.5e-7 + 1e-12);
    assert.ok(Math.abs(parsed.track.lon_deg[k] - (s.lon as number)) <= 0.5e-7 + 1e-12);
    assert.ok(Math.abs(parsed.track.alt_amsl_m[k] - (s.altAmslM as number)) <= 0.005 + 1e-9);
    assert.equal(parsed.track.t_s[k], (k + 20) / 10);
  }
  assert.deepEqual(
    parsed.events.map((e) => [e.t_s, e.kind, e.text]),
    [
      [40, 'photo', undefined],
      [60, 'video_start', undefined],
      [90, 'video_stop', undefined],
      [120, 'warning', 'Battery below 70 %'],
    ],
  );
  assert.deepEqual(
    parsed.modes.map((m) => [m.t_s, m.mode]),
    [
      [0, 'MANUAL'],
      [2, 'POSCTL'],
      [250, 'RTL'],
    ],
  );

  // Every channel, sample by sample, from the format's reader.
  const c = readAirlockRecord(bytes);
  const names: Record<string, keyof RecorderSample> = {
    lat_deg: 'lat',
    lon_deg: 'lon',
    alt_rel_m: 'altRelM',
    alt_amsl_m: 'altAmslM',
    h_speed_mps: 'hSpeedMps',
    v_speed_mps: 'vSpeedMps',
    heading_deg: 'headingDeg',
    stick_roll: 'stickRoll',
    stick_pitch: 'stickPitch',
    stick_yaw: 'stickYaw',
    stick_throttle: 'stickThrottle',
    battery_pct: 'batteryPct',
    battery_v: 'batteryV',
    fix_ok: 'fixOk',
  };
  assert.equal(c.samples.length, flight.length);
  for (let i = 0; i < flight.length; i++) {
    for (const f of AFLR_SAMPLE_FIELDS) {
      const raw = flight[i][names[f.name]];
      const want = typeof raw === 'boolean' ? Number(raw) : (raw as number);
      const d = Math.abs(c.samples[i][f.name] - want);
      const err = f.wrap ? Math.min(d, 360 - d) : d;
      assert.ok(err <= 0.5 / f.scale + 1e-9, `${f.name} at sample ${i}: ${c.samples[i][f.name]} vs ${want}`);
    }
  }
});

test('compact: a noisy 10 Hz flight takes few bytes per sample', async () => {
  const store = memoryAppendStore();
  const flight = scriptedFlight(6000);
  const { recorder, id } = await record(store, flight);
  await recorder.stop();
  const perSample = store.files.get(id)!.length / flight.length;
  // 14 channels as float32 would be 56 bytes per sample, as CSV text around 120.
  assert.ok(perSample < 20, `${perSample.toFixed(2)} bytes per sample`);
  console.log(`AFLR recorder: ${perSample.toFixed(2)} bytes per sample (10 Hz, 14 channels, 1 s chunks)`);
});

test('killed mid-flight: the torn last write is dropped with a warning naming its offset', async () => {
  const inner = memoryAppendStore();
  let killed = false;
  let dead = false;
  // The "kill": the next append writes only its first half, and the process is gone after it.
  const store: AppendStore = {
    ...inner,
    append(name, bytes) {
      if (dead) return;
      if (killed) dead = true;
      return inner.append(name, killed ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes);
    },
  };
  const flight = scriptedFlight(1000);
  const clock = { t: T0 };
  const recorder = createFlightRecorder({ store, now: () => new Date(clock.t) });
  const id = recorder.start();
  for (const [i, s] of flight.entries()) {
    clock.t = s.time as number;
    if (i === 905) killed = true; // the next flush is torn
    recorder.sample(s);
    await new Promise((resolve) => setImmediate(resolve)); // samples arrive over time: writes land between
  }
  await recorder.flush(); // let the queued appends land; the recorder is never stopped
  const bytes = inner.files.get(id)!;
  const { flight: parsed, warnings } = parseFlightLog(bytes);
  assert.equal(warnings.length, 1, warnings.join(' | '));
  const offset = Number(/cut off at byte offset (\d+)/.exec(warnings[0])?.[1]);
  assert.ok(offset > 0 && offset < bytes.length, warnings[0]);
  const kept = readAirlockRecord(bytes).samples.length;
  // Every sample of every whole write: at most one flush interval (1 s = 10 samples) is lost.
  assert.ok(kept >= 905 - 11 && kept <= 905, `${kept} samples kept`);
  assert.equal(parsed.track.t_s[parsed.track.t_s.length - 1], (kept - 1) / 10);

  // The app restarts: a new recorder over the same store lists the flight as interrupted.
  const after = createFlightRecorder({ store: inner });
  const { logs } = await after.list();
  assert.deepEqual(
    logs.map((l) => [l.id, l.status, l.samples]),
    [[id, 'interrupted', kept]],
  );
});

test('lists recordings and imported logs; never throws into the app when the store fails', async () => {
  const store = memoryAppendStore();
  const recorder = createFlightRecorder({ store, now: () => new Date(T0) });
  const imported = await recorder.importLog('/sdcard/DJI/Logs/flight 1.ulg', new Uint8Array([1, 2, 3]));
  assert.deepEqual(imported, { id: 'flight_1.ulg' });
  assert.deepEqual(await recorder.importLog('flight 1.ulg', new Uint8Array([1, 2, 3])), {
    id: 'flight_1.ulg',
  });
  assert.deepEqual(await recorder.importLog('flight 1.ulg', new Uint8Array([4])), { id: 'flight_1-2.ulg' });
  const id = recorder.start();
  recorder.sample({ lat: 47, lon: 8 });
  const { logs } = await recorder.list();
  assert.deepEqual(
    logs.map((l) => [l.id, l.source, l.status]),
    [
      [id, 'recorded', 'recording'],
      ['flight_1-2.ulg', 'imported', 'imported'],
      ['flight_1.ulg', 'imported', 'imported'],
    ],
  );
  assert.equal(await recorder.remove(id), false); // not while it is being written
  await recorder.stop();

  const broken = createFlightRecorder({
    store: {
      append: () => Promise.reject(new Error('disk full')),
      read: () => {
        throw new Error('io');
      },
      list: () => Promise.reject(new Error('io')),
      remove: () => undefined,
    },
  });
  broken.start();
  broken.sample({ lat: 47, lon: 8 });
  broken.event('photo');
  assert.match((await broken.stop()).error ?? '', /disk full/);
  assert.deepEqual(await broken.list(), { logs: [], error: 'list: io' });
  assert.equal(await broken.read('x'), null);
});
