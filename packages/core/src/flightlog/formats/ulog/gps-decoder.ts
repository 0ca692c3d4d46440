import type { ULogDataHandler, ULogSubscription } from './read-ulog.ts';
import { bind } from './topic-decoders.ts';

/** Valid fixes of one GPS topic, kept apart until we know which topic to trust. */
export interface GpsFixes {
  t: number[];
  lat: number[];
  lon: number[];
  alt: number[];
  speed: number[];
  /** Epoch ms of the first valid fix with UTC time, and its log time (s), for the flight's start. */
  utcMs: number | null;
  utcAtS: number;
}

export function emptyFixes(): GpsFixes {
  return { t: [], lat: [], lon: [], alt: [], speed: [], utcMs: null, utcAtS: 0 };
}

/**
 * Old PX4 logs carry lat/lon as int32 degrees·1e7 and alt in mm; newer ones latitude_deg/longitude_deg
 * (float64) and altitude_msl_m. Only fix_type ≥ 3 (3D) is kept: 2D fixes drift and would lengthen the path.
 */
export function gpsDecoder(
  sub: ULogSubscription,
  out: GpsFixes,
  toS: (ts: number) => number,
): ULogDataHandler | undefined {
  const fix = bind(sub, 'fix_type');
  const latDeg = bind(sub, 'latitude_deg');
  const lonDeg = bind(sub, 'longitude_deg');
  const altM = bind(sub, 'altitude_msl_m');
  const latE7 = bind(sub, 'lat');
  const lonE7 = bind(sub, 'lon');
  const altMm = bind(sub, 'alt');
  const vel = bind(sub, 'vel_m_s');
  const utc = bind(sub, 'time_utc_usec');
  const lat = latDeg ?? (latE7 ? (v: DataView, at: number) => latE7(v, at) * 1e-7 : null);
  const lon = lonDeg ?? (lonE7 ? (v: DataView, at: number) => lonE7(v, at) * 1e-7 : null);
  const alt = altM ?? (altMm ? (v: DataView, at: number) => altMm(v, at) / 1000 : null);
  if (!(fix && lat && lon)) return undefined;
  return (v, at, ts) => {
    if (fix(v, at) < 3) return;
    const s = toS(ts);
    out.t.push(s);
    out.lat.push(lat(v, at));
    out.lon.push(lon(v, at));
    out.alt.push(alt ? alt(v, at) : Number.NaN);
    out.speed.push(vel ? vel(v, at) : Number.NaN);
    if (out.utcMs === null && utc) {
      const us = utc(v, at);
      if (us > 0) {
        out.utcMs = us / 1000;
        out.utcAtS = s;
      }
    }
  };
}
