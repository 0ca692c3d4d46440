import { type DfFormat, FMT_FORMAT, makeFormat } from './dataflash-format.ts';

/** Scale of the fixed-point chars as the text form writes them (hundredths, degrees). */
const SCALE: Record<string, number> = { c: 100, C: 100, e: 100, E: 100, L: 1e7 };

/**
 * The DataFlash text form (`.log`, as Mission Planner and mavlogdump write it: `FMT, 128, 89, FMT,
 * BBnNZ, Type,Length,Name,Format,Columns`, then `GPS, …` rows, fields separated by ", ") → the binary
 * records it stands for, so one reader and one set of handlers serve both forms. Rows of unknown
 * types or with too few fields are skipped and counted; a last string field keeps any ", " it holds.
 */
export function dataflashTextToBinary(text: string): {
  bytes: Uint8Array;
  skipped: number;
  firstSkippedLine: number;
} {
  const formats = new Map<string, DfFormat>([['FMT', FMT_FORMAT]]);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let skipped = 0;
  let firstSkippedLine = 0;
  const enc = new TextEncoder();
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '') continue;
    const parts = line.split(', ');
    const f = formats.get(parts[0]);
    // A row may end in an empty string field, which the trim above took with its ", ".
    if (!f || parts.length < f.fields.length) {
      skipped++;
      firstSkippedLine ||= n + 1;
      continue;
    }
    const values = parts.slice(1, f.fields.length);
    values.push(parts.slice(f.fields.length).join(', '));
    const rec = new Uint8Array(f.length);
    const view = new DataView(rec.buffer);
    rec[0] = 0xa3;
    rec[1] = 0x95;
    rec[2] = f.type;
    f.fields.forEach((field, i) => {
      write(view, rec, field.offset, field.char, values[i].trim(), enc);
    });
    if (f.name === 'FMT') {
      const made = makeFormat(Number(values[0]), Number(values[1]), values[2], values[3], values[4]);
      if (made) formats.set(made.name, made);
    }
    chunks.push(rec);
    total += rec.length;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, skipped, firstSkippedLine };
}

function write(v: DataView, rec: Uint8Array, o: number, char: string, s: string, enc: TextEncoder): void {
  const size = { n: 4, N: 16, Z: 64 }[char as 'n' | 'N' | 'Z'];
  if (size !== undefined) {
    rec.set(enc.encode(s).subarray(0, size), o);
    return;
  }
  const x = Number(s) * (SCALE[char] ?? 1);
  if (!Number.isFinite(x)) return;
  const r = Math.round(x);
  switch (char) {
    case 'b':
      v.setInt8(o, r);
      return;
    case 'B':
    case 'M':
      v.setUint8(o, r);
      return;
    case 'h':
    case 'c':
      v.setInt16(o, r, true);
      return;
    case 'H':
    case 'C':
      v.setUint16(o, r, true);
      return;
    case 'i':
    case 'e':
    case 'L':
      v.setInt32(o, r, true);
      return;
    case 'I':
    case 'E':
      v.setUint32(o, r, true);
      return;
    case 'f':
      v.setFloat32(o, x, true);
      return;
    case 'd':
      v.setFloat64(o, x, true);
      return;
    case 'q':
      v.setBigInt64(o, BigInt(r), true);
      return;
    case 'Q':
      v.setBigUint64(o, BigInt(r), true);
      return;
  }
}
