import { type AltitudeLimit, limitToMetres, SURFACE, UNLIMITED } from '../../zone/index.ts';
import type { OpenAirCommand } from './openair-command.ts';
import { OpenAirError } from './openair-error.ts';

const SURFACE_WORDS = new Set(['SFC', 'GND', 'SURFACE', 'GROUND']);
const UNLIMITED_WORDS = new Set(['UNL', 'UNLIM', 'UNLTD', 'UNLIMITED']);
const FLIGHT_LEVEL = /^FL\s*(\d+(?:\.\d+)?)(?:\s*STD)?$/;
// Number, optional unit, optional reference: "1500ft AMSL", "1500 FT", "500F GND", "300m", "2000MSL".
const NUMBER_UNIT_REF =
  /^(\d+(?:\.\d+)?)\s*(FT|F|FEET|M|METERS?|METRES?)?\s*(AMSL|MSL|ASL|ALT|AGL|GND|SFC|ASFC|AGND|STD)?$/;

const REFERENCE: Record<string, AltitudeLimit['reference']> = {
  AMSL: 'AMSL',
  MSL: 'AMSL',
  ASL: 'AMSL',
  // "ALT" is the altimeter reading on QNH, i.e. above mean sea level.
  ALT: 'AMSL',
  AGL: 'AGL',
  GND: 'AGL',
  SFC: 'AGL',
  ASFC: 'AGL',
  AGND: 'AGL',
  STD: 'STD',
};

/**
 * Reads an AL/AH value as the source wrote it: SFC/GND → 0 m AGL, UNL → unlimited (value null),
 * FL65 / FL 65 → flight level 65 STD, "1500ft AMSL" / "500ft AGL" / "500 GND" / "300m". OpenAir's
 * unit is feet and its datum mean sea level, so a bare "1500" or "1500ft" is 1500 ft AMSL.
 */
export function parseAltitude(text: string): AltitudeLimit {
  const value = text.trim().toUpperCase().replace(/\s+/g, ' ');
  if (SURFACE_WORDS.has(value)) return { ...SURFACE };
  if (UNLIMITED_WORDS.has(value)) return { ...UNLIMITED };
  // "MSL" alone is the sea surface, used as a floor over water.
  if (value === 'MSL' || value === 'AMSL') return { value: 0, unit: 'ft', reference: 'AMSL' };
  const fl = FLIGHT_LEVEL.exec(value);
  if (fl) return { value: Number(fl[1]), unit: 'FL', reference: 'STD' };
  const m = NUMBER_UNIT_REF.exec(value);
  if (!m) {
    throw new OpenAirError(
      `"${text.trim()}" is not an altitude (expected SFC, GND, UNL, FL65, 1500ft AMSL, 500ft AGL or 300m)`,
    );
  }
  const unit = m[2]?.startsWith('M') ? 'm' : 'ft';
  return { value: Number(m[1]), unit, reference: REFERENCE[m[3] ?? 'AMSL'] };
}

/**
 * The AL and AH of one record, each error naming its own line. A floor cannot be unlimited, and
 * where both limits share a reference the floor must not lie above the ceiling.
 */
export function parseVerticalLimits(
  al: OpenAirCommand,
  ah: OpenAirCommand,
): { lower: AltitudeLimit; upper: AltitudeLimit } {
  const lower = limitAt(al);
  const upper = limitAt(ah);
  if (lower.value === null) throw new OpenAirError(`AL "${al.args}": a floor cannot be unlimited`, al.line);
  if (lower.reference === upper.reference && limitToMetres(lower) > limitToMetres(upper)) {
    throw new OpenAirError(`AH "${ah.args}" is below AL "${al.args}"`, ah.line);
  }
  return { lower, upper };
}

function limitAt(command: OpenAirCommand): AltitudeLimit {
  try {
    return parseAltitude(command.args);
  } catch (error) {
    if (error instanceof OpenAirError)
      throw new OpenAirError(`${command.name} ${error.message}`, command.line);
    throw error;
  }
}
