import { createHash } from 'node:crypto';
import type { BBox } from '@airlock/core/geofence';
import type { Zone } from '@airlock/core/zone';
import {
  canonicalJson,
  compactZones,
  ENVELOPE_OVERHEAD,
  expandZones,
  PACK_FORMAT,
  packVersionText,
  packZone,
  type ZoneSet,
  zoneKey,
} from '@airlock/core/zone-pack';

/**
 * Packs and deltas written from per-zone parts, byte for byte what core's `makePack` +
 * `encodePayload` (and `diffPacks`) write, without redoing per zone what is already done.
 *
 * Where a world build went (profile of one build of 92k zones, `--cpu-prof`): a third in the version's
 * canonical JSON of every zone, an eighth in compact-encoding and JSON-writing the zones, an eighth in
 * gzip level 9, a quarter in garbage collection of all that text, the rest in sorting and signing. A
 * part is that per-zone work done once: the zone's digest (of its canonical JSON) and its compact
 * JSON text. Parts are kept per (dataset, dataset version, zone id): within a process a dataset
 * version (content hash @ import time) always reads back as the same zones, so a zone of an unchanged
 * dataset needs nothing again, and a rebuild after a TFR starts or ends redoes only that dataset's
 * zones plus the cheap whole-pack steps (joining texts, hashing digests, signing, gzip).
 */
export interface Part {
  /** `zoneKey`: the pack's sort order. */
  key: string;
  dataset: string;
  id: string;
  /** `zoneDigest`: SHA-256 of the zone's canonical JSON, 16 bytes hex. */
  digest: string;
  source: string;
  licence: string;
  message: string | undefined;
  /** The compact zone's JSON (as `compactZones` writes it) up to, not including, its `,"s":…}`. */
  text: string;
}

/** A pack's zones of one dataset version: `key` names the dataset version, `ids` its zones in the pack. */
export interface PartGroup {
  key: string;
  ids: string[];
}

export interface PackHeadFields {
  id: string;
  datasets: Record<string, string>;
  cover: BBox[];
  countries: string[];
}

