import { safeParseEnglish } from '../../schema/index.ts';
import { SURFACE, UNLIMITED, type Zone, type ZoneGeometry, zoneSchema } from '../../zone/index.ts';
import { ImportCollector, ImportError, type ImportOptions, type ImportResult } from '../result.ts';
import { areaGeometrySchema, describeZodError, zoneFeaturePropertiesSchema } from './feature-properties.ts';
import { asRecord, parseJsonText } from './parse-json.ts';

/** A feature that cannot become a zone; the message names the bad field. */
class BadFeature extends Error {}

/**
 * Reads Airlock's GeoJSON interchange (what zonesToGeoJSON writes) back into zones, exactly: circles
 * and multi-volume zones are restored from properties. Plain GeoJSON without our properties also
 * imports: each Polygon/MultiPolygon Feature becomes a 'warning' zone named by properties.name, from
 * the surface up, unlimited. Zones keep their ids when re-imported into the dataset they came from;
 * into another dataset their ids are prefixed with it, so ids stay unique and traceable.
 *
 * @example
 * const { zones, issues } = parseGeoJSONZones(text, { dataset: 'my-zones' });
 */
export function parseGeoJSONZones(text: string, options: ImportOptions): ImportResult {
  const features = featuresOf(parseJsonText(text));
  const collector = new ImportCollector(options);
  const used = new Set<string>();
  features.forEach((raw, i) => {
    const record = recordOf(raw);
    try {
      const zone = toZone(raw, i + 1, options.dataset);
      zone.id = uniqueId(used, zone.id);
      const checked = safeParseEnglish(zoneSchema, zone);
      if (!checked.success) throw new BadFeature(describeZodError(checked.error, 'zone'));
      collector.add(zone);
    } catch (error) {
      if (!(error instanceof BadFeature)) throw error;
      collector.skip({ feature: i + 1, record, reason: error.message });
    }
    if ((i + 1) % 500 === 0) collector.progress(i + 1, features.length);
  });
  collector.progress(features.length, features.length);
  return collector.result();
}

function toZone(raw: unknown, feature: number, dataset: string): Zone {
  const f = asRecord(raw);
  if (!f) throw new BadFeature('feature is not an object');
  const props = asRecord(f.properties) ?? {};
  return 'category' in props && 'id' in props
    ? ourZone(f, props, dataset)
    : plainZone(f, props, feature, dataset);
}

function ourZone(f: Record<string, unknown>, props: Record<string, unknown>, dataset: string): Zone {
  const parsed = safeParseEnglish(zoneFeaturePropertiesSchema, props);
  if (!parsed.success) throw new BadFeature(describeZodError(parsed.error, 'properties'));
  const { lower, upper, volumes, circle, ...fields } = parsed.data;
  const geometry = (): ZoneGeometry => (circle ? { type: 'Circle', ...circle } : areaOf(f.geometry));
  return {
    ...fields,
    id: fields.dataset === dataset ? fields.id : `${dataset}:${fields.id}`,
    dataset,
    // The Feature geometry of a multi-volume zone is only a footprint; the exact volumes are here.
    volumes: volumes ?? [{ geometry: geometry(), lower, upper }],
  };
}

function plainZone(
  f: Record<string, unknown>,
  props: Record<string, unknown>,
  n: number,
  dataset: string,
): Zone {
  const own = typeof f.id === 'string' || typeof f.id === 'number' ? String(f.id) : `feature-${n}`;
  const zone: Zone = {
    id: `${dataset}:${own}`,
    name: typeof props.name === 'string' ? props.name : '',
    country: null,
    category: 'warning',
    reasons: [],
    volumes: [{ geometry: areaOf(f.geometry), lower: SURFACE, upper: UNLIMITED }],
    applicability: [],
    source: 'geojson',
    licence: '',
    dataset,
  };
  if (Object.keys(props).length > 0) zone.properties = props;
  return zone;
}

function areaOf(geometry: unknown): ZoneGeometry {
  const parsed = safeParseEnglish(areaGeometrySchema, geometry);
  if (parsed.success) return parsed.data as ZoneGeometry;
  const type = asRecord(geometry)?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    throw new BadFeature(`geometry type ${JSON.stringify(type ?? null)} is not Polygon or MultiPolygon`);
  }
  throw new BadFeature(describeZodError(parsed.error, 'geometry'));
}

function featuresOf(doc: unknown): unknown[] {
  const d = asRecord(doc);
  if (d?.type === 'Feature') return [d];
  if (!d || !Array.isArray(d.features)) {
    throw new ImportError({ reason: 'GeoJSON document is not a FeatureCollection with a features array' });
  }
  return d.features;
}

function recordOf(raw: unknown): string | undefined {
  const props = asRecord(asRecord(raw)?.properties);
  const name = props?.id ?? props?.name;
  return typeof name === 'string' ? name : undefined;
}

/** The same id twice in one file would break "unique within its dataset": later ones get `~2`, `~3`. */
function uniqueId(used: Set<string>, id: string): string {
  let unique = id;
  for (let n = 2; used.has(unique); n++) unique = `${id}~${n}`;
  used.add(unique);
  return unique;
}
