/**
 * Units live in the header names and follow the user's app settings: `altitude(feet)`, `speed(mph)`,
 * `OSD.height [ft]`. Each column gets its base name and the factor that turns its values into SI.
 */
export interface Column {
  index: number;
  /** Lower-case name without the unit, e.g. "height_above_takeoff", "osd.height". */
  name: string;
  unit: string | null;
  /** Multiply by this to get metres, m/s or seconds; 1 for unitless or unknown units. */
  toSI: number;
}

const FACTORS: Record<string, number> = {
  feet: 0.3048,
  ft: 0.3048,
  foot: 0.3048,
  meters: 1,
  meter: 1,
  metres: 1,
  m: 1,
  km: 1000,
  kilometers: 1000,
  miles: 1609.344,
  mi: 1609.344,
  mph: 0.44704,
  'm/s': 1,
  mps: 1,
  'km/h': 1 / 3.6,
  kmh: 1 / 3.6,
  kph: 1 / 3.6,
  knots: 0.514444,
  kn: 0.514444,
  'ft/s': 0.3048,
  millisecond: 0.001,
  milliseconds: 0.001,
  ms: 0.001,
  s: 1,
  sec: 1,
  second: 1,
  seconds: 1,
};

export function parseHeader(cells: string[]): Map<string, Column> {
  const columns = new Map<string, Column>();
  cells.forEach((raw, index) => {
    const cell = raw.trim();
    const m = /^(.*?)\s*[([]\s*([^)\]]*)\s*[)\]]\s*$/.exec(cell);
    const name = (m ? m[1] : cell).trim().toLowerCase();
    const unit = m ? m[2].trim().toLowerCase() : null;
    const toSI = unit !== null ? (FACTORS[unit] ?? 1) : 1;
    if (!columns.has(name)) columns.set(name, { index, name, unit, toSI });
  });
  return columns;
}

/** The first of `names` the header has. */
export function pick(columns: Map<string, Column>, ...names: string[]): Column | undefined {
  for (const n of names) {
    const c = columns.get(n);
    if (c) return c;
  }
  return undefined;
}
