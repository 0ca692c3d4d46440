import { describeOffset, FlightLogError } from '../../errors.ts';
import { shortestFloat32 } from '../../model/parameters.ts';
import { type MessageFormat, parseFormat } from './ulog-layout.ts';

/** What the definitions messages (F, I, M, P, Q, B) tell; they may also appear in the data section. */
export interface ULogDefinitions {
  formats: Map<string, MessageFormat>;
  /** 'I' info values: strings, or numbers for numeric types (e.g. ver_sw_release). */
  info: Map<string, string | number>;
  /** 'M' info-multiple keys and how many bytes each holds (values are not kept: boot logs leak). */
  infoMultiple: Map<string, number>;
  /** 'P' messages of the definitions section: each parameter's value when logging started. */
  initialParams: Map<string, number>;
  /** 'Q' parameter-default messages seen. */
  defaultParams: number;
  /** 'Q' system-wide defaults (default_types bit 0) by name; the airframe's (bit 1) are not kept. */
  systemDefaults: Map<string, number>;
  /** File offsets where appended data starts (from the 'B' flag-bits message). */
  appendedOffsets: number[];
}

const decoder = new TextDecoder();

/** The bytes [from, to) as UTF-8, cut at the end of the view (a length field may claim more). */
function text(view: DataView, from: number, to: number): string {
  const end = Math.min(to, view.byteLength);
  return decoder.decode(new Uint8Array(view.buffer, view.byteOffset + from, Math.max(0, end - from)));
}

/** Returns false for a type this function does not handle. */
export function readDefinitionMessage(
  type: number,
  view: DataView,
  p: number,
  size: number,
  defs: ULogDefinitions,
  isFirst: boolean,
): boolean {
  const end = p + size;
  switch (type) {
    case 0x46: {
      const f = parseFormat(text(view, p, end));
      defs.formats.set(f.name, f);
      return true;
    }
    case 0x49: {
      const kv = keyValue(view, p, end);
      if (kv) defs.info.set(kv.key, kv.value);
      return true;
    }
    case 0x4d: {
      const kv = keyValue(view, p + 1, end);
      if (kv) defs.infoMultiple.set(kv.key, (defs.infoMultiple.get(kv.key) ?? 0) + kv.bytes);
      return true;
    }
    case 0x50: {
      const kv = parameterMessage(view, p, end);
      if (kv) defs.initialParams.set(kv.key, kv.value);
      return true;
    }
    case 0x51: {
      defs.defaultParams++;
      // uint8_t default_types, then a key and value as in 'P'.
      const kv = p < end ? parameterMessage(view, p + 1, end) : null;
      if (kv && (view.getUint8(p) & 1) !== 0) defs.systemDefaults.set(kv.key, kv.value);
      return true;
    }
    case 0x42:
      readFlagBits(view, p, size, defs, isFirst);
      return true;
    default:
      return false;
  }
}

function readFlagBits(
  view: DataView,
  p: number,
  size: number,
  defs: ULogDefinitions,
  isFirst: boolean,
): void {
  if (!isFirst || size < 40) return;
  const incompat0 = view.getUint8(p + 8);
  let unknown = (incompat0 & ~1) !== 0;
  for (let i = 1; i < 8; i++) if (view.getUint8(p + 8 + i) !== 0) unknown = true;
  if (unknown) {
    throw new FlightLogError(
      `ULog file sets incompatible flags this reader does not know (flag bits at ${describeOffset(p - 3)})`,
      { offset: p - 3 },
    );
  }
  if ((incompat0 & 1) === 0) return;
  const offsets: number[] = [];
  for (let i = 0; i < 3; i++) {
    const at = p + 16 + i * 8;
    offsets.push(view.getUint32(at + 4, true) * 4294967296 + view.getUint32(at, true));
  }
  while (offsets.length > 0 && offsets[offsets.length - 1] === 0) offsets.pop();
  defs.appendedOffsets = offsets;
}

interface KeyValue {
  key: string;
  value: string | number;
  bytes: number;
  type: string;
}

/**
 * A 'P' (or the rest of a 'Q') message: a parameter name and its int32 or float value (floats as the
 * shortest decimal of the float32); null for anything else.
 */
export function parameterMessage(
  view: DataView,
  p: number,
  end: number,
): { key: string; value: number } | null {
  const kv = keyValue(view, p, end);
  if (!kv || typeof kv.value !== 'number') return null;
  return { key: kv.key, value: kv.type === 'float' ? shortestFloat32(kv.value) : kv.value };
}

/** "uint8_t key_len, char key[key_len] ('type name'), value". */
function keyValue(view: DataView, p: number, end: number): KeyValue | null {
  if (p >= end) return null;
  const keyLen = view.getUint8(p);
  // A key longer than its message (a corrupt length byte) is not a key: the message is skipped.
  if (p + 1 + keyLen > end) return null;
  const typeKey = text(view, p + 1, p + 1 + keyLen);
  const space = typeKey.indexOf(' ');
  if (space < 0) return null;
  const type = typeKey.slice(0, space);
  const key = typeKey.slice(space + 1);
  const at = p + 1 + keyLen;
  const bytes = end - at;
  if (type.startsWith('char[')) return { key, value: text(view, at, end).replace(/\0+$/, ''), bytes, type };
  const value = numberOf(type, view, at, bytes);
  return value === null ? { key, value: '', bytes, type } : { key, value, bytes, type };
}

function numberOf(type: string, view: DataView, at: number, bytes: number): number | null {
  switch (type) {
    case 'int32_t':
      return bytes >= 4 ? view.getInt32(at, true) : null;
    case 'uint32_t':
      return bytes >= 4 ? view.getUint32(at, true) : null;
    case 'float':
      return bytes >= 4 ? view.getFloat32(at, true) : null;
    case 'double':
      return bytes >= 8 ? view.getFloat64(at, true) : null;
    case 'int64_t':
    case 'uint64_t':
      return bytes >= 8 ? view.getUint32(at + 4, true) * 4294967296 + view.getUint32(at, true) : null;
    case 'uint8_t':
    case 'bool':
      return bytes >= 1 ? view.getUint8(at) : null;
    case 'int8_t':
      return bytes >= 1 ? view.getInt8(at) : null;
    case 'uint16_t':
      return bytes >= 2 ? view.getUint16(at, true) : null;
    case 'int16_t':
      return bytes >= 2 ? view.getInt16(at, true) : null;
    default:
      return null;
  }
}
