import { zoneSchema } from '../../zone/index.ts';
import { asRecord, checkField, createIdAllocator, FieldError } from '../eurocae/index.ts';
import { parseJsonText } from '../geojson/index.ts';
import { ImportCollector, ImportError, type ImportOptions, type ImportResult } from '../result.ts';
import { identifierOf, mapZoneVersion } from './zone-version.ts';

const PROGRESS_EVERY = 500;

/**
 * Reads an EUROCAE ED-269 UAS geo-zone file: `{ title?, description?, features: [UASZoneVersion] }`,
 * the national variant `{ formatVersion, createdAt, UASZoneList: [...] }`, EUROCONTROL's
 * `{ uas_zones: [...] }`, a bare array, or any wrapper holding one array of zone versions.
 * Pure: text in, zones out.
 * Bad zones are skipped with their 1-based feature number (or thrown in strict mode); a file that is
 * not JSON or has neither list throws ImportError.
 *
 * @example
 * const { zones, issues } = parseEd269(readFileSync('che.json', 'utf8'), { dataset: 'ch-ed269' });
 */
export function parseEd269(text: string, options: ImportOptions): ImportResult {
  const versions = zoneVersionsOf(parseJsonText(text));
  const collector = new ImportCollector(options);
  const allocateId = createIdAllocator(options.dataset);
  versions.forEach((raw, i) => {
    try {
      const { identifier, zone: fields } = mapZoneVersion(raw, options.dataset);
      const zone = { id: allocateId(identifier), ...fields };
      checkField(zoneSchema, zone, 'zone');
      collector.add(zone);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      collector.skip({ feature: i + 1, record: identifierOf(raw), reason: error.message });
    }
    if ((i + 1) % PROGRESS_EVERY === 0) collector.progress(i + 1, versions.length);
  });
  collector.progress(versions.length, versions.length);
  return collector.result();
}

/**
 * The wrappers national feeds put around the list of UASZoneVersions, compared without case and
 * underscores: the standard's `features`, `UASZoneList` (national variant), `uas_zones`
 * (EUROCONTROL's published example), `UASZones`, `zones`, `UASZoneVersions`.
 */
const LIST_KEYS = new Set([
  'features',
  'uaszonelist',
  'uaszones',
  'zones',
  'uaszoneversions',
  'uaszoneversion',
]);

function zoneVersionsOf(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  const d = asRecord(doc);
  if (d?.type === 'FeatureCollection') {
    throw new ImportError({
      reason: 'this is a GeoJSON FeatureCollection (ED-318?), not an ED-269 document',
    });
  }
  const arrays = Object.entries(d ?? {}).filter((e): e is [string, unknown[]] => Array.isArray(e[1]));
  const named = arrays.find(([key]) => LIST_KEYS.has(key.toLowerCase().replace(/[_-]/g, '')));
  if (named) return named[1];
  // Any other wrapper: the one array whose first item looks like a UASZoneVersion.
  const looksLikeZones = arrays.filter(([, list]) => {
    const first = asRecord(list[0]);
    return first !== undefined && 'geometry' in first && ('identifier' in first || 'name' in first);
  });
  if (looksLikeZones.length === 1) return looksLikeZones[0][1];
  const found = arrays.length > 0 ? `; its arrays are ${arrays.map(([k]) => `"${k}"`).join(', ')}` : '';
  throw new ImportError({
    reason: `ED-269 document has no list of zones: expected a bare array or features, UASZoneList or uas_zones${found}`,
  });
}
