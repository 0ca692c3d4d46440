import { distanceM } from '../../../geo/index.ts';
import type { FlightBuilder } from '../../model/index.ts';
import {
  type DjiOsd,
  decodeBattery,
  decodeCustomTime,
  decodeHome,
  decodeOsd,
  decodeSticks,
  decodeText,
} from './dji-frames.ts';
import type { DjiLayout } from './dji-layout.ts';
import { flightModeName } from './dji-names.ts';
import { type DjiRecordScan, scanDjiRecords } from './dji-records.ts';

/**
 * One frame: an OSD record and the records after it up to the next OSD, as DJI writes them (the app's
 * Custom record with its clock follows each OSD). Records before the first OSD form a frame of their own.
 */
interface Frame {
  osd: DjiOsd | null;
  ms: number | null;
  home: { lat_deg: number; lon_deg: number } | null;
  sticks: ReturnType<typeof decodeSticks>;
  battery: ReturnType<typeof decodeBattery>;
  texts: { kind: 'info' | 'warning' | 'error'; text: string }[];
}

const TEXT_KIND = { 9: 'info', 10: 'warning', 24: 'error' } as const;
/** DJI writes OSD at 10 Hz: the step for a frame without the app's clock. */
const OSD_HZ = 10;
/** A home point that moves less than this is the same one (GPS jitter). */
const HOME_MOVE_M = 10;

export interface DjiTrackRead {
  scan: DjiRecordScan;
  /** UTC ms of t = 0: the details' start time, or the first Custom clock when those disagree or are missing. */
  t0Ms: number | null;
  /** Time of the last frame, seconds; null without frames. */
  lastT: number | null;
}

/** Reads the records of a v1–12 file into `b`: fixes, samples, modes and events. */
export function readDjiTrack(b: FlightBuilder, bytes: Uint8Array, layout: DjiLayout): DjiTrackRead {
  let frame = newFrame(null);
  const frames: Frame[] = [frame];
  const scan = scanDjiRecords(bytes, layout.version, layout.recordsStart, layout.recordsEnd, (type, data) => {
    if (type === 1) {
      const osd = decodeOsd(data);
      if (osd) frames.push((frame = newFrame(osd)));
    } else if (type === 5) frame.ms ??= decodeCustomTime(data);
    else if (type === 2) frame.home ??= decodeHome(data);
    else if (type === 4) frame.sticks = decodeSticks(data);
    else if (type === 7 || type === 8) frame.battery = decodeBattery(type, data) ?? frame.battery;
    else if (type === 9 || type === 10 || type === 24) {
      const text = decodeText(data);
      if (text) frame.texts.push({ kind: TEXT_KIND[type], text });
    }
  });
  const t0Ms = timeOrigin(frames, layout.details?.startMs ?? null);
  return { scan, t0Ms, lastT: emit(b, frames, t0Ms) };
}

function newFrame(osd: DjiOsd | null): Frame {
  return { osd, ms: null, home: null, sticks: null, battery: null, texts: [] };
}

/** The details' start unless the app's clock in the frames is over an hour away from it (or it is missing). */
function timeOrigin(frames: Frame[], detailsMs: number | null): number | null {
  const first = frames.find((f) => f.ms !== null)?.ms ?? null;
  if (detailsMs === null || !(detailsMs > 1_262_304_000_000)) return first;
  return first === null || Math.abs(first - detailsMs) <= 3_600_000 ? detailsMs : first;
}

function emit(b: FlightBuilder, frames: Frame[], t0Ms: number | null): number | null {
  let clock = Number.NaN;
  let steps = 0;
  let home: { lat_deg: number; lon_deg: number } | null = null;
  let lastT: number | null = null;
  let noGps = 0;
  for (const f of frames) {
    // The app's clock where the frame has it; else one OSD step on from the last clock reading (a
    // frame without OSD does not step).
    if (f.ms !== null && t0Ms !== null) {
      clock = (f.ms - t0Ms) / 1000;
      steps = 0;
    } else if (f.osd && Number.isNaN(clock)) clock = 0;
    else if (f.osd) steps++;
    const t = Number.isNaN(clock) ? 0 : clock + steps / OSD_HZ;
    const o = f.osd;
    if (o) {
      lastT = t;
      // The track holds validated fixes only; OSD positions without GPS (ATTI, vision) drift. AMSL
      // stays unknown: the OSD height is barometric above take-off (alt_rel_m), and the home record's
      // altitude has no documented scale.
      if (o.gpsValid) b.addFix(t, o.lat_deg, o.lon_deg, Number.NaN);
      else noGps++;
      b.sample('alt_rel_m', t, o.height_m);
      b.sample('h_speed_mps', t, Math.hypot(o.vx_mps, o.vy_mps));
      b.sample('v_speed_mps', t, -o.vz_mps);
      b.sample('heading_deg', t, (o.yaw_deg + 360) % 360);
      // No armed/disarmed events: DJI's isMotorUp bit is set through v3/v4 records before the
      // "Motors started" tip, and in v8 only once airborne; the mode (Motors_Started …) is what it says.
      b.mode(t, flightModeName(o.flightMode));
    }
    if (f.sticks) {
      b.sample('stick_roll', t, f.sticks.roll);
      b.sample('stick_pitch', t, f.sticks.pitch);
      b.sample('stick_yaw', t, f.sticks.yaw);
      b.sample('stick_throttle', t, f.sticks.throttle);
    }
    if (f.battery) {
      b.sample('battery_pct', t, f.battery.pct);
      b.sample('battery_v', t, f.battery.volts);
    }
    if (f.home && (f.home.lat_deg !== 0 || f.home.lon_deg !== 0)) {
      // The position stays out of the text: it is where the pilot stood.
      const moved = home ? distanceM(home.lon_deg, home.lat_deg, f.home.lon_deg, f.home.lat_deg) : 0;
      if (!home || moved > HOME_MOVE_M) {
        b.event(t, 'info', home ? 'Home point updated' : 'Home point recorded');
        home = f.home;
      }
    }
    for (const m of f.texts) b.event(t, m.kind, m.text);
  }
  if (noGps > 0)
    b.warn(`${noGps} OSD records without a valid GPS fix (DJI's isGPSValid flag) were left out of the track`);
  return lastT;
}
