import type { Zone } from '../../zone/index.ts';
import {
  asRecord,
  type BuiltVolume,
  categoryFor,
  FieldError,
  isTemporary,
  type LangText,
  langTexts,
  mapReasons,
  parseApplicability,
  parseAuthorities,
  parseRestriction,
  pickText,
  toAlpha2,
} from '../eurocae/index.ts';
import { parseLayeredGeometry } from './layered-geometry.ts';

/** Fields kept verbatim in zone.properties (uSpaceClass is ED-269's, seen in mixed exports). */
const KEPT = [
  'restrictionConditions',
  'region',
  'regulationExemption',
  'uSpaceClass',
  'extendedProperties',
  'dataSource',
];
/** Multilingual fields: the English (else first) text is used, every language kept in translations. */
const MULTILINGUAL = ['name', 'message', 'otherReasonInfo'] as const;

/** One GeoZone feature mapped to zone fields; volumes and their extras are assembled by the caller. */
export interface MappedGeoZone {
  identifier: string;
  zone: Omit<Zone, 'id' | 'volumes'>;
  volumes: BuiltVolume[];
}

/** Maps one ED-318 feature; throws FieldError naming the first bad field. */
export function mapGeoZone(raw: unknown, dataset: string): MappedGeoZone {
  const feature = asRecord(raw);
  if (!feature) throw new FieldError('feature', raw, 'is not an object');
  const p = asRecord(feature.properties);
  if (!p) throw new FieldError('properties', feature.properties, 'is not an object');
  const identifier = identifierOf(raw);
  if (identifier === undefined) throw new FieldError('properties.identifier', p.identifier, 'is required');
  const restriction = parseRestriction(p.type, 'properties.type', true);
  const periods = p.limitedApplicability ?? p.applicability;
  const { applicability, usesEvents } = parseApplicability(periods, 'properties.limitedApplicability');
  const temporary = isTemporary(applicability);
  const { reasons, unknown } = mapReasons(p.reason);
  const { authority, translations } = parseAuthorities(p.zoneAuthority, 'properties.zoneAuthority');
  const volumes = parseLayeredGeometry(feature.geometry);
  const country = toAlpha2(p.country);

  const properties: Record<string, unknown> = { identifier, restriction: p.type };
  if (p.variant != null) properties.variant = p.variant;
  const texts: Record<string, string | undefined> = {};
  const allTranslations: Record<string, LangText[]> = {};
  for (const key of MULTILINGUAL) {
    texts[key] = pickText(p[key]);
    const list = langTexts(p[key]);
    if (list.length > 0) allTranslations[key] = list;
  }
  if (texts.otherReasonInfo !== undefined) properties.otherReasonInfo = texts.otherReasonInfo;
  for (const key of KEPT) if (p[key] != null) properties[key] = p[key];
  Object.assign(allTranslations, translations);
  if (Object.keys(allTranslations).length > 0) properties.translations = allTranslations;
  if (temporary) properties.temporary = true;
  // The model has no sunrise/sunset events; keep the source periods so nothing is lost.
  if (usesEvents) properties.limitedApplicability = periods;
  if (unknown.length > 0) properties.unknownReasons = unknown;
  if (country === null && p.country != null) properties.sourceCountry = p.country;

  const zone: MappedGeoZone['zone'] = {
    name: texts.name?.trim() ? texts.name : identifier,
    country,
    category: categoryFor(restriction, temporary),
    reasons,
    applicability,
    source: 'ed318',
    licence: '',
    dataset,
    properties,
  };
  if (authority.length > 0) zone.authority = authority;
  if (texts.message) zone.message = texts.message;
  return { identifier, zone, volumes };
}

/** properties.identifier as text (GeoJSON feature `id` as a fallback), for ids and issue records. */
export function identifierOf(raw: unknown): string | undefined {
  const feature = asRecord(raw);
  const id = asRecord(feature?.properties)?.identifier ?? feature?.id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}
