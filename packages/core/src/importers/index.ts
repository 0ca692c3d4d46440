export * from './ed269/index.ts';
export * from './ed318/index.ts';
export * from './geojson/index.ts';
export type { SourceFile, ZoneFormat } from './import-zones.ts';
export { detectZoneFormat, importZones, ZONE_FORMATS } from './import-zones.ts';
export * from './openair/index.ts';
export * from './ourairports/index.ts';
export type { ImportIssue, ImportOptions, ImportResult } from './result.ts';
export { countByCategory, describeIssue, ImportCollector, ImportError } from './result.ts';
