import { type AltitudeLimit, limitToMetres } from '../../zone/index.ts';

/**
 * Lower and upper limits in order. Feeds in the wild give lower > upper now and then (a floor and
 * ceiling written the wrong way round, e.g. FAA TFR "18000 FT ALT / 0 FT HEI"): the restriction is
 * kept, with the two swapped, so it covers the band the source meant, and `repaired` says so (the
 * zone carries it in properties). Limits in different references cannot be compared without the
 * terrain (AGL vs AMSL) and are kept as written; flight levels count as AMSL here.
 *
 * @example
 * const { lower, upper, repaired } = orderedLimits(
 *   { value: 18000, unit: 'ft', reference: 'AMSL' },
 *   { value: 0, unit: 'ft', reference: 'AMSL' },
 * ); // lower 0 ft, upper 18000 ft; repaired says they were swapped
 */
export function orderedLimits(
  lower: AltitudeLimit,
  upper: AltitudeLimit,
): { lower: AltitudeLimit; upper: AltitudeLimit; repaired?: string } {
  const kind = (l: AltitudeLimit) => (l.reference === 'AGL' ? 'AGL' : 'AMSL');
  if (kind(lower) !== kind(upper) || limitToMetres(lower) <= limitToMetres(upper)) return { lower, upper };
  return {
    lower: upper,
    upper: lower,
    repaired: `lower limit ${describe(lower)} above upper limit ${describe(upper)}: swapped`,
  };
}

function describe(l: AltitudeLimit): string {
  if (l.value === null) return 'UNL';
  return l.unit === 'FL' ? `FL${l.value}` : `${l.value} ${l.unit} ${l.reference}`;
}
