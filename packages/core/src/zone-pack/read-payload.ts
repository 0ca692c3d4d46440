import type { BBox } from '../geofence/index.ts';
import { type Zone, zoneSchema } from '../zone/index.ts';
import { expandZones, type ZoneSet } from './compact-zones.ts';
import { ZonePackError } from './envelope.ts';
import { PACK_FORMAT, type ZonePack, type ZonePackDelta } from './pack-format.ts';

/**
 * A verified payload read into a pack or a delta. The signature says the server wrote it; this says
 * the device can use it (a newer server's format is refused, not half-read). Zones that do not fit
 * the model are counted in `skipped`, never silently dropped.
 */
export function readPayload(doc: unknown): { value: ZonePack | ZonePackDelta; skipped: number } {
  if (!isRecord(doc) || doc.format !== PACK_FORMAT) throw new ZonePackError(`not ${PACK_FORMAT}`);
  const head = {
    format: PACK_FORMAT,
    id: str(doc.id, 'id'),
    built: str(doc.built, 'built'),
    datasets: datasetsOf(doc.datasets),
    cover: coverOf(doc.cover),
    countries: strings(doc.countries, 'countries'),
  } as const;
  if (!Array.isArray(doc.sets)) throw new ZonePackError('sets is not a list');
  const sets = doc.sets as ZoneSet[];
  let skipped = 0;
  const zones = (value: unknown, name: string): Zone[] => {
    if (!Array.isArray(value)) throw new ZonePackError(`${name} is not a list`);
    const out: Zone[] = [];
    for (const z of expandZones(sets, value)) {
      const parsed = zoneSchema.safeParse(z);
      if (parsed.success) out.push(parsed.data as Zone);
      else skipped++;
    }
    return out;
  };
  if (doc.kind === 'pack') {
    return {
      value: {
        ...head,
        kind: 'pack',
        version: str(doc.version, 'version'),
        zones: zones(doc.zones, 'zones'),
      },
      skipped,
    };
  }
  if (doc.kind !== 'delta') throw new ZonePackError('kind is neither pack nor delta');
  if (
    !Array.isArray(doc.removed) ||
    !doc.removed.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'string'))
  ) {
    throw new ZonePackError('removed is not a list of [dataset, id]');
  }
  const value: ZonePackDelta = {
    ...head,
    kind: 'delta',
    from: str(doc.from, 'from'),
    to: str(doc.to, 'to'),
    added: zones(doc.added, 'added'),
    changed: zones(doc.changed, 'changed'),
    removed: doc.removed as [string, string][],
  };
  return { value, skipped };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function str(v: unknown, name: string): string {
  if (typeof v !== 'string' || v.length === 0) throw new ZonePackError(`${name} is not a string`);
  return v;
}

function strings(v: unknown, name: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new ZonePackError(`${name} is not a list of strings`);
  return v as string[];
}

function datasetsOf(v: unknown): Record<string, string> {
  if (!isRecord(v) || !Object.values(v).every((x) => typeof x === 'string'))
    throw new ZonePackError('datasets is not a map');
  return v as Record<string, string>;
}

function coverOf(v: unknown): BBox[] {
  const ok =
    Array.isArray(v) &&
    v.length > 0 &&
    v.every(
      (b) =>
        Array.isArray(b) && b.length === 4 && b.every((x) => typeof x === 'number' && Number.isFinite(x)),
    );
  if (!ok) throw new ZonePackError('cover is not a list of [w, s, e, n]');
  return v as BBox[];
}
