/**
 * The moving-pilot attacker of bench/location-privacy-attack.ts. A pilot drives (road speeds) or flies
 * a drone beyond line of sight (15 m/s) with the app open; the SDK checks at every fix and sends a
 * request only when its data no longer covers the position (and once an hour to revalidate). The
 * server sees each request's time and what it names: with `cell`, the device has just left the old
 * cell's coverage, so it stands on the edge of that coverage shrunk by the look-ahead, inside the new
 * cell — a line, not a cell; with tile packs, it has just crossed a 5° tile edge. Through a relay the
 * server cannot link requests by address: N pilots in one region mix, and the attacker links by
 * geometry and time (the most recent request whose cell borders this one), often wrongly.
 */
import { distanceM } from '../../packages/core/src/geo/index.ts';
import {
  CELL_COVERAGE_MARGIN_M,
  cellAt,
  cellBounds,
  cellCoverage,
  coversLookAhead,
  DEFAULT_LOOKAHEAD_M,
  type LonLatBox,
  type RandomSource,
} from '../../packages/core/src/location-privacy/index.ts';
import { PACK_TILE_DEG, tilePackId } from '../../packages/core/src/zone-pack/index.ts';

type LonLat = [number, number];
export type Mode = 'drive' | 'flight';
export type Scheme = 'cell' | 'tile-pack';

/** One fix every FIX_S seconds: fine enough that the moment of a request places the crossing to ~100 m. */
const FIX_S = 5;
const MAX_AGE_S = 3600;
const L = DEFAULT_LOOKAHEAD_M;

export interface Track {
  mode: Mode;
  /** Seconds since the window opened, one per fix. */
  t: number[];
  p: LonLat[];
}

/**
 * A drive: 60–120 min at 70–120 km/h, heading wandering like a road network. A flight: a BVLOS
 * inspection, 30–60 min at 15 m/s, long straight legs. Starts anywhere in `box`, within the first hour.
 */
export function makeTrack(mode: Mode, box: LonLatBox, random: RandomSource): Track {
  const start = random() * 3600;
  const duration = mode === 'drive' ? 3600 + random() * 3600 : 1800 + random() * 1800;
  let lon = box[0] + random() * (box[2] - box[0]);
  let lat = box[1] + random() * (box[3] - box[1]);
  let heading = random() * 2 * Math.PI;
  let speed = mode === 'drive' ? 70 / 3.6 : 15;
  const track: Track = { mode, t: [], p: [] };
  for (let s = 0; s <= duration; s += FIX_S) {
    track.t.push(start + s);
    track.p.push([lon, lat]);
    if (s % 60 === 0) {
      heading += (random() - 0.5) * (mode === 'drive' ? 0.6 : 0.15);
      if (mode === 'drive') speed = (70 + random() * 50) / 3.6;
    }
    const d = speed * FIX_S;
    lat += ((d * Math.cos(heading)) / 6_371_008.8) * (180 / Math.PI);
    lon += ((d * Math.sin(heading)) / (6_371_008.8 * Math.cos((lat * Math.PI) / 180))) * (180 / Math.PI);
  }
  return track;
}

/** A request as the server sees it, with the truth the attacker is scored against. */
export interface SeenRequest {
  time: number;
  /** A cell id or a tile pack id. */
  area: string;
  /** A revalidation of the area already held (it says "still covered", not "just crossed"). */
  refresh: boolean;
  pilot: number;
  truth: LonLat;
}

/** The requests the SDK sends along a track (its cache of answers and the hourly revalidation). */
export function requestsAlong(track: Track, scheme: Scheme, pilot: number): SeenRequest[] {
  const out: SeenRequest[] = [];
  const held = new Map<string, number>();
  let current: string | undefined;
  for (let i = 0; i < track.t.length; i++) {
    const [lon, lat] = track.p[i];
    const t = track.t[i];
    const fresh = (a: string) => t - (held.get(a) ?? Number.NEGATIVE_INFINITY) <= MAX_AGE_S;
    const covers = (a: string) =>
      scheme === 'cell' ? coversLookAhead(a, lon, lat, L) : a === tilePackId(lon, lat);
    const send = (area: string, refresh: boolean) => {
      held.set(area, t);
      current = area;
      out.push({ time: t, area, refresh, pilot, truth: [lon, lat] });
    };
    if (current !== undefined && covers(current)) {
      if (!fresh(current)) send(current, true);
      continue;
    }
    // The SDK first looks for a fresh held answer covering the position (up to 8 cells are kept).
    const kept = [...held.keys()].find((a) => fresh(a) && covers(a));
    if (kept) {
      current = kept;
      continue;
    }
    send(scheme === 'cell' ? cellAt(lon, lat) : tilePackId(lon, lat), false);
    if (held.size > 8) held.delete(held.keys().next().value as string);
  }
  return out;
}

function boxOf(scheme: Scheme, area: string): LonLatBox {
  if (scheme === 'cell') return cellBounds(area);
  const m = /^tile-([NS])(\d{2})([EW])(\d{3})$/.exec(area) as RegExpExecArray;
  const south = (m[1] === 'S' ? -1 : 1) * Number(m[2]);
  const west = (m[3] === 'W' ? -1 : 1) * Number(m[4]);
  return [west, south, west + PACK_TILE_DEG, south + PACK_TILE_DEG];
}

const centreOf = (b: LonLatBox): LonLat => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];

/**
 * Where a device that just left `prev` and asks for `next` can be: on the edge of prev's coverage
 * shrunk by the look-ahead (for tiles: prev's own edge), inside next. The midpoint of the longest
 * such piece of edge, or null when the two do not fit together (a wrong link).
 */
