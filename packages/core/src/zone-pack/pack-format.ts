import type { BBox } from '../geofence/index.ts';
import type { Zone } from '../zone/index.ts';
import { packZone } from './compact-zones.ts';
import { hex } from './envelope.ts';

export const PACK_FORMAT = 'airlock-zone-pack/1';

/** What every pack and delta says about itself. */
interface PackHead {
  format: typeof PACK_FORMAT;
  id: string;
  /** When the server built this version (ISO 8601): the same for every copy of it. */
  built: string;
  /** Dataset id → version (content hash) the zones come from. */
  datasets: Record<string, string>;
  /** The ground the pack is complete for: every zone meeting these boxes is in it. */
  cover: BBox[];
  /** Countries of the pack's zones, for the radio rules (none for the world pack). */
  countries: string[];
}

/** A whole region's zones at one version. */
export interface ZonePack extends PackHead {
  kind: 'pack';
  /** A digest of the content: equal versions, equal zones. */
  version: string;
  /** Sorted by `zoneKey`, so one version has one encoding. */
  zones: Zone[];
}

/** From one version of a pack to the next: what a device holding `from` needs to hold `to`. */
export interface ZonePackDelta extends PackHead {
  kind: 'delta';
  from: string;
  to: string;
  added: Zone[];
  changed: Zone[];
  /** [dataset, id] of each zone gone. */
  removed: [string, string][];
}

/** A zone's identity across versions: ids are unique within their dataset. */
export function zoneKey(zone: Pick<Zone, 'dataset' | 'id'>): string {
  return JSON.stringify([zone.dataset, zone.id]);
}

export function byZoneKey(a: Zone, b: Zone): number {
  const ka = zoneKey(a);
  const kb = zoneKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** JSON with every object's keys sorted: equal values, equal text, whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A zone's digest inside a pack version: SHA-256 of its canonical JSON, first 16 bytes, hex. The
 * version is built from these rather than from one text of every zone, so a server can keep each
 * zone's digest and version a rebuilt world pack without writing 50 MB of canonical JSON again.
 */
export async function zoneDigest(zone: Zone): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(zone)));
  return hex(new Uint8Array(digest).subarray(0, 16));
}

/** What a version hashes: the head's canonical JSON with the zones' digests in pack order. */
export function packVersionText(
  head: Pick<ZonePack, 'id' | 'datasets' | 'cover' | 'countries'>,
  zoneDigests: readonly string[],
): string {
  return canonicalJson([head.id, head.datasets, head.cover, head.countries, zoneDigests]);
}

/**
 * The version of a content: SHA-256 (Web Crypto) over `packVersionText` (everything but the build
 * time, each zone by its `zoneDigest`), first 16 hex digits. Equal versions, equal zones; two servers
 * with the same datasets give the same version.
 */
export async function packVersion(content: Omit<ZonePack, 'kind' | 'version' | 'built'>): Promise<string> {
  const digests = await Promise.all(content.zones.map(zoneDigest));
  const text = packVersionText(content, digests);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return hex(new Uint8Array(digest).subarray(0, 8));
}

/** Builds a pack from its zones in any order. */
export async function makePack(head: Omit<PackHead, 'format'>, zones: readonly Zone[]): Promise<ZonePack> {
  const sorted = zones.map(packZone).sort(byZoneKey);
  const content = {
    format: PACK_FORMAT,
    id: head.id,
    datasets: head.datasets,
    cover: head.cover,
    countries: head.countries,
    zones: sorted,
  } as const;
  return { ...content, kind: 'pack', built: head.built, version: await packVersion(content) };
}
