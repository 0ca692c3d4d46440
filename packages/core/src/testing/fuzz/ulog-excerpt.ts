import type { ReadSample } from './seed-files.ts';

/**
 * A thin ULog excerpt, the way a fuzzer's seed should be: a few KB that still hold every kind of
 * message the reader meets. A PX4 log's definitions alone are 60–90 KB (every topic's format, ~900
 * parameters, multi-line info): mutating those a million times tests the parser's loop over them, not
 * its handling of what they say. Kept: the header and flag bits; the formats of the topics kept (and
 * the nested types they use); the first few info, parameter and default-parameter messages; the
 * subscriptions to the topics the flight reader decodes plus one it only counts; from byte `from` on,
 * the first `perTopic` data messages of each of those; a few log lines, syncs and dropouts.
 */

/** The topics parseULog decodes (ulog-to-flight.ts), GPS first. */
const DECODED = new Set([
  'vehicle_gps_position',
  'sensor_gps',
  'vehicle_global_position',
  'vehicle_local_position',
  'vehicle_attitude',
  'manual_control_setpoint',
  'battery_status',
  'vehicle_status',
  'camera_capture',
  'camera_trigger',
]);
const BASIC = new Set([
  'int8_t',
  'uint8_t',
  'int16_t',
  'uint16_t',
  'int32_t',
  'uint32_t',
  'int64_t',
  'uint64_t',
  'float',
  'double',
  'bool',
  'char',
]);
/** How many of each definition message to keep. */
const FIRST: Record<string, number> = { I: 6, M: 1, P: 4, Q: 2, L: 3, C: 3, S: 1, O: 1 };
const latin1 = new TextDecoder('latin1');

interface Message {
  type: string;
  start: number;
  end: number;
}

export function ulogExcerpt(read: ReadSample, path: string, from: number, perTopic = 4): Uint8Array {
  const b = read(path);
  const messages: Message[] = [];
  for (let pos = 16; pos + 3 <= b.length; ) {
    const end = pos + 3 + (b[pos] | (b[pos + 1] << 8));
    if (end > b.length) break;
    messages.push({ type: String.fromCharCode(b[pos + 2]), start: pos, end });
    pos = end;
  }
  const text = (m: Message) => latin1.decode(b.subarray(m.start + 3, m.end));
  // Subscriptions: the decoded topics, and the first other one (counted, not decoded).
  const topics = new Map<number, string>();
  let other = false;
  for (const m of messages.filter((x) => x.type === 'A')) {
    const name = latin1.decode(b.subarray(m.start + 6, m.end));
    if (DECODED.has(name) || !other) topics.set(b[m.start + 4] | (b[m.start + 5] << 8), name);
    if (!DECODED.has(name)) other = true;
  }
  const formats = new Map<string, Message>();
  for (const m of messages.filter((x) => x.type === 'F')) formats.set(text(m).split(':')[0], m);
  const keptFormats = new Set<string>();
  const addFormat = (name: string) => {
    const m = formats.get(name);
    if (!m || keptFormats.has(name)) return;
    keptFormats.add(name);
    for (const field of text(m)
      .slice(name.length + 1)
      .split(';')) {
      const type = field
        .trim()
        .split(' ')[0]
        ?.replace(/\[\d+\]$/, '');
      if (type && !BASIC.has(type)) addFormat(type);
    }
  };
  for (const name of topics.values()) addFormat(name);
  const seen: Record<string, number> = {};
  const perId = new Map<number, number>();
  const kept = messages.filter((m) => {
    if (m.type === 'B') return true;
    if (m.type === 'F') return keptFormats.has(text(m).split(':')[0]);
    if (m.type === 'A') return topics.has(b[m.start + 4] | (b[m.start + 5] << 8));
    if (m.type === 'D') {
      const id = b[m.start + 3] | (b[m.start + 4] << 8);
      const n = perId.get(id) ?? 0;
      if (m.start < from || !topics.has(id) || n >= perTopic) return false;
      perId.set(id, n + 1);
      return true;
    }
    seen[m.type] = (seen[m.type] ?? 0) + 1;
    return seen[m.type] <= (FIRST[m.type] ?? 0) && m.end - m.start <= 256;
  });
  const out = new Uint8Array(16 + kept.reduce((n, m) => n + m.end - m.start, 0));
  out.set(b.subarray(0, 16));
  let at = 16;
  for (const m of kept) {
    out.set(b.subarray(m.start, m.end), at);
    at += m.end - m.start;
  }
  return out;
}
