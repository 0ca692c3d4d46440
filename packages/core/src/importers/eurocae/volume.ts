import type { ZoneGeometry, ZoneVolume } from '../../zone/index.ts';
import { FieldError } from './field-error.ts';
import type { ParsedLimit } from './limits.ts';

export interface BuiltVolume {
  volume: ZoneVolume;
  /** "lower" / "upper" when that limit was a WGS84 ellipsoidal height stored as AMSL. */
  ellipsoidal: ('lower' | 'upper')[];
}

/** One layer; a floor above its ceiling in the same reference is a data error, not a zone. */
export function buildVolume(
  geometry: ZoneGeometry,
  lower: ParsedLimit,
  upper: ParsedLimit,
  upperField: string,
): BuiltVolume {
  const lo = lower.limit;
  const hi = upper.limit;
  if (lo.value !== null && hi.value !== null && lo.reference === hi.reference && lo.value > hi.value) {
    throw new FieldError(upperField, hi.value, `is below the lower limit ${lo.value} ${lo.reference}`);
  }
  const ellipsoidal: ('lower' | 'upper')[] = [];
  if (lower.ellipsoidal) ellipsoidal.push('lower');
  if (upper.ellipsoidal) ellipsoidal.push('upper');
  return { volume: { geometry, lower: lo, upper: hi }, ellipsoidal };
}

/** Property paths such as "volumes[1].upper" for every limit that was ellipsoidal. */
export function ellipsoidalPaths(built: readonly BuiltVolume[], offset = 0): string[] {
  return built.flatMap((b, i) => b.ellipsoidal.map((side) => `volumes[${i + offset}].${side}`));
}
