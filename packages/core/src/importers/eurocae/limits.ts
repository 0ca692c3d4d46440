import type { AltitudeLimit } from '../../zone/index.ts';
import { FieldError } from './field-error.ts';

/** ED-269 `uomDimensions` (M | FT) and ED-318 `uom` (m | ft); both default to metres when absent. */
export function parseUnit(raw: unknown, field: string): 'm' | 'ft' {
  if (raw === undefined || raw === null) return 'm';
  const unit = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (unit === 'm' || unit === 'ft') return unit;
  throw new FieldError(field, raw, 'is not M or FT');
}

export interface ParsedLimit {
  limit: AltitudeLimit;
  /** The source gave a WGS84 ellipsoidal height, kept as AMSL (they differ by the geoid, ~50 m in Europe). */
  ellipsoidal: boolean;
}

/**
 * One vertical limit. National files write numbers, numeric strings ("0") or null: a missing lower
 * limit is the surface, a missing upper limit is unlimited. A number without its reference is
 * rejected rather than guessed, because 120 m AGL and 120 m AMSL are very different ceilings.
 */
export function parseLimit(
  rawValue: unknown,
  rawReference: unknown,
  unit: 'm' | 'ft',
  side: 'lower' | 'upper',
  fields: { value: string; reference: string },
): ParsedLimit {
  const value = parseNumber(rawValue, fields.value);
  if (value === null) {
    if (side === 'lower') return { limit: { value: 0, unit, reference: 'AGL' }, ellipsoidal: false };
    const ref = rawReference == null ? 'AMSL' : parseReference(rawReference, fields.reference);
    return { limit: { value: null, unit, reference: ref === 'WGS84' ? 'AMSL' : ref }, ellipsoidal: false };
  }
  if (rawReference == null) {
    if (value === 0 && side === 'lower')
      return { limit: { value, unit, reference: 'AGL' }, ellipsoidal: false };
    throw new FieldError(fields.reference, rawReference, `is required with ${fields.value} ${value}`);
  }
  const ref = parseReference(rawReference, fields.reference);
  return { limit: { value, unit, reference: ref === 'WGS84' ? 'AMSL' : ref }, ellipsoidal: ref === 'WGS84' };
}

function parseReference(raw: unknown, field: string): 'AGL' | 'AMSL' | 'WGS84' {
  const ref = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  if (ref === 'AGL' || ref === 'AMSL' || ref === 'WGS84') return ref;
  throw new FieldError(field, raw, 'is not AGL, AMSL or WGS84');
}

/** A finite number from a number or a numeric string; null/undefined/"" give null. */
export function parseNumber(raw: unknown, field: string): number | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' && raw.trim() === '') return null;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
  if (!Number.isFinite(n)) throw new FieldError(field, raw, 'is not a number');
  return n;
}
