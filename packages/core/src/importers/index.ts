export { ImportCollector, ImportError, countByCategory, describeIssue } from './result.ts';
export type { ImportIssue, ImportOptions, ImportResult } from './result.ts';
export { ZONE_FORMATS, detectZoneFormat, importZones } from './import-zones.ts';
export type { SourceFile, ZoneFormat } from './import-zones.ts';
export * from './openair/index.ts';
export * from './ed269/index.ts';
export * from './ed318/index.ts';
export * from './geojson/index.ts';
export * from './ourairports/index.ts';
