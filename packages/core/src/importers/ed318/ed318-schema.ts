import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import geometries from './schema/Schema_GeoJSONGeometries.json' with { type: 'json' };
import authority from './schema/Schema_GeoZoneAuthority.json' with { type: 'json' };
import metadata from './schema/Schema_GeoZoneCollectionMetadata.json' with { type: 'json' };
import dataTypes from './schema/Schema_GeoZoneDataTypes.json' with { type: 'json' };
import properties from './schema/Schema_GeoZoneProperties.json' with { type: 'json' };
import geoZones from './schema/Schema_GeoZones.json' with { type: 'json' };
import timePeriod from './schema/Schema_GeoZoneTimePeriod.json' with { type: 'json' };
import layered from './schema/Schema_LayeredGeoJSON.json' with { type: 'json' };

// ajv-formats is CommonJS: its default import is the module object under some loaders.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

/** The published schema's files by name; their `$ref`s ("./Schema_X.json") resolve against this base. */
const BASE = 'https://ed318.eurocae.invalid/schema/';
const SCHEMAS: Record<string, object> = {
  'Schema_GeoZoneAuthority.json': authority,
  'Schema_GeoZoneCollectionMetadata.json': metadata,
  'Schema_GeoZoneDataTypes.json': dataTypes,
  'Schema_GeoZoneProperties.json': properties,
  'Schema_GeoZoneTimePeriod.json': timePeriod,
  'Schema_GeoZones.json': geoZones,
  'Schema_GeoJSONGeometries.json': geometries,
  'Schema_LayeredGeoJSON.json': layered,
};

/** One schema violation: where in the document (RFC 6901 JSON pointer) and what is wrong. */
export interface SchemaViolation {
  pointer: string;
  message: string;
}

let compiled: { collection: ValidateFunction; feature: ValidateFunction } | undefined;

/**
 * Compiles the ED-318 schema once, on first use: ajv turns it into one JavaScript function (tens of
 * ms once the modules are loaded, ~0.4 s cold on a shared machine), after which each document is checked
 * in one pass. Only strict imports pay for it, once per process.
 */
function validators() {
  if (compiled) return compiled;
  // strict: false — the published schema uses keywords ajv's strict mode rejects (e.g. a format
  // named "DateTimeType"); allErrors so an operator sees every violation at once.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('DateTimeType', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
  for (const [name, schema] of Object.entries(SCHEMAS)) ajv.addSchema({ ...schema, $id: BASE + name });
  const collection = ajv.getSchema(`${BASE}Schema_GeoZones.json`)!;
  const feature = ajv.compile({ $ref: `${BASE}Schema_GeoZones.json#/properties/features/items` });
  compiled = { collection, feature };
  return compiled;
}

/** Every violation of the ED-318 schema in `doc` (a FeatureCollection, or one Feature), in document order. */
export function ed318SchemaViolations(doc: unknown): SchemaViolation[] {
  const { collection, feature } = validators();
  const isFeature = (doc as { type?: unknown } | null)?.type === 'Feature';
  const validate = isFeature ? feature : collection;
  if (validate(doc)) return [];
  return dedupe(validate.errors ?? []);
}

/**
 * `"properties": {"oneOf": [null, {...}]}` reports "must be null" and "must match exactly one schema"
 * beside the real fault inside the object: those two are dropped when a deeper violation explains
 * them, and the same pointer and message are listed once.
 */
function dedupe(errors: readonly ErrorObject[]): SchemaViolation[] {
  const isBranchNoise = (e: ErrorObject) =>
    e.keyword === 'oneOf' || e.keyword === 'anyOf' || (e.keyword === 'type' && e.params.type === 'null');
  const explained = (e: ErrorObject) =>
    errors.some((o) => o !== e && !isBranchNoise(o) && o.instancePath.startsWith(e.instancePath));
  const seen = new Set<string>();
  const out: SchemaViolation[] = [];
  for (const e of errors) {
    if (isBranchNoise(e) && explained(e)) continue;
    const pointer = e.instancePath || '/';
    const message = `${e.message ?? e.keyword}${detail(e)}`;
    const key = `${pointer} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, message });
  }
  return out;
}

function detail(e: ErrorObject): string {
  if (e.keyword === 'enum') return ` (${(e.params.allowedValues as unknown[]).join(', ')})`;
  if (e.keyword === 'additionalProperties') return ` ("${e.params.additionalProperty}")`;
  return '';
}
