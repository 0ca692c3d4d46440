import * as z from 'zod/mini';
import {
  altitudeLimitSchema,
  circleSchema,
  multiPolygonSchema,
  polygonSchema,
  zoneSchema,
} from '../../zone/index.ts';

/** Validates the properties zoneToFeature writes; unknown keys (distance_m ...) are dropped. */
export const zoneFeaturePropertiesSchema = z.extend(z.omit(zoneSchema, { volumes: true }), {
  lower: altitudeLimitSchema,
  upper: altitudeLimitSchema,
  volumes: z.optional(zoneSchema.shape.volumes),
  circle: z.optional(z.omit(circleSchema, { type: true })),
});

/** A GeoJSON area geometry: what a Feature must carry unless its volumes are in properties. */
export const areaGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);

/**
 * A zone Feature as zoneToFeature writes it: what an API answer's features are, documented once.
 * @example
 * const doc = z.toJSONSchema(zoneFeatureSchema); // the items of /v1/zones and location answers
 */
export const zoneFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: areaGeometrySchema,
  properties: zoneFeaturePropertiesSchema,
});

/** "properties.category: Invalid option ..." for the first problem zod found. */
export function describeZodError(error: z.core.$ZodError, prefix: string): string {
  const issue = error.issues[0];
  const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
  return `${path}: ${issue.message}`;
}
