import type { ZoneGeometry } from '../../zone/index.ts';
import { arcBetweenPoints, arcFromBearings, NAUTICAL_MILE_M } from './openair-arcs.ts';
import { type LonLat, parsePosition, parsePositions } from './openair-coordinates.ts';
import { OpenAirError } from './openair-error.ts';
import { closeRing } from './openair-ring.ts';

// Larger radii are typing errors; the zone model caps circles at 2,000 km (about 1,080 NM).
const MAX_RADIUS_NM = 1000;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Collects one record's geometry commands (V, DP, DA, DB, DC) in file order. The arc centre (V X=)
 * and direction (V D=) hold until changed within the record; every record starts clockwise with
 * no centre, as the openAIP reader does (it reads V per record), so one record's state never
 * leaks into the next.
 */
export class ShapeBuilder {
  private center: LonLat | undefined;
  private clockwise = true;
  private readonly points: LonLat[] = [];
  private readonly circles: { center: LonLat; radiusM: number; line: number }[] = [];
  private firstLine: number | undefined;

  /** `V X=<point>`, `V D=+|-`; `V W=` (airway width) and `V Z=` (display zoom) carry no shape. */
  setVariable(args: string): void {
    const m = /^([A-Z])\s*=\s*(.*)$/i.exec(args.trim());
    if (!m) throw new OpenAirError(`V "${args.trim()}" is not a variable assignment like X=<point> or D=+`);
    const [, name, value] = m;
    switch (name.toUpperCase()) {
      case 'X':
        this.center = parsePosition(value);
        return;
      case 'D':
        if (value.trim() !== '+' && value.trim() !== '-') {
          throw new OpenAirError(`V D="${value.trim()}" is not + (clockwise) or - (counter-clockwise)`);
        }
        this.clockwise = value.trim() === '+';
        return;
      case 'W':
      case 'Z':
        return;
      default:
        throw new OpenAirError(`unknown variable "V ${name}=" (expected X, D, W or Z)`);
    }
  }

  /** DP <point> */
  addPoint(args: string, line: number): void {
    this.firstLine ??= line;
    this.points.push(parsePosition(args));
  }

  /** DA radius, start, end: radius in NM, bearings in degrees true. */
  addArcByBearings(args: string, line: number): void {
    this.firstLine ??= line;
    const parts = args.split(',').map((p) => p.trim());
    if (parts.length !== 3 || parts.some((p) => !NUMBER.test(p))) {
      throw new OpenAirError(`DA "${args.trim()}" is not radius, start bearing, end bearing`);
    }
    const [radiusNm, start, end] = parts.map(Number);
    const radiusM = checkRadius(radiusNm, 'DA', parts[0]);
    this.points.push(...arcFromBearings(this.requireCenter('DA'), radiusM, start, end, this.clockwise));
  }

  /** DB <point>, <point>: arc about the centre from the first to the second point. */
  addArcByPoints(args: string, line: number): void {
    this.firstLine ??= line;
    const ends = parsePositions(args);
    if (ends.length !== 2)
      throw new OpenAirError(`DB "${args.trim()}" must give two points, found ${ends.length}`);
    const center = this.requireCenter('DB');
    if (ends[0][0] === center[0] && ends[0][1] === center[1]) {
      throw new OpenAirError(`DB starts on its centre (V X=), so its radius is 0`);
    }
    this.points.push(...arcBetweenPoints(center, ends[0], ends[1], this.clockwise));
  }

  /** DC radius: a circle (NM) about the centre. */
  addCircle(args: string, line: number): void {
    this.firstLine ??= line;
    const value = args.trim().replace(/\s*NM$/i, '');
    if (!NUMBER.test(value)) throw new OpenAirError(`DC "${args.trim()}" is not a radius in nautical miles`);
    const radiusM = checkRadius(Number(value), 'DC', value);
    this.circles.push({ center: this.requireCenter('DC'), radiusM, line });
  }

  /**
   * A lone DC stays a Circle (nothing lost to tessellation); everything else becomes one polygon.
   * A circle mixed with other outline commands has no single meaning and is rejected.
   */
  build(): ZoneGeometry {
    if (this.circles.length > 0) {
      if (this.circles.length > 1 || this.points.length > 0) {
        const line = this.circles[this.circles.length > 1 ? 1 : 0].line;
        throw new OpenAirError('DC circle mixed with other DC, DP, DA or DB commands in one record', line);
      }
      const { center, radiusM } = this.circles[0];
      return { type: 'Circle', center, radius_m: radiusM };
    }
    if (this.points.length === 0) throw new OpenAirError('no geometry (DP, DA, DB or DC)');
    try {
      return { type: 'Polygon', coordinates: [closeRing(this.points)] };
    } catch (error) {
      if (error instanceof OpenAirError) throw new OpenAirError(error.message, this.firstLine);
      throw error;
    }
  }

  private requireCenter(command: string): LonLat {
    if (!this.center) throw new OpenAirError(`${command} has no centre: no V X= before it in this record`);
    return this.center;
  }
}

function checkRadius(nm: number, command: string, raw: string): number {
  if (!(nm > 0) || nm > MAX_RADIUS_NM) {
    throw new OpenAirError(`${command} radius "${raw}" is not between 0 and ${MAX_RADIUS_NM} nautical miles`);
  }
  return nm * NAUTICAL_MILE_M;
}
