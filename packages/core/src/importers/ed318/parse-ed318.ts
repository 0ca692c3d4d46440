import { type Zone, zoneSchema } from '../../zone/index.ts';
import { asRecord, checkField, createIdAllocator, ellipsoidalPaths, FieldError } from '../eurocae/index.ts';
import { parseJsonText } from '../geojson/index.ts';
import { ImportCollector, ImportError, type ImportOptions, type ImportResult } from '../result.ts';
import { ed318SchemaViolations } from './ed318-schema.ts';
import { identifierOf, type MappedGeoZone, mapGeoZone } from './geo-zone.ts';
import { sameZoneKey } from './same-zone-key.ts';

const PROGRESS_EVERY = 500;

interface Pending {
  mapped: MappedGeoZone;
  key: string;
  /** 1-based number of the zone's first feature, for issues. */
  feature: number;
}

/**
 * Reads an EUROCAE ED-318 GeoZone collection (a GeoJSON FeatureCollection with `metadata`, layered
 * geometries and ED-318 properties). Pure: text in, zones out. Features that repeat an identifier
 * with the same properties are layers of one zone and become one zone with several volumes; a
 * repeat with different properties is a different zone and gets a suffixed id (`~2`). In strict mode
 * the document must also satisfy the published ED-318 JSON schema (`schema/`), every violation named
 * by its JSON pointer.
 *
 * @example
 * const { zones } = parseEd318(readFileSync('geozones.json', 'utf8'), { dataset: 'fr-ed318' });
 */
export function parseEd318(text: string, options: ImportOptions): ImportResult {
  const doc = parseJsonText(text);
  if (options.strict) refuseSchemaViolations(doc);
  const features = featuresOf(doc);
  const collector = new ImportCollector(options);
  const pending: Pending[] = [];
  const byIdentifier = new Map<string, Pending[]>();
  features.forEach((raw, i) => {
    try {
      const mapped = mapGeoZone(raw, options.dataset);
      const key = sameZoneKey(mapped.zone);
      const same = byIdentifier.get(mapped.identifier) ?? [];
      const layerOf = same.find((p) => p.key === key);
      if (layerOf) layerOf.mapped.volumes.push(...mapped.volumes);
      else {
        const entry = { mapped, key, feature: i + 1 };
        pending.push(entry);
        byIdentifier.set(mapped.identifier, [...same, entry]);
      }
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      collector.skip({ feature: i + 1, record: identifierOf(raw), reason: error.message });
    }
    if ((i + 1) % PROGRESS_EVERY === 0) collector.progress(i + 1, features.length);
  });
  const allocateId = createIdAllocator(options.dataset);
  for (const { mapped, feature } of pending) {
    try {
      collector.add(assemble(mapped, allocateId(mapped.identifier)));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      collector.skip({ feature, record: mapped.identifier, reason: error.message });
    }
  }
  collector.progress(features.length, features.length);
  return collector.result();
}

function assemble({ zone: fields, volumes }: MappedGeoZone, id: string): Zone {
  const properties = { ...fields.properties };
  const ellipsoidal = ellipsoidalPaths(volumes);
  if (ellipsoidal.length > 0) properties.ellipsoidalLimits = ellipsoidal;
  const zone: Zone = { id, ...fields, volumes: volumes.map((v) => v.volume), properties };
  checkField(zoneSchema, zone, 'zone');
  return zone;
}

function featuresOf(doc: unknown): unknown[] {
  const d = asRecord(doc);
  if (d && Array.isArray(d.UASZoneList)) {
    throw new ImportError({ reason: 'this is an ED-269 UASZoneList, not an ED-318 FeatureCollection' });
  }
  if (d?.type === 'Feature') return [d];
  if (!d || !Array.isArray(d.features)) {
    throw new ImportError({ reason: 'ED-318 document is not a FeatureCollection with a features array' });
  }
  return d.features;
}

/** Strict mode: the whole document against the ED-318 schema; the first 20 violations, by pointer. */
function refuseSchemaViolations(doc: unknown): void {
  const violations = ed318SchemaViolations(doc);
  if (violations.length === 0) return;
  const first = /^\/features\/(\d+)/.exec(violations[0].pointer);
  const shown = violations.slice(0, 20).map((v) => `${v.pointer} ${v.message}`);
  const more = violations.length > 20 ? `; and ${violations.length - 20} more` : '';
  const index = first ? Number(first[1]) : undefined;
  const record = index === undefined ? undefined : identifierOf(asRecord(doc)?.features?.[index as never]);
  throw new ImportError({
    ...(index === undefined ? {} : { feature: index + 1, record }),
    reason: `not valid ED-318 (${violations.length} schema violation${violations.length > 1 ? 's' : ''}): ${shown.join('; ')}${more}`,
  });
}
