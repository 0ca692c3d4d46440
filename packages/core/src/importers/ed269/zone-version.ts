import type { Zone } from '../../zone/index.ts';
import {
  type BuiltVolume,
  buildVolume,
  categoryFor,
  ellipsoidalPaths,
  FieldError,
  isTemporary,
  mapReasons,
  parseApplicability,
  parseAuthorities,
  parseLimit,
  parseRestriction,
  parseUnit,
  toAlpha2,
  toCircle,
  toMultiPolygon,
  toPolygon,
} from '../eurocae/index.ts';

/** UASZoneVersion fields kept verbatim in zone.properties (ED-269 §4). */
const KEPT = [
  'otherReasonInfo',
  'restrictionConditions',
  'region',
  'regulationExemption',
  'uSpaceClass',
] as const;

/** A zone without its id: ids are handed out by the caller once the record is known to be good. */
export type ZoneWithoutId = Omit<Zone, 'id'>;

/** One UASZoneVersion to the zone model; throws FieldError naming the first bad field. */
export function mapZoneVersion(raw: unknown, dataset: string): { identifier: string; zone: ZoneWithoutId } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new FieldError('feature', raw, 'is not an object');
  }
  const f = raw as Record<string, unknown>;
  const identifier = identifierOf(f);
  if (identifier === undefined) throw new FieldError('identifier', f.identifier, 'is required');
  const restriction = parseRestriction(f.restriction, 'restriction', false);
  const { applicability } = parseApplicability(f.applicability, 'applicability');
  const temporary = isTemporary(applicability);
  const { reasons, unknown } = mapReasons(f.reason);
  const { authority } = parseAuthorities(f.zoneAuthority, 'zoneAuthority');
  const built = parseGeometries(f.geometry);
  const country = toAlpha2(f.country);

  const properties: Record<string, unknown> = { identifier, restriction: f.restriction };
  if (f.type != null) properties.variant = f.type;
  for (const key of KEPT) if (f[key] != null) properties[key] = f[key];
  if (f.extendedProperties != null) properties.extendedProperties = f.extendedProperties;
  if (temporary) properties.temporary = true;
  if (unknown.length > 0) properties.unknownReasons = unknown;
  if (country === null && f.country != null) properties.sourceCountry = f.country;
  const ellipsoidal = ellipsoidalPaths(built);
  if (ellipsoidal.length > 0) properties.ellipsoidalLimits = ellipsoidal;

  const zone: ZoneWithoutId = {
    name: typeof f.name === 'string' && f.name.trim() !== '' ? f.name : identifier,
    country,
    category: categoryFor(restriction, temporary),
    reasons,
    volumes: built.map((b) => b.volume),
    applicability,
    source: 'ed269',
    licence: '',
    dataset,
    properties,
  };
  if (authority.length > 0) zone.authority = authority;
  if (typeof f.message === 'string' && f.message !== '') zone.message = f.message;
  return { identifier, zone };
}

/** The record's identifier as text, for ids and for naming it in issues. */
export function identifierOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const id = (raw as Record<string, unknown>).identifier;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

function parseGeometries(raw: unknown): BuiltVolume[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw new FieldError('geometry', raw, 'is not a non-empty array');
  return raw.map((item, i) => {
    const where = `geometry[${i}]`;
    if (item === null || typeof item !== 'object') throw new FieldError(where, item, 'is not an object');
    const g = item as Record<string, unknown>;
    const unit = parseUnit(g.uomDimensions, `${where}.uomDimensions`);
    const lower = parseLimit(g.lowerLimit, g.lowerVerticalReference, unit, 'lower', {
      value: `${where}.lowerLimit`,
      reference: `${where}.lowerVerticalReference`,
    });
    const upper = parseLimit(g.upperLimit, g.upperVerticalReference, unit, 'upper', {
      value: `${where}.upperLimit`,
      reference: `${where}.upperVerticalReference`,
    });
    return buildVolume(
      parseProjection(g.horizontalProjection, `${where}.horizontalProjection`),
      lower,
      upper,
      `${where}.upperLimit`,
    );
  });
}

function parseProjection(raw: unknown, where: string) {
  if (raw === null || typeof raw !== 'object') throw new FieldError(where, raw, 'is not an object');
  const p = raw as Record<string, unknown>;
  if (p.type === 'Circle') {
    return toCircle(p.center, p.radius, { center: `${where}.center`, radius: `${where}.radius` });
  }
  if (p.type === 'Polygon') return toPolygon(p.coordinates, where);
  // Not in ED-269, but national tools export it and it maps without loss.
  if (p.type === 'MultiPolygon') return toMultiPolygon(p.coordinates, where);
  throw new FieldError(`${where}.type`, p.type, 'is not Circle or Polygon');
}
