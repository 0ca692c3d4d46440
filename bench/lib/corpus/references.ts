/**
 * The independent readers bench/real-corpus.ts compares Airlock against, each run as its own process
 * (or library) on the same file. Each returns undefined when it is not available here, and the bench
 * says so instead of counting the file as agreeing.
 *   - GPX: GDAL's ogr2ogr (Debian gdal-bin) and togeojson (npm); KML: togeojson.
 *   - ULog: pyulog, a checkout named by PYULOG_PATH (the folder holding the `pyulog` package).
 *   - DataFlash, tlog: pymavlink, PYMAVLINK_PATH (the folder holding `pymavlink`, dialect generated).
 *   - OpenAir: openair-rs, OPENAIR_REF (the binary built from openair_ref.rs, see bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import { gpx, kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';

export type Line = Array<[number, number]>;

const HERE = new URL('.', import.meta.url).pathname;

function run(cmd: string, args: string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20, timeout: 120_000 });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout;
}

/** Every line of a GeoJSON FeatureCollection's LineString / MultiLineString features. */
function linesOf(fc: {
  features: Array<{ geometry: { type: string; coordinates: unknown } | null }>;
}): Line[] {
  const lines: Line[] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (g?.type === 'LineString') lines.push(g.coordinates as Line);
    else if (g?.type === 'MultiLineString') lines.push(...(g.coordinates as Line[]));
    else if (g?.type === 'GeometryCollection') {
      const inner = (g as unknown as { geometries: Array<{ type: string; coordinates: unknown }> })
        .geometries;
      lines.push(...linesOf({ features: inner.map((geometry) => ({ geometry })) }));
    }
  }
  return lines.map((l) => l.map((p) => [p[0], p[1]] as [number, number]));
}

/**
 * togeojson's tracks (GPX `trk`; KML LineString, gx:Track, gx:MultiTrack) as lines. Airlock's GPX
 * rule is asked of both references: the tracks, or the routes (`rte`) when a file has no track.
 */
export function togeojsonLines(text: string, kind: 'gpx' | 'kml'): Line[] {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  // xmldom's Document is what togeojson walks; its types are the DOM's, not xmldom's.
  const fc = kind === 'gpx' ? gpx(doc as unknown as Document) : kml(doc as unknown as Document);
  if (kind === 'kml') return linesOf(fc as Parameters<typeof linesOf>[0]);
  const ofType = (t: string) => ({
    features: fc.features.filter((f) => (f.properties as { _gpxType?: string })?._gpxType === t),
  });
  const tracks = linesOf(ofType('trk') as Parameters<typeof linesOf>[0]);
  return tracks.length > 0 ? tracks : linesOf(ofType('rte') as Parameters<typeof linesOf>[0]);
}

/** GDAL's GPX `tracks` layer (one line per trkseg), or its `routes` layer when there is no track. */
export function gdalGpxLines(path: string): Line[] | undefined {
  const layer = (name: string) => {
    const out = run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', path, name]);
    return out === undefined ? undefined : linesOf(JSON.parse(out));
  };
  const tracks = layer('tracks');
  if (tracks === undefined) return undefined;
  return tracks.length > 0 ? tracks : layer('routes');
}

export interface LogCounts {
  counts: Record<string, number>;
  start_us?: number;
  last_us?: number;
  fixes?: number;
}

export function pyulog(path: string): LogCounts | undefined {
  if (!process.env.PYULOG_PATH) return undefined;
  const out = run('python3', [`${HERE}ulog_ref.py`, path, process.env.PYULOG_PATH]);
  return out === undefined ? undefined : JSON.parse(out);
}

export function pymavlink(path: string): LogCounts | undefined {
  if (!process.env.PYMAVLINK_PATH) return undefined;
  const out = run('python3', [`${HERE}mav_ref.py`, path, process.env.PYMAVLINK_PATH]);
  return out === undefined ? undefined : JSON.parse(out);
}

export interface OpenAirRef {
  error?: string;
  airspaces: Array<{ name: string; kind: 'circle' | 'polygon'; radiusNm?: number }>;
}

export function openairRs(path: string): OpenAirRef | undefined {
  const bin = process.env.OPENAIR_REF;
  if (!bin) return undefined;
  const r = spawnSync(bin, [path], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.error) return undefined;
  const rows = r.stdout.split('\n').filter(Boolean);
  if (rows[0]?.startsWith('ERROR\t')) return { error: rows[0].slice(6), airspaces: [] };
  return {
    airspaces: rows.map((row) => {
      const [name, , kind, , radius] = row.split('\t');
      return kind === 'circle'
        ? { name, kind: 'circle', radiusNm: Number(radius) }
        : { name, kind: 'polygon' };
    }),
  };
}

export function hasGdal(): boolean {
  return run('ogr2ogr', ['--version']) !== undefined;
}
