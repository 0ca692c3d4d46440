import { describeOffset, FlightLogError } from '../../errors.ts';
import { type DfFormat, FMT_FORMAT, makeFormat, readString } from './dataflash-format.ts';

/** Receives one record: `record` is the offset of its 0xA3 header byte. */
export type DfHandler = (view: DataView, record: number) => void;

export interface DataFlashFile {
  formats: Map<number, DfFormat>;
  /** Records per message name (FMT included), as pymavlink and dronekit-la count them. */
  counts: Map<string, number>;
  /** Bytes skipped while resynchronising on the 0xA3 0x95 header. */
  skippedBytes: number;
  warnings: string[];
}

export interface ReadDataFlashOptions {
  /** Called once per format as it is defined; return a handler to receive its records. */
  subscribe?: (format: DfFormat) => DfHandler | undefined;
}

/**
 * Walks a DataFlash .bin: `A3 95 <type>` + fields, with lengths from the FMT records. Garbage is skipped
 * byte by byte until a known header lines up again (the pymavlink rule), and reported with its offset; a
 * record cut off by the end of the file ends the import with a warning, keeping everything before it.
 *
 * @example
 * let gps = 0;
 * const file = readDataFlash(bytes, { subscribe: (format) => (format.name === 'GPS' ? () => gps++ : undefined) });
 * console.log(gps, file.counts.get('ATT'), file.skippedBytes, file.warnings);
 */
export function readDataFlash(bytes: Uint8Array, options: ReadDataFlashOptions = {}): DataFlashFile {
  if (bytes.length < 3 || bytes[0] !== 0xa3 || bytes[1] !== 0x95) {
    throw new FlightLogError(`Not a DataFlash log: no 0xA3 0x95 record header at ${describeOffset(0)}`, {
      offset: 0,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const formats = new Map<number, DfFormat>([[128, FMT_FORMAT]]);
  const lengths = new Int32Array(256);
  lengths[128] = FMT_FORMAT.length;
  const handlers: (DfHandler | undefined)[] = new Array(256);
  const counts = new Int32Array(256);
  const file: DataFlashFile = { formats, counts: new Map(), skippedBytes: 0, warnings: [] };
  let skipStart = -1;
  let firstSkip = -1;
  let pos = 0;
  const n = bytes.length;
  while (pos + 3 <= n) {
    const type = bytes[pos + 2];
    const len = lengths[type];
    if (bytes[pos] !== 0xa3 || bytes[pos + 1] !== 0x95 || len === 0) {
      if (skipStart < 0) skipStart = pos;
      if (firstSkip < 0) firstSkip = pos;
      pos++;
      continue;
    }
    if (pos + len > n) {
      file.warnings.push(
        `DataFlash log is truncated: the last record (at ${describeOffset(pos)}) is cut off`,
      );
      break;
    }
    if (skipStart >= 0) {
      noteSkip(file, skipStart, pos);
      skipStart = -1;
    }
    if (type === 128) {
      const f = defineFormat(bytes, pos);
      if (f && f.type !== 128) {
        formats.set(f.type, f);
        lengths[f.type] = f.length;
        handlers[f.type] = options.subscribe?.(f);
      }
    } else {
      const h = handlers[type];
      if (h !== undefined) h(view, pos);
    }
    counts[type]++;
    pos += len;
  }
  if (skipStart >= 0) noteSkip(file, skipStart, Math.min(pos, n));
  else if (pos < n && pos + 3 > n && file.warnings.length === 0) {
    file.warnings.push(`DataFlash log is truncated: ${n - pos} stray bytes at ${describeOffset(pos)}`);
  }
  if (file.skippedBytes > n / 2) {
    throw new FlightLogError(
      `Corrupt DataFlash log: ${file.skippedBytes} of ${n} bytes are no records (first bad record at ${describeOffset(firstSkip)})`,
      { offset: firstSkip },
    );
  }
  for (let t = 0; t < 256; t++) {
    if (counts[t] === 0) continue;
    const name = formats.get(t)?.name ?? `TYPE_${t}`;
    file.counts.set(name, (file.counts.get(name) ?? 0) + counts[t]);
  }
  return file;
}

function defineFormat(bytes: Uint8Array, pos: number): DfFormat | null {
  const type = bytes[pos + 3];
  const length = bytes[pos + 4];
  const name = readString(bytes, pos + 5, 4);
  const format = readString(bytes, pos + 9, 16);
  const columns = readString(bytes, pos + 25, 64);
  return makeFormat(type, length, name, format, columns);
}

function noteSkip(file: DataFlashFile, from: number, to: number): void {
  file.skippedBytes += to - from;
  if (file.warnings.length < 20) {
    file.warnings.push(
      `DataFlash log has ${to - from} unreadable bytes at ${describeOffset(from)}; skipped to the next record`,
    );
  }
}
