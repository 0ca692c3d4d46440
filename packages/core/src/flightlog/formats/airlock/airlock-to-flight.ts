import { type BuildOptions, type Flight, FlightBuilder, isoFromEpochMs } from '../../model/index.ts';
import { SAMPLE_FIELDS } from './airlock-layout.ts';
import { readAirlockRecord } from './read-airlock.ts';

/**
 * An Airlock flight record (AFLR, written by the SDK's recorder) → Flight. Fixes are the samples whose
 * `fix_ok` is 1; a recording cut off mid-write imports up to the cut, with a warning naming its offset.
 * @example parseAirlockRecord(bytes).summary // via parseFlightLog(bytes) for the summary
 */
export function parseAirlockRecord(bytes: Uint8Array, options: BuildOptions = {}): Flight {
  const c = readAirlockRecord(bytes);
  const b = new FlightBuilder('airlock');
  for (const w of c.warnings) b.warn(w);
  b.messages = c.counts;
  b.aircraft = c.info?.aircraft ?? null;
  b.app = c.info?.app ?? null;
  b.start = c.info?.start_ms ? isoFromEpochMs(c.info.start_ms) : null;
  let last = Number.NaN;
  for (const s of c.samples) {
    const t = s.t_ms / 1000;
    last = Number.isNaN(last) ? t : Math.max(last, t);
    if (s.fix_ok === 1) b.addFix(t, s.lat_deg, s.lon_deg, s.alt_amsl_m);
    for (const f of SAMPLE_FIELDS) {
      if (f.name === 'fix_ok' || f.name === 'lat_deg' || f.name === 'lon_deg') continue;
      b.sample(f.name, t, s[f.name]);
    }
  }
  for (const e of c.events) {
    b.event(e.t_ms / 1000, e.kind, e.text);
    last = Number.isNaN(last) ? e.t_ms / 1000 : Math.max(last, e.t_ms / 1000);
  }
  for (const m of c.modes) b.mode(m.t_ms / 1000, m.mode);
  if (c.end_ms !== null) last = Number.isNaN(last) ? c.end_ms / 1000 : Math.max(last, c.end_ms / 1000);
  b.duration_s = Number.isNaN(last) ? null : last;
  if (c.end_ms === null && c.tornAt === null)
    b.warn('The recording has no end record: the app stopped before closing it (or it is still recording)');
  return b.build(options);
}
