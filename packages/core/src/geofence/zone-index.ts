import Flatbush from 'flatbush';
import { EARTH_RADIUS_M } from '../geo/index.ts';
import { limitToMetres, type Zone } from '../zone/index.ts';
import { type BBox, growBBox, splitAtAntimeridian, tileBBox } from './bbox.ts';
import {
  boundaryDistance,
  DOT_MIN_ANGLE,
  type PreparedPart,
  partContains,
  partDistanceWithin,
  partWithin,
  prepareGeometry,
  queryPoint,
  queryRange,
} from './prepared-shape.ts';

/**
 * Largest radius a `near` query accepts: beyond it the answer is no longer a "nearby" question.
 *
 * @example
 * const radius = Math.min(requestedRadiusM, MAX_NEAR_RADIUS_M); // 50 km at most
 */
export const MAX_NEAR_RADIUS_M = 50_000;

/**
 * Per-zone arrays for one query: `seen[z] === stamp` marks a zone met by the current query, `dist[z]`
 * its best distance so far, `hits` the zones met in order. A query costs no Map and no allocation
 * but its answer; both arrays are valid until the next query.
 */
interface Scratch {
  seen: Uint32Array;
  dist: Float64Array;
  hits: Uint32Array;
  stamp: number;
}

function newScratch(zones: number): Scratch {
  return {
    seen: new Uint32Array(zones),
    dist: new Float64Array(zones),
    hits: new Uint32Array(zones),
    stamp: 0,
  };
}

/** Numbers per entry in ZoneIndex.caps: x, y, z, radius, cos(radius), sin(radius). */
const CAP_FIELDS = 6;

/** Zones up to this many sort by one packed number per hit (see `near`); beyond, by a comparator. */
const RANK_LIMIT = 2 ** 24;

/**
 * A zone found by `ZoneIndex.near`, with its distance.
 *
 * @example
 * for (const { zone, distanceM } of index.near(8.5492, 47.4582, 5000) as NearbyZone[]) console.log(zone.name, distanceM);
 */
export interface NearbyZone {
  zone: Zone;
  /** Metres from the point to the zone (0 when inside any of its volumes horizontally). */
  distanceM: number;
}

/**
 * Where an index gets its zones: an array for an index built in memory, or a store that materialises
 * a zone on demand (the server reads them from its persisted index file). A source must give the same
 * zone for the same place every time, in value if not in identity.
 *
 * @example
 * const source: ZoneSource = { size: zones.length, zone: (i) => zones[i] };
 * const index = ZoneIndex.fromPacked(packed, source);
 */
export interface ZoneSource {
  readonly size: number;
  zone(i: number): Zone;
}

/**
 * Everything a ZoneIndex needs besides its zones, in flat typed arrays: what `toPacked` gives and
 * `fromPacked` takes back, so an index can be stored and reloaded without rebuilding it.
 *
 * Entries are the boxes in the R-tree (a part crossing ±180° has two), parts the prepared ground
 * shapes: part p is shape `partNo[p]` of `prepareGeometry(zones[partZone[p]].volumes[partVolume[p]])`.
 *
 * @example
 * const packed: PackedZoneIndex = ZoneIndex.build(zones).toPacked();
 * const bytes = encodePackedIndex(packed);
 */
export interface PackedZoneIndex {
  zoneCount: number;
  /** The flatbush buffer's bytes, 8-byte aligned (`Flatbush.from` reads them in place), or null. */
  tree: Uint8Array | null;
  entryPart: Uint32Array;
  /** Per entry, CAP_FIELDS numbers: the cap of its part. */
  caps: Float64Array;
  partZone: Uint32Array;
  partVolume: Uint32Array;
  partNo: Uint32Array;
  partCircle: Uint8Array;
  /** Each zone's place in id order and its inverse (near's tie-break). */
  rank: Uint32Array;
  byRank: Uint32Array;
}

class ArraySource implements ZoneSource {
  constructor(readonly zones: readonly Zone[]) {}
  get size(): number {
    return this.zones.length;
  }
  zone(i: number): Zone {
    return this.zones[i];
  }
}

/**
 * An immutable in-memory spatial index over zones: a packed Hilbert R-tree (flatbush) over the bounding
 * box of every ground shape, with exact great-circle checks behind it. Build a new one when a dataset
 * changes (or reload a stored one with `fromPacked`); queries never allocate more than their answer.
 *
 * Zones and prepared shapes are read through the source on first use only: a reloaded index holds
 * its tree, caps and ids in typed arrays, and a zone object only while an answer needs it.
 *
 * @example
 * const index = ZoneIndex.build(zones);
 * index.containing(8.5492, 47.4582); // [{ zone, volume }]: zones whose ground shape holds the point
 * index.near(8.5492, 47.4582, 5000); // [{ zone, distanceM }], nearest first
 * index.inTile(10, 536, 358); // zones touching a map tile
 */
