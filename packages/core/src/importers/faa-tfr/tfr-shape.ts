import type { Position, ZoneGeometry } from '../../zone/index.ts';

const NM = 1852;
type Xml = Record<string, unknown>;

/**
 * `38.88528N` / `077.03W` (the decimal form tfr.faa.gov serves) or packed `385230.00N` /
 * `0770211.00W` (DDMMSS, as some XNOTAM writers emit): signed degrees.
 */
export function tfrCoordinate(raw: unknown, lat: boolean): number {
  const text = String(raw ?? '')
    .trim()
    .toUpperCase();
  const m = /^(\d+(?:\.\d+)?)([NSEW])$/.exec(text);
  const hemis = lat ? 'NS' : 'EW';
  if (!m || !hemis.includes(m[2]))
    throw new RangeError(
      `${lat ? 'geoLat' : 'geoLong'} "${text.slice(0, 20)}" is not a ${lat ? 'latitude' : 'longitude'}`,
    );
  const whole = m[1].split('.')[0];
  let deg: number;
  if (whole.length > 3) {
    // Packed DDMMSS(.ss) / DDDMMSS(.ss).
    const d = Number(whole.slice(0, whole.length - 4));
    const mins = Number(whole.slice(-4, -2));
    const secs = Number(m[1].slice(whole.length - 2));
    if (mins >= 60 || secs >= 60)
      throw new RangeError(`coordinate "${text}" has ${mins} minutes, ${secs} seconds`);
    deg = d + mins / 60 + secs / 3600;
  } else deg = Number(m[1]);
  if (deg > (lat ? 90 : 180)) throw new RangeError(`coordinate "${text}" is off the globe`);
  return m[2] === 'S' || m[2] === 'W' ? -deg : deg;
}

function vertices(node: unknown): Xml[] {
  const avx = (node as Xml | undefined)?.Avx;
  return (Array.isArray(avx) ? avx : avx ? [avx] : []) as Xml[];
}

/**
 * The area's ground shape: the `abdMergedArea` ring (the FAA's final, merged boundary: it already
 * applies any union of circles and polygons), else the raw `aseShapes` boundary: one `CIR` vertex as
 * a circle, or the `GRC` chain as a polygon. Throws when neither gives a shape.
 */
export function tfrGeometry(group: Xml): { geometry: ZoneGeometry; from: string } {
  const merged = vertices(group.abdMergedArea);
  if (merged.length > 0) return { geometry: polygon(merged, 'abdMergedArea'), from: 'abdMergedArea' };
  const abd = (group.aseShapes as Xml | undefined)?.Abd;
  const first = (Array.isArray(abd) ? abd[0] : abd) as Xml | undefined;
  const raw = vertices(first);
  const circle = raw.find((v) => String(v.codeType).toUpperCase() === 'CIR');
  if (circle) {
    const r = Number(circle.valRadiusArc);
    const uom = String(circle.uomRadiusArc ?? 'NM').toUpperCase();
    const metres = uom === 'NM' ? r * NM : uom === 'KM' ? r * 1000 : uom === 'M' ? r : Number.NaN;
    if (!(metres > 0))
      throw new RangeError(`circle radius "${circle.valRadiusArc} ${uom}" is not a positive length`);
    const center: [number, number] = [
      tfrCoordinate(circle.geoLongArc ?? circle.geoLong, false),
      tfrCoordinate(circle.geoLatArc ?? circle.geoLat, true),
    ];
    return { geometry: { type: 'Circle', center, radius_m: metres }, from: 'aseShapes circle' };
  }
  if (raw.length > 0) return { geometry: polygon(raw, 'aseShapes'), from: 'aseShapes' };
  throw new RangeError('area has neither abdMergedArea nor aseShapes vertices');
}

function polygon(avx: Xml[], where: string): ZoneGeometry {
  const ring: Position[] = avx.map((v) => [tfrCoordinate(v.geoLong, false), tfrCoordinate(v.geoLat, true)]);
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
  const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;
  if (distinct < 3) throw new RangeError(`${where} has ${distinct} distinct vertices (a ring needs 3)`);
  return { type: 'Polygon', coordinates: [ring] };
}