export function crossingEstimate(scheme: Scheme, prev: string, next: string): LonLat | null {
  const edgeBox = scheme === 'cell' ? cellCoverage(prev, CELL_COVERAGE_MARGIN_M - L)[0] : boxOf(scheme, prev);
  const [w, s, e, n] = boxOf(scheme, next);
  const edges: [LonLat, LonLat][] = [
    [
      [edgeBox[0], edgeBox[1]],
      [edgeBox[2], edgeBox[1]],
    ],
    [
      [edgeBox[0], edgeBox[3]],
      [edgeBox[2], edgeBox[3]],
    ],
    [
      [edgeBox[0], edgeBox[1]],
      [edgeBox[0], edgeBox[3]],
    ],
    [
      [edgeBox[2], edgeBox[1]],
      [edgeBox[2], edgeBox[3]],
    ],
  ];
  let best: { len: number; mid: LonLat } | null = null;
  for (const [a, b] of edges) {
    // Axis-aligned edges: clip to next's box.
    const x0 = Math.max(Math.min(a[0], b[0]), w);
    const x1 = Math.min(Math.max(a[0], b[0]), e);
    const y0 = Math.max(Math.min(a[1], b[1]), s);
    const y1 = Math.min(Math.max(a[1], b[1]), n);
    if (x0 > x1 || y0 > y1) continue;
    const mid: LonLat = [(x0 + x1) / 2, (y0 + y1) / 2];
    const len = distanceM(x0, y0, x1, y1);
    if (!best || len > best.len) best = { len, mid };
  }
  return best?.mid ?? null;
}

/** Links each request to an earlier one: by pilot (no relay) or by geometry and time (relay). */
function link(scheme: Scheme, requests: SeenRequest[], byPilot: boolean): (SeenRequest | null)[] {
  const last = new Map<number, SeenRequest>();
  const recent: SeenRequest[] = [];
  return requests.map((r) => {
    let prev: SeenRequest | null = null;
    if (byPilot) {
      prev = last.get(r.pilot) ?? null;
      last.set(r.pilot, r);
    } else {
      // The most recent request (last 2 h) whose area fits as the one this device just left.
      for (let i = recent.length - 1; i >= 0 && !prev; i--) {
        const c = recent[i];
        if (r.time - c.time > 7200) break;
        if (c.area !== r.area && crossingEstimate(scheme, c.area, r.area)) prev = c;
      }
      recent.push(r);
    }
    return prev;
  });
}

export interface AttackScore {
  /** Median error of the best attack at the moments of the requests, and over every fix after the first. */
  atRequestM: number;
  overTrackM: number;
  attack: 'area centre' | 'crossing line';
  requestsPerHour: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[s.length >> 1];
}

/**
 * Runs the attacks on each group's requests mixed in time order (a group is the pilots one relay
 * mixes; without a relay the server links by address anyway) and scores both, pooled over groups: the
 * area's centre, and the crossing line of a linked pair (the centre when no link fits).
 */
export function scoreAttacks(scheme: Scheme, groups: Track[][], relay: boolean): AttackScore {
  const attacks: AttackScore['attack'][] = ['area centre', 'crossing line'];
  const atRequest: Record<string, number[]> = { 'area centre': [], 'crossing line': [] };
  const over: Record<string, number[]> = { 'area centre': [], 'crossing line': [] };
  let count = 0;
  let hours = 0;
  for (const tracks of groups) {
    const requests = tracks.flatMap((tr, i) => requestsAlong(tr, scheme, i)).sort((a, b) => a.time - b.time);
    count += requests.length;
    hours += tracks.reduce((h, tr) => h + (tr.t[tr.t.length - 1] - tr.t[0]) / 3600, 0);
    const links = link(scheme, requests, !relay);
    for (const attack of attacks) {
      const estimates = requests.map((r, i): LonLat => {
        const centre = centreOf(boxOf(scheme, r.area));
        if (attack === 'area centre' || r.refresh || !links[i]) return centre;
        return crossingEstimate(scheme, (links[i] as SeenRequest).area, r.area) ?? centre;
      });
      requests.forEach((r, i) => {
        atRequest[attack].push(distanceM(r.truth[0], r.truth[1], ...estimates[i]));
      });
      // Over the track: at each minute, the estimate from that pilot's latest request.
      tracks.forEach((tr, pilot) => {
        const mine = requests.map((r, i) => [r, i] as const).filter(([r]) => r.pilot === pilot);
        let k = 0;
        let latest: LonLat | null = null;
        for (let f = 0; f < tr.t.length; f += 12) {
          while (k < mine.length && mine[k][0].time <= tr.t[f]) latest = estimates[mine[k++][1]];
          if (latest) over[attack].push(distanceM(tr.p[f][0], tr.p[f][1], latest[0], latest[1]));
        }
      });
    }
  }
  const scores = attacks.map((attack) => ({
    atRequestM: Math.round(median(atRequest[attack])),
    overTrackM: Math.round(median(over[attack])),
    attack,
    requestsPerHour: Math.round((count / hours) * 10) / 10,
  }));
  return scores.reduce((a, b) => (b.atRequestM < a.atRequestM ? b : a));
}

/** The stationary baseline for tile packs: any number of checks name the tile; its centre is the guess. */
export function tileCentreError(points: LonLat[]): number {
  return Math.round(
    median(
      points.map(([lon, lat]) => {
        const [x, y] = centreOf(boxOf('tile-pack', tilePackId(lon, lat)));
        return distanceM(lon, lat, x, y);
      }),
    ),
  );
}
