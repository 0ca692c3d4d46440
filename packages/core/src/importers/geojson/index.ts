export { readAnswerZones } from './answer-zones.ts';
export { zoneFeatureSchema } from './feature-properties.ts';
export { parseJsonText } from './parse-json.ts';
export { parseGeoJSONZones } from './read-geojson.ts';
export type { ZoneFeature, ZoneFeatureCollection, ZoneFeatureProperties } from './types.ts';
export { zonesToGeoJSON, zoneToFeature } from './write-geojson.ts';
