import type { Zone, ZoneVolume } from '../zone/index.ts';

/** What many zones of one dataset share: written once per pack, not once per zone. */
export interface ZoneSet {
  dataset: string;
  source: string;
  licence: string;
  /** The message most of the set's zones carry (OurAirports' advisory note, ~250 bytes a zone). */
  message?: string;
}

/**
 * A ring on the wire: closed rings whose coordinates are exact at 1e-7° (every source seen here;
 * OurAirports has 6 decimals) as integer steps from the previous vertex, in units of 1e-7°, without
 * the closing vertex: [dx1, dy1, dx2, dy2, ...] from 0,0. Any other ring stays as it is. Lossless:
 * decoding gives back the same doubles. Vertices are ~85 % of a pack; this is ~12 % of the world's gzip.
 */
type WireRing = number[] | number[][];
const SCALE = 1e7;

function encodeRing(ring: readonly (readonly number[])[]): WireRing {
  const first = ring[0];
  const last = ring[ring.length - 1];
  const closed = ring.length >= 4 && first[0] === last[0] && first[1] === last[1];
  const exact = ring.every(
    (p) =>
      p.length === 2 &&
      Math.round(p[0] * SCALE) / SCALE === p[0] &&
      Math.round(p[1] * SCALE) / SCALE === p[1],
  );
  if (!closed || !exact) return ring as number[][];
  const out: number[] = [];
  let px = 0;
  let py = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const x = Math.round(ring[i][0] * SCALE);
    const y = Math.round(ring[i][1] * SCALE);
    out.push(x - px, y - py);
    px = x;
    py = y;
  }
  return out;
}

function decodeRing(ring: unknown): unknown {
  if (!Array.isArray(ring) || ring.length === 0 || typeof ring[0] !== 'number') return ring;
  const out: number[][] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < ring.length; i += 2) {
    x += ring[i] as number;
    y += ring[i + 1] as number;
    out.push([x / SCALE, y / SCALE]);
  }
  if (out.length > 0) out.push([...out[0]]);
  return out;
}

function encodeGeometry(g: ZoneVolume['geometry']): unknown {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(encodeRing) };
  if (g.type === 'MultiPolygon')
    return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(encodeRing)) };
  return g;
}

function decodeGeometry(g: unknown): unknown {
  if (g === null || typeof g !== 'object') return g;
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(coordinates)) return g;
  if (type === 'Polygon') return { type, coordinates: coordinates.map(decodeRing) };
  if (type === 'MultiPolygon')
    return { type, coordinates: coordinates.map((p) => (Array.isArray(p) ? p.map(decodeRing) : p)) };
  return g;
}

/** A zone on the wire: its set's index in `s`, and only what differs from the set. */
export type CompactZone = Omit<Zone, 'dataset' | 'source' | 'licence' | 'message'> & {
  s: number;
  /** Absent: the set's message; null: none; a string: its own. */
  message?: string | null;
};

/**
 * The pack's zone: the model without `properties`, the source-specific extras (an airport's ident,
 * its runways...) that the device's engine never reads; the server's zone routes still carry them.
 * Dropping them is a quarter of the world pack.
 */
export function packZone(zone: Zone): Zone {
  if (zone.properties === undefined) return zone;
  const { properties: _, ...rest } = zone;
  return rest as Zone;
}

/** Zones as sets + compact zones; `expandZones` gives the same zones back. */
export function compactZones(zones: readonly Zone[]): { sets: ZoneSet[]; zones: CompactZone[] } {
  const sets: ZoneSet[] = [];
  const index = new Map<string, number>();
  const out: CompactZone[] = [];
  for (const zone of zones) {
    const { dataset, source, licence, message, ...rest } = zone;
    const key = JSON.stringify([dataset, source, licence]);
    let s = index.get(key);
    if (s === undefined) {
      s = sets.length;
      index.set(key, s);
      sets.push(message === undefined ? { dataset, source, licence } : { dataset, source, licence, message });
    }
    const shared = sets[s].message;
    const own = message === shared ? {} : { message: message ?? null };
    const volumes = rest.volumes.map((v) => ({ ...v, geometry: encodeGeometry(v.geometry) }));
    out.push({ ...rest, volumes, s, ...own } as unknown as CompactZone);
  }
  return { sets, zones: out };
}

/** The zones of `compactZones`' output (each still to be checked against the zone schema). */
export function expandZones(sets: readonly ZoneSet[], zones: readonly unknown[]): unknown[] {
  return zones.map((z) => {
    if (z === null || typeof z !== 'object' || Array.isArray(z)) return z;
    const { s, message, volumes, ...rest } = z as { s?: unknown; message?: unknown; volumes?: unknown };
    const set = typeof s === 'number' ? sets[s] : undefined;
    if (!set || !Array.isArray(volumes)) return z;
    const text = message === undefined ? set.message : message === null ? undefined : message;
    const decoded = volumes.map((v) =>
      v !== null && typeof v === 'object'
        ? { ...v, geometry: decodeGeometry((v as { geometry?: unknown }).geometry) }
        : v,
    );
    return {
      ...rest,
      volumes: decoded,
      dataset: set.dataset,
      source: set.source,
      licence: set.licence,
      ...(text === undefined ? {} : { message: text }),
    };
  });
}
