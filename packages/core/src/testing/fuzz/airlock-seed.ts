import {
  type AirlockSample,
  encodeAirlockEnd,
  encodeAirlockEvent,
  encodeAirlockHeader,
  encodeAirlockInfo,
  encodeAirlockMode,
  encodeAirlockSamples,
  parseFlightLog,
} from '../../flightlog/index.ts';
import { concat } from './mutate.ts';
import { type ReadSample, shortText } from './seed-files.ts';

/**
 * A real flight (the Mini 2's Airdata CSV, from take-off) written as the SDK recorder writes it: the
 * first `rows` samples in chunks of 10, with every record kind the format has (info, mode changes,
 * events, end). `closed: false` leaves out the end record, as an app killed mid-flight does.
 * 40 rows are ~700 bytes: a 300-row seed spent most of each case exporting 300 samples five ways.
 */
export function airlockSeed(read: ReadSample, rows: number, closed = true): Uint8Array {
  const { flight } = parseFlightLog(
    shortText(read, 'flightlogs/csv/airdata_mini2_2021-09-05.csv', rows + 1),
    { format: 'airdata-csv' },
  );
  const s = flight.samples;
  const samples: AirlockSample[] = Array.from(s.t_s, (t, i) => ({
    t_ms: Math.round(t * 1000),
    lat_deg: s.lat_deg[i],
    lon_deg: s.lon_deg[i],
    alt_rel_m: s.alt_rel_m[i],
    alt_amsl_m: s.alt_amsl_m[i],
    h_speed_mps: s.h_speed_mps[i],
    v_speed_mps: s.v_speed_mps[i],
    heading_deg: s.heading_deg[i],
    stick_roll: s.stick_roll[i],
    stick_pitch: s.stick_pitch[i],
    stick_yaw: s.stick_yaw[i],
    stick_throttle: s.stick_throttle[i],
    battery_pct: s.battery_pct[i],
    battery_v: s.battery_v[i],
    fix_ok: Number.isFinite(s.lat_deg[i]) ? 1 : 0,
  }));
  const at = (i: number) => samples[Math.min(i, samples.length - 1)]?.t_ms ?? 0;
  const parts = [
    encodeAirlockHeader(),
    encodeAirlockInfo({
      start_ms: Date.parse(flight.start ?? '2021-09-05T19:23:47Z'),
      aircraft: 'Mini 2',
      app: 'fuzz',
    }),
    encodeAirlockMode(0, 'P-GPS'),
    encodeAirlockEvent(0, 'armed'),
  ];
  for (let i = 0; i < samples.length; i += 10) {
    parts.push(encodeAirlockSamples(samples.slice(i, i + 10)));
    if (i === 10) parts.push(encodeAirlockEvent(at(i), 'photo'), encodeAirlockMode(at(i), 'Sport'));
    if (i === 20) parts.push(encodeAirlockEvent(at(i), 'warning', 'Low battery'));
  }
  if (closed) parts.push(encodeAirlockEvent(at(rows), 'disarmed'), encodeAirlockEnd(at(rows)));
  return concat(...parts);
}
