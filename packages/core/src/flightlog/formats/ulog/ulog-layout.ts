/**
 * ULog 'F' format definitions and the flattened byte layout of a logged topic. Layouts are computed the
 * way pyulog does (nested types flattened, trailing `_padding` fields dropped), because a data message
 * counts only when its payload is exactly that size: this is what makes our counts equal pyulog's.
 */

export interface FormatField {
  type: string;
  arraySize: number;
  name: string;
}

export interface MessageFormat {
  name: string;
  fields: FormatField[];
}

export interface FlatField {
  /** Byte offset inside the payload (after the 2-byte msg_id). */
  offset: number;
  type: string;
}

export interface TopicLayout {
  /** Payload size without the trailing padding fields. */
  size: number;
  timestampOffset: number;
  fields: Map<string, FlatField>;
}

export const TYPE_SIZES: Record<string, number> = {
  int8_t: 1,
  uint8_t: 1,
  bool: 1,
  char: 1,
  int16_t: 2,
  uint16_t: 2,
  int32_t: 4,
  uint32_t: 4,
  float: 4,
  int64_t: 8,
  uint64_t: 8,
  double: 8,
};

/** Parses "name:uint64_t timestamp;float[3] x;…". */
export function parseFormat(text: string): MessageFormat {
  const colon = text.indexOf(':');
  const name = text.slice(0, colon);
  const fields: FormatField[] = [];
  for (const part of text.slice(colon + 1).split(';')) {
    if (part.length === 0) continue;
    const space = part.indexOf(' ');
    const typeStr = part.slice(0, space);
    const fieldName = part.slice(space + 1);
    const bracket = typeStr.indexOf('[');
    if (bracket < 0) fields.push({ type: typeStr, arraySize: 0, name: fieldName });
    else {
      const arraySize = Number.parseInt(typeStr.slice(bracket + 1, typeStr.indexOf(']')), 10);
      fields.push({ type: typeStr.slice(0, bracket), arraySize, name: fieldName });
    }
  }
  return { name, fields };
}

interface Flat {
  name: string;
  type: string;
}

/** Throws when a nested type has no format (the caller turns that into a warning for that topic). */
export function layoutTopic(topic: string, formats: Map<string, MessageFormat>): TopicLayout {
  const flat: Flat[] = [];
  flatten('', topic, formats, flat, 0);
  while (flat.length > 0 && flat[flat.length - 1].name.startsWith('_padding')) flat.pop();
  const fields = new Map<string, FlatField>();
  let offset = 0;
  let timestampOffset = -1;
  for (const f of flat) {
    fields.set(f.name, { offset, type: f.type });
    if (f.name === 'timestamp' && timestampOffset < 0) timestampOffset = offset;
    offset += TYPE_SIZES[f.type];
  }
  return { size: offset, timestampOffset: Math.max(0, timestampOffset), fields };
}

function flatten(
  prefix: string,
  type: string,
  formats: Map<string, MessageFormat>,
  out: Flat[],
  depth: number,
) {
  const format = formats.get(type);
  if (!format || depth > 16) throw new Error(`no format definition for type "${type}"`);
  for (const f of format.fields) {
    const basic = f.type in TYPE_SIZES;
    const names =
      f.arraySize > 0
        ? Array.from({ length: f.arraySize }, (_, i) => `${prefix}${f.name}[${i}]`)
        : [`${prefix}${f.name}`];
    for (const n of names) {
      if (basic) out.push({ name: n, type: f.type });
      else flatten(`${n}.`, f.type, formats, out, depth + 1);
    }
  }
}

/** A reader for one field: (view, absolute byte offset) → number (64-bit ints lose precision above 2^53). */
export type FieldReader = (view: DataView, at: number) => number;

export function fieldReader(type: string): FieldReader {
  switch (type) {
    case 'int8_t':
      return (v, at) => v.getInt8(at);
    case 'uint8_t':
    case 'bool':
    case 'char':
      return (v, at) => v.getUint8(at);
    case 'int16_t':
      return (v, at) => v.getInt16(at, true);
    case 'uint16_t':
      return (v, at) => v.getUint16(at, true);
    case 'int32_t':
      return (v, at) => v.getInt32(at, true);
    case 'uint32_t':
      return (v, at) => v.getUint32(at, true);
    case 'float':
      return (v, at) => v.getFloat32(at, true);
    case 'double':
      return (v, at) => v.getFloat64(at, true);
    case 'int64_t':
      return (v, at) => v.getInt32(at + 4, true) * 4294967296 + v.getUint32(at, true);
    default:
      return (v, at) => v.getUint32(at + 4, true) * 4294967296 + v.getUint32(at, true);
  }
}