const TAIL = ',"s":0}';

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Strings repeated by thousands of zones (source, licence, OurAirports' message) held once. */
class Interner {
  private readonly seen = new Map<string, string>();
  of(s: string): string;
  of(s: string | undefined): string | undefined;
  of(s: string | undefined): string | undefined {
    if (s === undefined) return s;
    const hit = this.seen.get(s);
    if (hit !== undefined) return hit;
    if (this.seen.size < 100_000) this.seen.set(s, s);
    return s;
  }
}

/**
 * Parts by dataset version. Bounded by the loaded datasets, not by requests: one part per zone of a
 * dataset version still in the index (`prune` drops the others), whichever packs asked for it.
 */
export class PartStore {
  private readonly groups = new Map<string, Map<string, Part>>();
  private readonly strings = new Interner();

  /** The ids of each group not held yet. */
  missing(groups: readonly PartGroup[]): Array<{ group: number; ids: string[] }> {
    const out: Array<{ group: number; ids: string[] }> = [];
    groups.forEach((g, i) => {
      const held = this.groups.get(g.key);
      const ids = held ? g.ids.filter((id) => !held.has(id)) : g.ids;
      if (ids.length > 0) out.push({ group: i, ids });
    });
    return out;
  }

  add(groupKey: string, zones: readonly Zone[]): void {
    let held = this.groups.get(groupKey);
    if (!held) this.groups.set(groupKey, (held = new Map()));
    for (const zone of zones) held.set(zone.id, this.part(zone));
  }

  /** The parts of a pack, sorted by zone key (the pack's order). */
  parts(groups: readonly PartGroup[]): Part[] {
    const out: Part[] = [];
    for (const g of groups) {
      const held = this.groups.get(g.key);
      for (const id of g.ids) {
        const part = held?.get(id);
        if (!part) throw new Error(`zone ${id} of ${g.key} was not supplied`);
        out.push(part);
      }
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Keeps only the groups named (the dataset versions in the index now). */
  prune(live: readonly string[]): void {
    const keep = new Set(live);
    for (const key of this.groups.keys()) if (!keep.has(key)) this.groups.delete(key);
  }

  get size(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.size;
    return n;
  }

  private part(zone: Zone): Part {
    const z = packZone(zone);
    const text = JSON.stringify(compactZones([z]).zones[0]);
    // A single zone is its own set, so its compact form always ends with its set index 0.
    if (!text.endsWith(TAIL)) throw new Error(`unexpected compact zone text for ${z.id}`);
    return {
      key: zoneKey(z),
      dataset: this.strings.of(z.dataset),
      id: z.id,
      digest: sha(canonicalJson(z)).slice(0, 32),
      source: this.strings.of(z.source),
      licence: this.strings.of(z.licence),
      message: this.strings.of(z.message),
      text: text.slice(0, -TAIL.length),
    };
  }
}

/** `compactZones` over the parts' zones: the sets, and each zone's text with its set index. */
function compact(parts: readonly Part[]): { sets: ZoneSet[]; texts: string[] } {
  const sets: ZoneSet[] = [];
  const index = new Map<string, number>();
  const texts: string[] = [];
  for (const p of parts) {
    const k = JSON.stringify([p.dataset, p.source, p.licence]);
    let s = index.get(k);
    if (s === undefined) {
      s = sets.length;
      index.set(k, s);
      const { dataset, source, licence, message } = p;
      sets.push(message === undefined ? { dataset, source, licence } : { dataset, source, licence, message });
    }
    const own = p.message === sets[s].message ? '' : `,"message":${JSON.stringify(p.message ?? null)}`;
    texts.push(`${p.text},"s":${s}${own}}`);
  }
  return { sets, texts };
}

/** The version `makePack` gives these zones (see `packVersion`). */
export function versionOf(head: PackHeadFields, parts: readonly Part[]): string {
  return sha(
    packVersionText(
      head,
      parts.map((p) => p.digest),
    ),
  ).slice(0, 16);
}

/** `encodePayload` of the pack. */
export function encodePack(
  head: PackHeadFields,
  version: string,
  built: string,
  parts: readonly Part[],
): Buffer {
  const { sets, texts } = compact(parts);
  const start = JSON.stringify({
    format: PACK_FORMAT,
    kind: 'pack',
    id: head.id,
    version,
    built,
    datasets: head.datasets,
    cover: head.cover,
    countries: head.countries,
    sets,
  });
  return Buffer.from(`${start.slice(0, -1)},"zones":[${texts.join(',')}]}`, 'utf8');
}

/**
 * `encodePayload(diffPacks(old, next))` with `old` read back from its own payload (the server signed
 * it: no schema check). A zone of a dataset whose version both packs name is unchanged (see `Part`);
 * only the zones of changed datasets are compared, by digest, so a day of TFRs against the world pack
 * compares ~200 zones, not 92k.
 */
export function encodeDelta(
  oldPayload: Uint8Array,
  head: PackHeadFields,
  to: string,
  built: string,
  parts: readonly Part[],
): Buffer {
  const doc = JSON.parse(Buffer.from(oldPayload).toString('utf8')) as {
    version: string;
    datasets: Record<string, string>;
    sets: ZoneSet[];
    zones: Array<{ s: number; id: string }>;
  };
  const old = new Map<string, { s: number; id: string }>();
  for (const z of doc.zones) old.set(zoneKey({ dataset: doc.sets[z.s].dataset, id: z.id }), z);
  const added: Part[] = [];
  const changed: Part[] = [];
  const kept = new Set<string>();
  for (const p of parts) {
    kept.add(p.key);
    const was = old.get(p.key);
    if (was === undefined) added.push(p);
    else if (doc.datasets[p.dataset] !== head.datasets[p.dataset]) {
      const [zone] = expandZones(doc.sets, [was]);
      if (sha(canonicalJson(zone)).slice(0, 32) !== p.digest) changed.push(p);
    }
  }
  const removed: [string, string][] = [];
  for (const [key, z] of old) if (!kept.has(key)) removed.push([doc.sets[z.s].dataset, z.id]);
  const { sets, texts } = compact([...added, ...changed]);
  const start = JSON.stringify({
    format: PACK_FORMAT,
    kind: 'delta',
    id: head.id,
    from: doc.version,
    to,
    built,
    datasets: head.datasets,
    cover: head.cover,
    countries: head.countries,
    sets,
  });
  const addedText = texts.slice(0, added.length).join(',');
  const changedText = texts.slice(added.length).join(',');
  return Buffer.from(
    `${start.slice(0, -1)},"added":[${addedText}],"changed":[${changedText}],"removed":${JSON.stringify(removed)}}`,
    'utf8',
  );
}

/** The payload of a sealed pack (the bytes after the envelope). */
export function payloadOf(sealed: Uint8Array): Uint8Array {
  return sealed.subarray(ENVELOPE_OVERHEAD);
}
