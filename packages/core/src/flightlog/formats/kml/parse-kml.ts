import { FlightLogError } from '../../errors.ts';
import { type BuildOptions, type Flight, FlightBuilder, isoFromEpochMs } from '../../model/index.ts';
import { decodeEntities, scanXml } from '../xml/index.ts';

interface Line {
  coords: number[][];
  times: number[];
  absolute: boolean;
}

/**
 * KML 2.2 → Flight: `LineString/coordinates` ("lon,lat[,alt]" tuples) and `gx:Track` (`when` +
 * `gx:coord`). Altitudes count as AMSL only with altitudeMode "absolute". Plain LineStrings carry no
 * time, so such a flight has a track but no duration or samples; Point placemarks (home) are ignored.
 * @example parseKml(text).track.lat_deg.length // 2,284 for the Airdata Mini 2 KML (a thinned track)
 */
export function parseKml(input: string | Uint8Array, options: BuildOptions = {}): Flight {
  const xml = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const lines: Line[] = [];
  let sawRoot = false;
  let line: Line | null = null;
  let field: string | null = null;
  let buf = '';
  scanXml(xml, {
    open(name) {
      if (name === 'kml') sawRoot = true;
      if (name === 'LineString' || name === 'Track') line = { coords: [], times: [], absolute: false };
      else if (
        line &&
        (name === 'coordinates' || name === 'coord' || name === 'when' || name === 'altitudeMode')
      ) {
        field = name;
        buf = '';
      }
    },
    text(src, from, to) {
      if (field) buf += src.slice(from, to);
    },
    close(name) {
      if (line && name === field) {
        const v = decodeEntities(buf).trim();
        if (name === 'altitudeMode') line.absolute = v === 'absolute';
        else if (name === 'when') line.times.push(Date.parse(v));
        else if (name === 'coord') line.coords.push(v.split(/\s+/).map(Number));
        else for (const tuple of v.split(/\s+/)) if (tuple) line.coords.push(tuple.split(',').map(Number));
        field = null;
      } else if (line && (name === 'LineString' || name === 'Track')) {
        lines.push(line);
        line = null;
      }
    },
  });
  if (!sawRoot) throw new FlightLogError('Not a KML file: no <kml> element (line 1)', { line: 1 });
  const b = new FlightBuilder('kml');
  addLines(b, lines);
  return b.build(options);
}

function addLines(b: FlightBuilder, lines: Line[]): void {
  const t0 = lines.flatMap((l) => l.times).find((t) => Number.isFinite(t)) ?? Number.NaN;
  let last = Number.NaN;
  let relative = false;
  for (const l of lines) {
    relative ||= !l.absolute && l.coords.some((c) => c.length > 2);
    l.coords.forEach(([lon, lat, alt], i) => {
      const t = l.times.length === l.coords.length ? (l.times[i] - t0) / 1000 : Number.NaN;
      const amsl = l.absolute && alt !== undefined ? alt : Number.NaN;
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
  if (Number.isFinite(t0)) {
    b.start = isoFromEpochMs(t0);
    b.duration_s = last;
  } else b.warn('KML track has no timestamps: duration and speed are unknown');
  if (relative) b.warn('KML altitudes are not "absolute": they were not used as heights above sea level');
  if (b.fixCount === 0) b.warn('KML file holds no track (LineString or gx:Track)');
}
