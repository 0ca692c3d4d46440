import { OpenAirError } from './openair-error.ts';

/** A GeoJSON position: [longitude, latitude] in degrees. */
export type LonLat = [number, number];

// One angle with its hemisphere letter: "037:02:11.00 N", "45:40.5N", "010:50:00 E". The lookahead
// keeps "E" of a following word (or "NM") from being read as a hemisphere.
const ANGLE = /[\s,]*([0-9][0-9.:]*)\s*([NSEW])(?![A-Z])/iy;
const PART = /^\d+(\.\d+)?$/;

/**
 * Reads every coordinate pair in `text`, latitude first as OpenAir writes them, in DMS
 * (`45:40:30 N 010:50:00 E`, decimals allowed on the seconds) or DDM (`45:40.5 N 010:50.25 E`),
 * with or without a space before the hemisphere. Commas between values are tolerated because real
 * files (and the Naviter spec's own DB example) put them in odd places.
 */
export function parsePositions(text: string): LonLat[] {
  const angles: { value: string; hemisphere: string; raw: string }[] = [];
  ANGLE.lastIndex = 0;
  let end = 0;
  for (let m = ANGLE.exec(text); m !== null; m = ANGLE.exec(text)) {
    angles.push({ value: m[1], hemisphere: m[2].toUpperCase(), raw: `${m[1]} ${m[2].toUpperCase()}` });
    end = ANGLE.lastIndex;
  }
  if (text.slice(end).replace(/[\s,]/g, '') !== '' || angles.length === 0 || angles.length % 2 !== 0) {
    throw new OpenAirError(
      `"${text.trim()}" is not a coordinate like 45:40:30 N 010:50:00 E or 45:40.5 N 010:50.0 E`,
    );
  }
  const positions: LonLat[] = [];
  for (let i = 0; i < angles.length; i += 2) {
    const lat = angles[i];
    const lon = angles[i + 1];
    if (!'NS'.includes(lat.hemisphere) || !'EW'.includes(lon.hemisphere)) {
      throw new OpenAirError(
        `"${lat.raw} ${lon.raw}" must give the latitude (N/S) first, then the longitude (E/W)`,
      );
    }
    positions.push([toDegrees(lon.value, lon.hemisphere, 180), toDegrees(lat.value, lat.hemisphere, 90)]);
  }
  return positions;
}

/** Exactly one coordinate pair, as DP, V X= and AT give it. */
export function parsePosition(text: string): LonLat {
  const positions = parsePositions(text);
  if (positions.length !== 1) {
    throw new OpenAirError(`"${text.trim()}" holds ${positions.length} coordinates where one is expected`);
  }
  return positions[0];
}

/** "DDD:MM:SS.s", "DD:MM.mmm" or plain "DD.ddd" plus hemisphere → signed decimal degrees. */
function toDegrees(value: string, hemisphere: string, limit: number): number {
  const raw = `${value} ${hemisphere}`;
  const parts = value.split(':');
  const last = parts.length - 1;
  // Only the last field may carry decimals: "45:40.5:30" is two notations mixed, not a coordinate.
  if (parts.length > 3 || parts.some((p, i) => !PART.test(p) || (i < last && p.includes('.')))) {
    throw new OpenAirError(`"${raw}" is not DD:MM:SS or DD:MM.mmm`);
  }
  const [degrees, minutes = 0, seconds = 0] = parts.map(Number);
  // Exactly 60 is a rounding artefact real writers leave (openAIP exports write "42:49:60 N"): it
  // carries into the next field, as openair-rs and the openAIP reader do. Above 60 is a typing error.
  if (minutes > 60) throw new OpenAirError(`"${raw}" has ${parts[1]} minutes (must be at most 60)`);
  if (seconds > 60) throw new OpenAirError(`"${raw}" has ${parts[2]} seconds (must be at most 60)`);
  const decimal = degrees + minutes / 60 + seconds / 3600;
  if (decimal > limit) throw new OpenAirError(`"${raw}" is beyond ${limit}°`);
  // `0 W` would otherwise become -0, which equality checks treat as a different number.
  return (hemisphere === 'S' || hemisphere === 'W') && decimal !== 0 ? -decimal : decimal;
}
