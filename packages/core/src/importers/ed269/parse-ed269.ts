import { zoneSchema } from '../../zone/index.ts';
import { asRecord, checkField, createIdAllocator, FieldError } from '../eurocae/index.ts';
import { parseJsonText } from '../geojson/index.ts';
import { ImportCollector, ImportError, type ImportOptions, type ImportResult } from '../result.ts';
import { identifierOf, mapZoneVersion } from './zone-version.ts';

const PROGRESS_EVERY = 500;

/**
 * Reads an EUROCAE ED-269 UAS geo-zone file: `{ title?, description?, features: [UASZoneVersion] }`
 * or the national variant `{ formatVersion, createdAt, UASZoneList: [...] }`. Pure: text in, zones out.
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

function zoneVersionsOf(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  const d = asRecord(doc);
  if (d?.type === 'FeatureCollection') {
    throw new ImportError({
      reason: 'this is a GeoJSON FeatureCollection (ED-318?), not an ED-269 document',
    });
  }
  if (Array.isArray(d?.features)) return d.features;
  if (Array.isArray(d?.UASZoneList)) return d.UASZoneList;
  throw new ImportError({ reason: 'ED-269 document has neither a features nor a UASZoneList array' });
}
