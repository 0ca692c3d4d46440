import { distanceM } from '../../geo/index.ts';
import type { Position } from '../../zone/index.ts';

const NM = 1852;
// DDMMSS[.s]N DDDMMSS[.s]E or DDMMN DDDMME, as item E writes points.
const POINT =
  /\b(?:(\d{2})(\d{2})(\d{2}(?:\.\d+)?)|(\d{2})(\d{2}(?:\.\d+)?))([NS])\s*(?:(\d{3})(\d{2})(\d{2}(?:\.\d+)?)|(\d{3})(\d{2}(?:\.\d+)?))([EW])\b/g;
/** Words that mean the boundary is not straight lines between the points. */
const CURVED = /\b(ARC|RADIUS|RAD|CIRCLE|CENTRE|CENTER|ALONG|BORDER|BDRY|CLOCKWISE|CW|CCW)\b/;

/**
 * The polygon item E draws, when it draws one plainly: three or more distinct points joined by
 * straight lines, no arcs or borders, no crossing edges, every point inside the Q) circle (which
 * bounds the NOTAM). Anything else returns null and the Q) circle stands for the area: larger than
 * the real one, never smaller.
 */
export function simplePolygonOf(e: string, center: [number, number], radiusNM: number): Position[] | null {
  if (CURVED.test(e.toUpperCase())) return null;
  const ring: Position[] = [];
  for (const m of e.matchAll(POINT)) {
    const lat = dms(m[1] ?? m[4], m[2] ?? m[5], m[3] ?? '0') * (m[6] === 'S' ? -1 : 1);
    const lon = dms(m[7] ?? m[10], m[8] ?? m[11], m[9] ?? '0') * (m[12] === 'W' ? -1 : 1);
    if (Number.isNaN(lat) || Number.isNaN(lon)) return null;
    const p: Position = [lon, lat];
    if (!ring.some((q) => q[0] === p[0] && q[1] === p[1])) ring.push(p);
    else if (!(ring[0][0] === p[0] && ring[0][1] === p[1])) return null;
  }
  if (ring.length < 3) return null;
  // The Q) radius is rounded up to whole NM, plus a little for the centre's rounding to minutes.
  const bound = (radiusNM + 1) * NM;
  if (ring.some((p) => distanceM(center[0], center[1], p[0], p[1]) > bound)) return null;
  if (selfIntersects(ring)) return null;
  return [...ring, ring[0]];
}

function dms(d: string, m: string, s: string): number {
  const deg = Number(d);
  const min = Number(m);
  const sec = Number(s);
  if (min >= 60 || sec >= 60) return Number.NaN;
  return deg + min / 60 + sec / 3600;
}

function selfIntersects(ring: Position[]): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (cross(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n])) return true;
    }
  }
  return false;
}

function cross(a: Position, b: Position, c: Position, d: Position): boolean {
  const o = (p: Position, q: Position, r: Position) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) !== o(a, b, d) && o(c, d, a) !== o(c, d, b);
}
