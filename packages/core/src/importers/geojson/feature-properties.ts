import { z } from 'zod';
import {
  altitudeLimitSchema,
  circleSchema,
  multiPolygonSchema,
  polygonSchema,
  zoneSchema,
} from '../../zone/index.ts';

/** Validates the properties zoneToFeature writes; unknown keys (distance_m ...) are dropped. */
export const zoneFeaturePropertiesSchema = zoneSchema.omit({ volumes: true }).extend({
  lower: altitudeLimitSchema,
  upper: altitudeLimitSchema,
  volumes: zoneSchema.shape.volumes.optional(),
  circle: circleSchema.omit({ type: true }).optional(),
});

/** A GeoJSON area geometry: what a Feature must carry unless its volumes are in properties. */
export const areaGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);

/** "properties.category: Invalid option ..." for the first problem zod found. */
export function describeZodError(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
  return `${path}: ${issue.message}`;
}