export class ZoneIndex {
  private readonly source: ZoneSource;
  private readonly tree: Flatbush | null;
  /**
   * Per-zone scratch for one query at a time (see Scratch). A query started from inside another (a
   * `near` filter asking the index) gets fresh arrays of its own.
   */
  private readonly scratch: Scratch;
  private scanning = false;
  /**
   * Per entry, in flat arrays: its zone, its part, whether it is a circle, and its cap (centre unit
   * vector, radius in radians, cos and sin of the radius: CAP_FIELDS numbers). Dense queries touch
   * hundreds of entries; reading these instead of three objects per entry keeps them in cache.
   */
  private readonly entryZone: Uint32Array;
  private readonly entryPart: Uint32Array;
  private readonly entryCircle: Uint8Array;
  private readonly caps: Float64Array;
  private readonly packed: PackedZoneIndex;
  /** Prepared shapes by part, made on first use from the zone's geometry. */
  private readonly parts: Array<PreparedPart | undefined>;
  /** Each zone's place in id order and its inverse, built on first use: `near`'s tie-break. */
  private idRank: { rank: Uint32Array; byRank: Uint32Array } | null = null;
  private all: readonly Zone[] | null = null;

  private constructor(source: ZoneSource, packed: PackedZoneIndex, parts: Array<PreparedPart | undefined>) {
    this.source = source;
    this.packed = packed;
    this.tree = packed.tree ? Flatbush.from(packed.tree.buffer as ArrayBuffer, packed.tree.byteOffset) : null;
    this.scratch = newScratch(source.size);
    this.entryPart = packed.entryPart;
    this.caps = packed.caps;
    const n = packed.entryPart.length;
    this.entryZone = new Uint32Array(n);
    this.entryCircle = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const p = packed.entryPart[i];
      this.entryZone[i] = packed.partZone[p];
      this.entryCircle[i] = packed.partCircle[p];
    }
    this.parts = parts;
    if (packed.rank.length === source.size && source.size > 0) {
      this.idRank = { rank: packed.rank, byRank: packed.byRank };
    }
  }

  static build(zones: readonly Zone[]): ZoneIndex {
    const parts: PreparedPart[] = [];
    const partZone: number[] = [];
    const partVolume: number[] = [];
    const partNo: number[] = [];
    const entryPart: number[] = [];
    const boxes: BBox[] = [];
    zones.forEach((zone, zi) => {
      zone.volumes.forEach((volume, vi) => {
        prepareGeometry(volume.geometry).forEach((part, k) => {
          const p = parts.length;
          parts.push(part);
          partZone.push(zi);
          partVolume.push(vi);
          partNo.push(k);
          // A part whose box overflows ±180° is indexed once per side so searches need no wrapping.
          for (const box of splitAtAntimeridian(part.bbox)) {
            entryPart.push(p);
            boxes.push(box);
          }
        });
      });
    });
    let tree: Flatbush | null = null;
    if (boxes.length > 0) {
      tree = new Flatbush(boxes.length);
      for (const b of boxes) tree.add(b[0], b[1], b[2], b[3]);
      tree.finish();
    }
    const caps = new Float64Array(entryPart.length * CAP_FIELDS);
    entryPart.forEach((p, i) => {
      const c = parts[p].cap;
      caps.set([c.x, c.y, c.z, c.radius, c.cos, c.sin], CAP_FIELDS * i);
    });
    const packed: PackedZoneIndex = {
      zoneCount: zones.length,
      tree: tree ? new Uint8Array(tree.data) : null,
      entryPart: Uint32Array.from(entryPart),
      caps,
      partZone: Uint32Array.from(partZone),
      partVolume: Uint32Array.from(partVolume),
      partNo: Uint32Array.from(partNo),
      partCircle: Uint8Array.from(parts, (p) => (p.kind === 'circle' ? 1 : 0)),
      rank: new Uint32Array(0),
      byRank: new Uint32Array(0),
    };
    const index = new ZoneIndex(new ArraySource(zones), packed, parts);
    index.all = zones;
    return index;
  }

  /**
   * An index from the arrays `toPacked` gave (e.g. read back from a file) and a source of the same
   * zones in the same order: no shape is prepared and no zone read until a query needs it.
   */
  static fromPacked(packed: PackedZoneIndex, source: ZoneSource): ZoneIndex {
    if (packed.zoneCount !== source.size) {
      throw new RangeError(`packed index holds ${packed.zoneCount} zones, the source ${source.size}`);
    }
    return new ZoneIndex(source, packed, new Array(packed.partZone.length));
  }

  /** The index as flat arrays (with the id order computed), for `fromPacked`. */
  toPacked(): PackedZoneIndex {
    const { rank, byRank } = this.ranks();
    return { ...this.packed, rank, byRank };
  }

  /** Every zone, in index order. Materialises all of them for an index read from a store: avoid. */
  get zones(): readonly Zone[] {
    if (this.all === null) this.all = Array.from({ length: this.source.size }, (_, i) => this.source.zone(i));
    return this.all;
  }

  /** The zone at a place in index order. */
  zone(i: number): Zone {
    return this.all ? this.all[i] : this.source.zone(i);
  }

  /** The prepared shape of an entry, made from its zone's geometry on first use. */
  private part(entry: number): PreparedPart {
    const p = this.entryPart[entry];
    const have = this.parts[p];
    if (have) return have;
    const { partZone, partVolume, partNo } = this.packed;
    const prepared = prepareGeometry(this.zone(partZone[p]).volumes[partVolume[p]].geometry);
    // The volume's other parts follow this one: keep them all, they were just made.
    const first = p - partNo[p];
    for (let k = 0; k < prepared.length; k++) this.parts[first + k] = prepared[k];
    const part = this.parts[p];
    if (!part) throw new RangeError(`part ${p} is not in its zone's geometry`);
    return part;
  }

  get size(): number {
    return this.source.size;
  }

  /** Entry ids whose box intersects any of the boxes (deduplicated). */
  private search(boxes: BBox[]): number[] {
    if (!this.tree) return [];
    if (boxes.length === 1) {
      const b = boxes[0];
      return this.tree.search(b[0], b[1], b[2], b[3]);
    }
    const seen = new Set<number>();
    for (const b of boxes) for (const id of this.tree.search(b[0], b[1], b[2], b[3])) seen.add(id);
    return [...seen];
  }

  /**
   * Zones with any part within `radiusM` metres of the point, nearest first, each with its exact
   * distance (0 when the point is inside). `radiusM` is at most MAX_NEAR_RADIUS_M.
   */
  near(lon: number, lat: number, radiusM: number, filter?: (zone: Zone) => boolean): NearbyZone[] {
    const { hits, dist } = this.scan(lon, lat, radiusM, true, filter);
    const { rank, byRank } = this.ranks();
    const out: NearbyZone[] = new Array(hits.length);
    if (this.size <= RANK_LIMIT) {
      // One number per hit, sorted natively: distance in 0.1 mm steps above the zone's place in id
      // order (exact in a double: 29 + 24 bits). Hits closer than 0.1 mm apart go by id.
      const keys = new Float64Array(hits.length);
      for (let i = 0; i < hits.length; i++) {
        const z = hits[i];
        keys[i] = Math.round(dist[z] * 1e4) * RANK_LIMIT + rank[z];
      }
      keys.sort();
      for (let i = 0; i < keys.length; i++) {
        const z = byRank[keys[i] % RANK_LIMIT];
        out[i] = { zone: this.zone(z), distanceM: dist[z] };
      }
      return out;
    }
    hits.sort((a, b) => dist[a] - dist[b] || rank[a] - rank[b]);
    for (let i = 0; i < hits.length; i++) out[i] = { zone: this.zone(hits[i]), distanceM: dist[hits[i]] };
    return out;
  }

  /**
   * The same zones as `near`, without distances: a yes/no test per zone (like PostGIS ST_DWithin) that
   * stops at the first vertex or edge within the radius, so it is cheaper. In index order.
   */
  within(lon: number, lat: number, radiusM: number): Zone[] {
    const order = this.scan(lon, lat, radiusM, false).hits.sort();
    const out: Zone[] = new Array(order.length);
    for (let i = 0; i < order.length; i++) out[i] = this.zone(order[i]);
    return out;
  }

  private ranks(): { rank: Uint32Array; byRank: Uint32Array } {
    if (this.idRank) return this.idRank;
    const ids = Array.from({ length: this.size }, (_, i) => this.zone(i).id);
    const byId = Array.from(ids.keys()).sort((a, b) => {
      const x = ids[a];
      const y = ids[b];
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    const rank = new Uint32Array(this.size);
    byId.forEach((zi, r) => {
      rank[zi] = r;
    });
    this.idRank = { rank, byRank: Uint32Array.from(byId) };
    return this.idRank;
  }

  /**
   * The zones within the radius, in the order first met, and their best distance (0 for every hit
   * when `exact` is false: `within` stops at the first part in range).
   */
  private scan(
    lon: number,
    lat: number,
    radiusM: number,
    exact: boolean,
    filter?: (zone: Zone) => boolean,
  ): { hits: Uint32Array; dist: Float64Array } {
    if (!(radiusM >= 0 && radiusM <= MAX_NEAR_RADIUS_M)) {
      throw new RangeError(`radius ${radiusM} m is outside 0..${MAX_NEAR_RADIUS_M} m`);
    }
    const nested = this.scanning;
    const scratch = nested ? newScratch(this.size) : this.scratch;
    this.scanning = true;
    try {
      const ids = this.search(splitAtAntimeridian(growBBox([lon, lat, lon, lat], radiusM)));
      const q = queryPoint(lon, lat);
      const range = queryRange(radiusM);
      const rAngle = range.angle;
      if (++scratch.stamp === 0xffffffff) {
        scratch.seen.fill(0);
        scratch.stamp = 1;
      }
      const { seen, dist, hits, stamp } = scratch;
      const { entryZone, entryCircle, caps } = this;
      // Cap tests on dot products (see partWithin) where the threshold angle resolves well that way.
      let count = 0;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        const z = entryZone[id];
        const met = seen[z] === stamp;
        // Already in range: `within` needs nothing more, `near` nothing below 0.
        if (met && (!exact || dist[z] === 0)) continue;
        if (filter && !filter(this.zone(z))) continue;
        const o = CAP_FIELDS * id;
        const cr = caps[o + 3];
        const dot = q.x * caps[o] + q.y * caps[o + 1] + q.z * caps[o + 2];
        const wide = rAngle + cr >= DOT_MIN_ANGLE && rAngle + cr < Math.PI;
        // Out of range as a whole: angle to the centre > r + cap radius.
        if (wide && dot < range.cos * caps[o + 4] - range.sin * caps[o + 5]) continue;
        if (!exact) {
          if ((wide && entryCircle[id] === 1) || partWithin(this.part(id), q, radiusM, range)) {
            seen[z] = stamp;
            dist[z] = 0;
            hits[count++] = z;
          }
          continue;
        }
        let d: number;
        if (entryCircle[id] === 1) {
          // A circle: its distance is the angle to its centre less its radius (as partDistanceWithin).
          const dx = q.x - caps[o];
          const dy = q.y - caps[o + 1];
          const dz = q.z - caps[o + 2];
          const below = 2 * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2)) - cr;
          if (below > rAngle) continue;
          d = below > 0 ? below * EARTH_RADIUS_M : 0;
        } else {
          // The cap bound rejects most far candidates without touching their edges.
          d = partDistanceWithin(this.part(id), q, rAngle);
        }
        if (d > radiusM) continue;
        if (!met) {
          seen[z] = stamp;
          dist[z] = d;
          hits[count++] = z;
        } else if (d < dist[z]) dist[z] = d;
      }
      // Both are valid until the next query: the caller reads them at once.
      return { hits: hits.subarray(0, count), dist };
    } finally {
      this.scanning = nested;
    }
  }

  /** Exact distance from the point to the zone's nearest boundary (inside or out), in metres. */
  boundaryDistance(zone: Zone, lon: number, lat: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (const volume of zone.volumes) {
      for (const part of prepareGeometry(volume.geometry))
        best = Math.min(best, boundaryDistance(part, lon, lat));
    }
    return best;
  }

  /** Zones whose shape's bounding box intersects the box (west may exceed east across the antimeridian). */
  inBBox(west: number, south: number, east: number, north: number): Zone[] {
    const box: BBox = [west, south, east < west ? east + 360 : east, north];
    const ids = this.search(splitAtAntimeridian(box));
    const seen = new Set<number>();
    for (const id of ids) seen.add(this.entryZone[id]);
    return [...seen].sort((a, b) => a - b).map((i) => this.zone(i));
  }

  /** Zones intersecting a Web Mercator tile z/x/y. */
  inTile(z: number, x: number, y: number): Zone[] {
    const b = tileBBox(z, x, y);
    return this.inBBox(b[0], b[1], b[2], b[3]);
  }

  /**
   * Which volumes of which zones contain the point horizontally, as [zone, volume index] pairs.
   * Altitude and time are judged by the caller (see `assessPosition`).
   */
  containing(lon: number, lat: number): Array<{ zone: Zone; volume: number }> {
    const ids = this.search(splitAtAntimeridian([lon, lat, lon, lat]));
    const out: Array<{ zone: Zone; volume: number }> = [];
    const seen = new Set<string>();
    for (const id of ids) {
      const z = this.entryZone[id];
      const volume = this.packed.partVolume[this.entryPart[id]];
      const key = `${z}:${volume}`;
      if (seen.has(key) || !partContains(this.part(id), lon, lat)) continue;
      seen.add(key);
      out.push({ zone: this.zone(z), volume });
    }
    return out;
  }
}

/**
 * Lower and upper limit of a volume in metres in their own reference.
 *
 * @example
 * const { lower, upper } = volumeLimitsM(zone, 0); // metres, each in its own reference (AGL, AMSL)
 */
export function volumeLimitsM(zone: Zone, volume: number): { lower: number; upper: number } {
  const v = zone.volumes[volume];
  return { lower: limitToMetres(v.lower), upper: limitToMetres(v.upper) };
}
