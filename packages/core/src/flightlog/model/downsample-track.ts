import type { Flight, FlightTrack } from './flight.ts';

const M_PER_DEG = 111_195;

/**
 * At most `maxPoints` fixes that keep the track's shape, for maps and share previews. Each fix gets the
 * Ramer–Douglas–Peucker tolerance at which it would first be kept (capped by its parent's, so the ranks
 * nest); the best-ranked fixes win. Unlike a fixed tolerance this hits the budget exactly in one pass.
 * @example downsampleTrack(flight, 500).lat_deg.length // ≤ 500, first and last fix kept
 */
export function downsampleTrack(input: Flight | FlightTrack, maxPoints: number): FlightTrack {
  const track = 'track' in input ? input.track : input;
  const n = track.lat_deg.length;
  if (n <= maxPoints || n <= 2) return track;
  const keep = Math.max(2, Math.floor(maxPoints));
  const { x, y } = project(track);
  const rank = new Float64Array(n);
  rank[0] = rank[n - 1] = Number.POSITIVE_INFINITY;
  const stack: number[] = [0, n - 1, Number.POSITIVE_INFINITY];
  while (stack.length > 0) {
    const cap = stack.pop()!;
    const b = stack.pop()!;
    const a = stack.pop()!;
    if (b - a < 2) continue;
    let best = -1;
    let bestD = -1;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(x[i], y[i], x[a], y[a], x[b], y[b]);
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    const r = Math.min(bestD, cap);
    rank[best] = r;
    stack.push(a, best, r, best, b, r);
  }
  const order = Array.from(rank.keys()).sort((i, j) => rank[j] - rank[i] || i - j);
  const chosen = order.slice(0, keep).sort((i, j) => i - j);
  const pick = (c: Float64Array) => Float64Array.from(chosen, (i) => c[i]);
  return {
    t_s: pick(track.t_s),
    lat_deg: pick(track.lat_deg),
    lon_deg: pick(track.lon_deg),
    alt_amsl_m: pick(track.alt_amsl_m),
    segment_starts: segmentStartsOf(track.segment_starts, chosen),
  };
}

/** Where each segment begins among the chosen fixes (a segment with none chosen disappears). */
function segmentStartsOf(starts: Uint32Array, chosen: number[]): Uint32Array {
  const out: number[] = [];
  let s = 0;
  for (let k = 0; k < chosen.length; k++) {
    let seg = s;
    while (seg + 1 < starts.length && starts[seg + 1] <= chosen[k]) seg++;
    if (k === 0 || seg !== s) out.push(k);
    s = seg;
  }
  return Uint32Array.from(out);
}

/** Local equirectangular metres: exact enough over one flight, and cheap. */
function project(track: FlightTrack): { x: Float64Array; y: Float64Array } {
  const n = track.lat_deg.length;
  const cosLat = Math.cos((track.lat_deg[0] * Math.PI) / 180);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = track.lon_deg[i] * M_PER_DEG * cosLat;
    y[i] = track.lat_deg[i] * M_PER_DEG;
  }
  return { x, y };
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - ax - u * dx, py - ay - u * dy);
}
