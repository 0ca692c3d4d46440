/**
 * The Q) line: where, what and how high, with a circle that bounds the whole NOTAM.
 *
 * @example
 * const q: QLine = parseQLine('EGTT/QRTCA/IV/BO/W/000/040/5130N00021W005');
 * // { fir: 'EGTT', code: 'QRTCA', lowerFL: 0, upperFL: 40, center: [-0.35, 51.5], radiusNM: 5, ... }
 */
export interface QLine {
  fir: string;
  /** Five letters, e.g. QRTCA: Q + subject (RT temporary restricted area) + condition (CA activated). */
  code: string;
  traffic: string;
  purpose: string;
  scope: string;
  /** Flight levels (hundreds of feet), 000–999. */
  lowerFL: number;
  upperFL: number;
  center: [number, number];
  radiusNM: number;
}

const Q =
  /^([A-Z]{4})\/(Q[A-Z]{4})\/([A-Z ]{1,3})\/([A-Z ]{1,3})\/([A-Z ]{1,3})\/(\d{3})\/(\d{3})\/(\d{2})(\d{2})([NS])(\d{3})(\d{2})([EW])(\d{3})$/;

/**
 * Parses `EGTT/QRTCA/IV/BO/W/000/040/5130N00021W005`; throws a RangeError naming what is wrong.
 *
 * @example
 * const { center, radiusNM, upperFL } = parseQLine('EGTT/QRTCA/IV/BO/W/000/040/5130N00021W005');
 * // center [-0.35, 51.5], radiusNM 5, upperFL 40
 */
export function parseQLine(text: string): QLine {
  const m = Q.exec(text.replace(/\s+/g, ''));
  if (!m) {
    throw new RangeError(
      `Q) line "${text.slice(0, 80)}" is not FIR/QCODE/TRAFFIC/PURPOSE/SCOPE/LOWER/UPPER/DDMMNDDDMMERRR`,
    );
  }
  const latMin = Number(m[9]);
  const lonMin = Number(m[12]);
  if (latMin >= 60 || lonMin >= 60)
    throw new RangeError(`Q) line centre has ${Math.max(latMin, lonMin)} minutes`);
  const lat = (Number(m[8]) + latMin / 60) * (m[10] === 'S' ? -1 : 1);
  const lon = (Number(m[11]) + lonMin / 60) * (m[13] === 'W' ? -1 : 1);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new RangeError('Q) line centre is off the globe');
  const lowerFL = Number(m[6]);
  const upperFL = Number(m[7]);
  return {
    fir: m[1],
    code: m[2],
    traffic: m[3],
    purpose: m[4],
    scope: m[5],
    lowerFL,
    upperFL,
    center: [lon, lat],
    radiusNM: Number(m[14]),
  };
}
