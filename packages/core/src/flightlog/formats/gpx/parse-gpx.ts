import { FlightLogError } from '../../errors.ts';
import { type BuildOptions, type Flight, FlightBuilder, isoFromEpochMs } from '../../model/index.ts';
import { attr, decodeEntities, lineAt, scanXml } from '../xml/index.ts';

interface Point {
  lat: number;
  lon: number;
  ele: number;
  timeMs: number;
  speed: number;
  /** Which `trkseg` (or `trk`/`rte` without segments) the point belongs to. */
  seg: number;
}

/**
 * GPX 1.0/1.1 → Flight: the points of every `trk/trkseg/trkpt` (or `rte/rtept` when there is no track),
 * `ele` as AMSL metres, `time` as UTC and `speed` (m/s) when present. Each `trkseg` (each `rte`) is a
 * segment of its own, never joined to the next; t = 0 is the earliest time in the file. The first
 * point is the take-off for heights above take-off. GPX has no fix quality, so only 0,0 and out-of-range points are dropped.
 * @example parseGpx(text).track.lat_deg.length // 10,941 for the Airdata Mini 2 GPX
 */
export function parseGpx(input: string | Uint8Array, options: BuildOptions = {}): Flight {
  const xml = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const trk: Point[] = [];
  const rte: Point[] = [];
  let sawRoot = false;
  let closedRoot = false;
  let current: Point | null = null;
  let field: 'ele' | 'time' | 'speed' | null = null;
  let buf = '';
  let seg = 0;
  scanXml(xml, {
    open(name, attrs, at) {
      if (name === 'gpx') sawRoot = true;
      if (name === 'trk' || name === 'trkseg' || name === 'rte') seg++;
      if (name === 'trkpt' || name === 'rtept') {
        const lat = Number(attr(attrs, 'lat'));
        const lon = Number(attr(attrs, 'lon'));
        if (!(Number.isFinite(lat) && Number.isFinite(lon))) {
          throw new FlightLogError(`GPX ${name} without a valid lat/lon at line ${lineAt(xml, at)}`, {
            line: lineAt(xml, at),
          });
        }
        current = { lat, lon, ele: Number.NaN, timeMs: Number.NaN, speed: Number.NaN, seg };
        (name === 'trkpt' ? trk : rte).push(current);
      } else if (current && (name === 'ele' || name === 'time' || name === 'speed')) {
        field = name;
        buf = '';
      }
    },
    text(src, from, to) {
      if (field) buf += src.slice(from, to);
    },
    close(name) {
      if (name === 'gpx') closedRoot = true;
      // Points after a segment closes (loose in a trk) start a segment of their own.
      if (name === 'trk' || name === 'trkseg' || name === 'rte') seg++;
      if (name === 'trkpt' || name === 'rtept') current = null;
      else if (current && field === name) {
        const v = decodeEntities(buf).trim();
        if (field === 'time') current.timeMs = Date.parse(v);
        else current[field] = Number(v);
        field = null;
      }
    },
  });
  if (!sawRoot) throw new FlightLogError('Not a GPX file: no <gpx> element (line 1)', { line: 1 });
  const b = new FlightBuilder('gpx');
  if (!closedRoot) b.warn('GPX file ends before </gpx>: it was cut off; the points before the cut were read');
  const points = trk.length > 0 ? trk : rte;
  b.count(trk.length > 0 ? 'trkpt' : 'rtept', points.length);
  addPoints(b, points);
  return b.build(options);
}

function addPoints(b: FlightBuilder, points: Point[]): void {
  let t0 = Number.NaN;
  for (const p of points) if (Number.isFinite(p.timeMs) && !(p.timeMs >= t0)) t0 = p.timeMs;
  let ele0 = Number.NaN;
  let last = Number.NaN;
  let seg = Number.NaN;
  for (const p of points) {
    if (p.seg !== seg) {
      b.segment();
      seg = p.seg;
    }
    const t = (p.timeMs - t0) / 1000;
    b.addFix(t, p.lat, p.lon, p.ele);
    if (!Number.isFinite(t)) continue;
    last = Number.isNaN(last) ? t : Math.max(last, t);
    if (Number.isFinite(p.ele)) {
      if (Number.isNaN(ele0)) ele0 = p.ele;
      b.sample('alt_amsl_m', t, p.ele);
      b.sample('alt_rel_m', t, p.ele - ele0);
    }
    if (Number.isFinite(p.speed)) b.sample('h_speed_mps', t, p.speed);
  }
  if (Number.isFinite(t0)) {
    b.start = isoFromEpochMs(t0);
    b.duration_s = last;
  } else b.warn('GPX points carry no time: duration and speeds are unknown');
  if (b.fixCount === 0) b.warn('GPX file holds no track points');
}
