import type { AltitudeLimit } from './model.ts';

/**
 * Metres in a foot (international foot).
 *
 * @example
 * const metres = 400 * FEET_TO_M; // 121.92: the 400 ft AGL limit
 */
export const FEET_TO_M = 0.3048;

/**
 * A vertical limit in metres in its own reference (AGL stays AGL, AMSL stays AMSL).
 * Flight levels are converted with the standard atmosphere (FL × 100 ft), which equals AMSL only at
 * standard pressure; `null` means unlimited and becomes +Infinity.
 *
 * @example
 * limitToMetres({ value: 400, unit: 'ft', reference: 'AGL' }); // 121.92 (still AGL)
 * limitToMetres({ value: 65, unit: 'FL', reference: 'STD' }); // 1981.2
 * limitToMetres(UNLIMITED); // Infinity
 */
export function limitToMetres(limit: AltitudeLimit): number {
  if (limit.value === null) return Number.POSITIVE_INFINITY;
  if (limit.unit === 'm') return limit.value;
  if (limit.unit === 'ft') return limit.value * FEET_TO_M;
  return limit.value * 100 * FEET_TO_M;
}

/**
 * Ground level, as a limit.
 *
 * @example
 * const volume: ZoneVolume = { geometry, lower: SURFACE, upper: { value: 120, unit: 'm', reference: 'AGL' } };
 */
export const SURFACE: AltitudeLimit = { value: 0, unit: 'm', reference: 'AGL' };
/**
 * No upper bound.
 *
 * @example
 * const volume: ZoneVolume = { geometry, lower: SURFACE, upper: UNLIMITED };
 */
export const UNLIMITED: AltitudeLimit = { value: null, unit: 'm', reference: 'AMSL' };

/**
 * "120 m AGL", "FL65", "UNL" — for people.
 *
 * @example
 * formatLimit({ value: 120, unit: 'm', reference: 'AGL' }); // '120 m AGL'
 * formatLimit(SURFACE); // 'SFC'
 * formatLimit(UNLIMITED); // 'UNL'
 */
export function formatLimit(limit: AltitudeLimit): string {
  if (limit.value === null) return 'UNL';
  if (limit.unit === 'FL') return `FL${limit.value}`;
  if (limit.value === 0 && limit.reference === 'AGL') return 'SFC';
  return `${limit.value} ${limit.unit} ${limit.reference}`;
}
