import {
  type CircleGeometry,
  circleSchema,
  type MultiPolygonGeometry,
  multiPolygonSchema,
  type PolygonGeometry,
  polygonSchema,
} from '../../zone/index.ts';
import { checkField, FieldError } from './field-error.ts';
import { parseNumber } from './limits.ts';

/**
 * A GeoJSON-order ([lon, lat]) polygon; unclosed rings are closed, a harmless and common slip.
 * `field` names the object holding `coordinates`, so errors read "….coordinates[0][3][1]".
 */
export function toPolygon(coordinates: unknown, field: string): PolygonGeometry {
  const rings = Array.isArray(coordinates) ? coordinates.map(closeRing) : coordinates;
  return checkField(polygonSchema, { type: 'Polygon', coordinates: rings }, field) as PolygonGeometry;
}

export function toMultiPolygon(coordinates: unknown, field: string): MultiPolygonGeometry {
  const polygons = Array.isArray(coordinates)
    ? coordinates.map((p) => (Array.isArray(p) ? p.map(closeRing) : p))
    : coordinates;
  const geometry = { type: 'MultiPolygon', coordinates: polygons };
  return checkField(multiPolygonSchema, geometry, field) as MultiPolygonGeometry;
}

/**
 * A circle kept as a circle. The ED-269 model comment says the centre is "lat, lng" but every
 * published sample writes GeoJSON [lon, lat], and so does ED-318; we follow the data.
 */
export function toCircle(
  center: unknown,
  radius: unknown,
  fields: { center: string; radius: string },
): CircleGeometry {
  const radiusM = parseNumber(radius, fields.radius);
  if (radiusM === null || !circleSchema.shape.radius_m.safeParse(radiusM).success) {
    throw new FieldError(fields.radius, radius, 'is not a radius in metres (0 < r <= 2,000,000)');
  }
  const lonLat = Array.isArray(center) ? center.slice(0, 2) : center;
  return {
    type: 'Circle',
    center: checkField(circleSchema.shape.center, lonLat, fields.center),
    radius_m: radiusM,
  };
}

function closeRing(ring: unknown): unknown {
  if (!Array.isArray(ring) || ring.length < 3) return ring;
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!Array.isArray(first) || !Array.isArray(last)) return ring;
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}
