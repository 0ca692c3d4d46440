import { FlightLogError } from '../../errors.ts';
import { type BuildOptions, type Flight, FlightBuilder, isoFromEpochMs } from '../../model/index.ts';
import { decodeEntities, scanXml } from '../xml/index.ts';

/** An open element, holding the altitudeMode written directly inside it (if any). */
interface Scope {
  name: string;
  mode: string | null;
}

interface Line {
  coords: number[][];
  times: number[];
  /** The line's scope and its ancestors, innermost first: its altitudeMode is the nearest one set. */
  scopes: Scope[];
}

/**
 * KML 2.2 → Flight: `LineString/coordinates` ("lon,lat[,alt]" tuples) and `gx:Track` (`when` +
 * `gx:coord`), each line a segment of its own. Altitudes count as AMSL only with altitudeMode
 * "absolute", set on the line or inherited from an enclosing element (`gx:MultiTrack`, Placemark,
 * Folder). Plain LineStrings carry no time, so such a flight has a track but no duration or samples;
 * Point placemarks (home) are ignored.
 * @example parseKml(text).track.lat_deg.length // 2,284 for the Airdata Mini 2 KML (a thinned track)
 */
export function parseKml(input: string | Uint8Array, options: BuildOptions = {}): Flight {
  const xml = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const lines: Line[] = [];
  const stack: Scope[] = [];
  let sawRoot = false;
  let line: Line | null = null;
  let field: string | null = null;
  let buf = '';
  scanXml(xml, {
    open(name) {
      if (name === 'kml') sawRoot = true;
      stack.push({ name, mode: null });
      if (name === 'LineString' || name === 'Track')
        line = { coords: [], times: [], scopes: stack.slice().reverse() };
      else if (
        name === 'altitudeMode' ||
        (line && (name === 'coordinates' || name === 'coord' || name === 'when'))
      ) {
        field = name;
        buf = '';
      }
    },
    text(src, from, to) {
      if (field) buf += src.slice(from, to);
    },
    close(name) {
      if (name === field) {
        const v = decodeEntities(buf).trim();
        // The mode belongs to the element the altitudeMode is written in.
        if (name === 'altitudeMode') {
          const owner = stack[stack.length - 2];
          if (owner) owner.mode = v;
        } else if (line) {
          if (name === 'when') line.times.push(Date.parse(v));
          else if (name === 'coord') line.coords.push(v.split(/\s+/).map(Number));
          else for (const tuple of v.split(/\s+/)) if (tuple) line.coords.push(tuple.split(',').map(Number));
        }
        field = null;
      } else if (line && (name === 'LineString' || name === 'Track')) {
        lines.push(line);
        line = null;
      }
      const at = stack.map((s) => s.name).lastIndexOf(name);
      if (at >= 0) stack.length = at;
    },
  });
  if (!sawRoot) throw new FlightLogError('Not a KML file: no <kml> element (line 1)', { line: 1 });
  const b = new FlightBuilder('kml');
  addLines(b, lines);
  return b.build(options);
}

function modeOf(l: Line): string {
  return l.scopes.find((s) => s.mode !== null)?.mode ?? 'clampToGround';
}

function addLines(b: FlightBuilder, lines: Line[]): void {
  // The earliest time in the file is t = 0: tracks need not come in time order.
  let t0 = Number.NaN;
  for (const l of lines) for (const t of l.times) if (Number.isFinite(t) && !(t >= t0)) t0 = t;
  let last = Number.NaN;
  let relative = false;
  for (const l of lines) {
    const absolute = modeOf(l) === 'absolute';
    relative ||= !absolute && l.coords.some((c) => c.length > 2);
    b.segment();
    l.coords.forEach(([lon, lat, alt], i) => {
      const t = l.times.length === l.coords.length ? (l.times[i] - t0) / 1000 : Number.NaN;
      const amsl = absolute && alt !== undefined ? alt : Number.NaN;
      b.addFix(t, lat, lon, amsl);
      if (Number.isFinite(t)) {
        last = Number.isNaN(last) ? t : Math.max(last, t);
        if (Number.isFinite(amsl)) b.sample('alt_amsl_m', t, amsl);
      }
    });
  }
  b.count(
    'coordinates',
    lines.reduce((s, l) => s + l.coords.length, 0),
  );
  if (lines.length > 1) b.count('tracks', lines.length);
  if (Number.isFinite(t0)) {
    b.start = isoFromEpochMs(t0);
    b.duration_s = last;
  } else b.warn('KML track has no timestamps: duration and speed are unknown');
  if (relative)
    b.warn(
      'KML altitudes are not "absolute" (no altitudeMode on the track or an element around it says so): they were not used as heights above sea level',
    );
  if (b.fixCount === 0) b.warn('KML file holds no track (LineString or gx:Track)');
}
