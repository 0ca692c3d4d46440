import type { Zone } from '../zone/index.ts';
import {
  byZoneKey,
  canonicalJson,
  PACK_FORMAT,
  type ZonePack,
  type ZonePackDelta,
  zoneKey,
} from './pack-format.ts';

/**
 * What changed from `old` to `next` (two versions of one pack): zones added, zones whose content
 * changed (sent whole: a zone is small next to the pack), and the keys of zones gone. A temporary
 * restriction published or lifted is one zone added or removed: a delta of about its own size.
 */
export function diffPacks(old: ZonePack, next: ZonePack): ZonePackDelta {
  if (old.id !== next.id) throw new RangeError(`diffPacks: ${old.id} and ${next.id} are different packs`);
  const before = new Map(old.zones.map((z) => [zoneKey(z), canonicalJson(z)]));
  const added: Zone[] = [];
  const changed: Zone[] = [];
  const kept = new Set<string>();
  for (const zone of next.zones) {
    const key = zoneKey(zone);
    kept.add(key);
    const was = before.get(key);
    if (was === undefined) added.push(zone);
    else if (was !== canonicalJson(zone)) changed.push(zone);
  }
  const removed = old.zones
    .filter((z) => !kept.has(zoneKey(z)))
    .map((z): [string, string] => [z.dataset, z.id]);
  return {
    format: PACK_FORMAT,
    kind: 'delta',
    id: next.id,
    from: old.version,
    to: next.version,
    built: next.built,
    datasets: next.datasets,
    cover: next.cover,
    countries: next.countries,
    added,
    changed,
    removed,
  };
}

/** `pack` moved to the delta's version: the same pack the server holds for `to`. */
export function applyDelta(pack: ZonePack, delta: ZonePackDelta): ZonePack {
  if (delta.id !== pack.id || delta.from !== pack.version) {
    throw new RangeError(
      `the delta goes from ${delta.id}@${delta.from}, not from ${pack.id}@${pack.version}`,
    );
  }
  const zones = new Map(pack.zones.map((z) => [zoneKey(z), z]));
  for (const [dataset, id] of delta.removed) zones.delete(zoneKey({ dataset, id }));
  for (const zone of [...delta.changed, ...delta.added]) zones.set(zoneKey(zone), zone);
  return {
    format: PACK_FORMAT,
    kind: 'pack',
    id: pack.id,
    built: delta.built,
    datasets: delta.datasets,
    cover: delta.cover,
    countries: delta.countries,
    version: delta.to,
    zones: [...zones.values()].sort(byZoneKey),
  };
}
