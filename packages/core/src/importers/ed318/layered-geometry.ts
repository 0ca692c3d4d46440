import type { ZoneGeometry } from '../../zone/index.ts';
import {
  asRecord,
  type BuiltVolume,
  buildVolume,
  FieldError,
  parseLimit,
  parseUnit,
  toCircle,
  toMultiPolygon,
  toPolygon,
} from '../eurocae/index.ts';

/**
 * An ED-318 LayeredGeoJSON geometry to volumes: a GeometryCollection gives one volume per member
 * (each member's `layer`, else the collection's); Polygon and MultiPolygon one each; a Point is an
 * area only with `extent: { subType: 'Circle', radius }`. A missing layer means surface to unlimited,
 * the reading that never under-reports a zone.
 */
export function parseLayeredGeometry(raw: unknown): BuiltVolume[] {
  const g = asRecord(raw);
  if (!g) throw new FieldError('geometry', raw, 'is not an object');
  if (g.type !== 'GeometryCollection') return [parseMember(g, g.layer, 'geometry')];
  if (!Array.isArray(g.geometries) || g.geometries.length === 0) {
    throw new FieldError('geometry.geometries', g.geometries, 'is not a non-empty array');
  }
  return g.geometries.map((member, i) => {
    const where = `geometry.geometries[${i}]`;
    const m = asRecord(member);
    if (!m) throw new FieldError(where, member, 'is not an object');
    return parseMember(m, m.layer ?? g.layer, where);
  });
}

function parseMember(g: Record<string, unknown>, rawLayer: unknown, where: string): BuiltVolume {
  const geometry = parseShape(g, where);
  const layer = rawLayer == null ? {} : asRecord(rawLayer);
  const layerField = g.layer != null ? `${where}.layer` : 'geometry.layer';
  if (!layer) throw new FieldError(layerField, rawLayer, 'is not an object');
  const unit = parseUnit(layer.uom, `${layerField}.uom`);
  const lower = parseLimit(layer.lower, layer.lowerReference, unit, 'lower', {
    value: `${layerField}.lower`,
    reference: `${layerField}.lowerReference`,
  });
  const upper = parseLimit(layer.upper, layer.upperReference, unit, 'upper', {
    value: `${layerField}.upper`,
    reference: `${layerField}.upperReference`,
  });
  return buildVolume(geometry, lower, upper, `${layerField}.upper`);
}

function parseShape(g: Record<string, unknown>, where: string): ZoneGeometry {
  switch (g.type) {
    case 'Polygon':
      return toPolygon(g.coordinates, where);
    case 'MultiPolygon':
      return toMultiPolygon(g.coordinates, where);
    case 'Point': {
      const extent = asRecord(g.extent);
      if (extent?.subType !== 'Circle') {
        throw new FieldError(
          `${where}.extent`,
          g.extent,
          'must be { subType: "Circle", radius } for a Point zone',
        );
      }
      return toCircle(g.coordinates, extent.radius, {
        center: `${where}.coordinates`,
        radius: `${where}.extent.radius`,
      });
    }
    default:
      throw new FieldError(
        `${where}.type`,
        g.type,
        'is not Polygon, MultiPolygon, Point (circle) or GeometryCollection',
      );
  }
}
