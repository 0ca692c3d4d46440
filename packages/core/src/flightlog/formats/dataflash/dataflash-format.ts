/**
 * DataFlash FMT records and field readers, written from the format table (ArduPilot LogStructure.h /
 * the DataFlash log documentation), not from any GPL parser. Scaled types: c/C/e/E are hundredths,
 * L is degrees·1e7.
 */

export interface DfField {
  name: string;
  char: string;
  offset: number;
}

export interface DfFormat {
  type: number;
  /** Whole record length including the 3-byte header. */
  length: number;
  name: string;
  format: string;
  fields: DfField[];
  byName: Map<string, DfField>;
}

const SIZES: Record<string, number> = {
  a: 64,
  b: 1,
  B: 1,
  h: 2,
  H: 2,
  i: 4,
  I: 4,
  f: 4,
  d: 8,
  n: 4,
  N: 16,
  Z: 64,
  c: 2,
  C: 2,
  e: 4,
  E: 4,
  L: 4,
  M: 1,
  q: 8,
  Q: 8,
};

const decoder = new TextDecoder();

export function charSize(c: string): number | undefined {
  return SIZES[c];
}

/** Builds a format; returns null when a format char is unknown or the sizes do not add up. */
export function makeFormat(
  type: number,
  length: number,
  name: string,
  format: string,
  columns: string,
): DfFormat | null {
  const names = columns.split(',');
  const fields: DfField[] = [];
  let offset = 3;
  for (let i = 0; i < format.length; i++) {
    const size = SIZES[format[i]];
    if (size === undefined) return null;
    fields.push({ name: names[i] ?? `F${i}`, char: format[i], offset });
    offset += size;
  }
  if (offset > length) return null;
  return { type, length, name, format, fields, byName: new Map(fields.map((f) => [f.name, f])) };
}

/** The bootstrap FMT-of-FMT (type 128, 89 bytes), also used when a log starts without one. */
export const FMT_FORMAT = makeFormat(128, 89, 'FMT', 'BBnNZ', 'Type,Length,Name,Format,Columns')!;

export function readString(bytes: Uint8Array, at: number, size: number): string {
  let end = at;
  while (end < at + size && bytes[end] !== 0) end++;
  return decoder.decode(bytes.subarray(at, end));
}

export type DfReader = (view: DataView, record: number) => number;

/** A numeric reader for one field, scaled to its natural unit; null for string fields. */
export function numericReader(field: DfField): DfReader | null {
  const o = field.offset;
  switch (field.char) {
    case 'b':
      return (v, r) => v.getInt8(r + o);
    case 'B':
    case 'M':
      return (v, r) => v.getUint8(r + o);
    case 'h':
      return (v, r) => v.getInt16(r + o, true);
    case 'H':
      return (v, r) => v.getUint16(r + o, true);
    case 'i':
      return (v, r) => v.getInt32(r + o, true);
    case 'I':
      return (v, r) => v.getUint32(r + o, true);
    case 'f':
      return (v, r) => v.getFloat32(r + o, true);
    case 'd':
      return (v, r) => v.getFloat64(r + o, true);
    case 'c':
      return (v, r) => v.getInt16(r + o, true) / 100;
    case 'C':
      return (v, r) => v.getUint16(r + o, true) / 100;
    case 'e':
      return (v, r) => v.getInt32(r + o, true) / 100;
    case 'E':
      return (v, r) => v.getUint32(r + o, true) / 100;
    case 'L':
      return (v, r) => v.getInt32(r + o, true) * 1e-7;
    case 'q':
      return (v, r) => v.getInt32(r + o + 4, true) * 4294967296 + v.getUint32(r + o, true);
    case 'Q':
      return (v, r) => v.getUint32(r + o + 4, true) * 4294967296 + v.getUint32(r + o, true);
    default:
      return null;
  }
}

/** Reader for the first of `names` that the format has (columns were renamed between releases). */
export function readerFor(format: DfFormat, ...names: string[]): DfReader | null {
  for (const n of names) {
    const f = format.byName.get(n);
    if (f) return numericReader(f);
  }
  return null;
}
