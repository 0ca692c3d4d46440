import { describeOffset, FlightLogError } from '../../errors.ts';
import { parameterMessage, readDefinitionMessage, type ULogDefinitions } from './ulog-definitions.ts';
import { layoutTopic, type TopicLayout } from './ulog-layout.ts';

/**
 * A single-pass ULog scanner (spec: docs.px4.io "ULog File Format"; recovery rules as pyulog's core.py).
 * It counts every data message, but hands payloads only to the handlers the caller asked for, so a
 * 4 MB log is walked in a few milliseconds and only the topics a flight needs are decoded.
 */

const MAGIC = [0x55, 0x4c, 0x6f, 0x67, 0x01, 0x12, 0x35];
const SYNC = [0x2f, 0x73, 0x13, 0x20, 0x25, 0x0c, 0xbb, 0x12];
const D = 0x44;

export interface ULogSubscription {
  msgId: number;
  multiId: number;
  name: string;
  layout: TopicLayout | null;
  /** Data messages accepted (payload exactly the layout's size), as pyulog counts them. */
  count: number;
}

/** Receives one data message: `at` is the byte offset of the topic's first field. */
export type ULogDataHandler = (view: DataView, at: number, timestamp: number) => void;

export interface ULogLogged {
  /** 0 (emergency) .. 7 (debug), syslog levels. */
  level: number;
  tag?: number;
  timestamp: number;
  text: string;
}

export interface ULogFile extends ULogDefinitions {
  version: number;
  /** Header timestamp, µs (logging start). */
  startTimestamp: number;
  /** Largest data timestamp seen, µs (pyulog's last_timestamp). */
  lastTimestamp: number;
  subscriptions: ULogSubscription[];
  logged: ULogLogged[];
  dropouts: { timestamp: number; durationMs: number }[];
  /** 'P' messages of the data section: parameters set while logging, at the last data timestamp before them (as pyulog). */
  changedParams: { timestamp: number; key: string; value: number }[];
  syncCount: number;
  corrupt: boolean;
  warnings: string[];
}

export interface ReadULogOptions {
  /** Called for each added subscription; return a handler to receive its data messages. */
  subscribe?: (sub: ULogSubscription) => ULogDataHandler | undefined;
}

/**
 * Walks a PX4 ULog file: definitions, parameters, logged messages and dropouts, handing each data
 * message of a subscribed topic to its handler. Throws FlightLogError when the file is no ULog; a
 * truncated or partly corrupt one reads up to the damage, with warnings.
 *
 * @example
 * let attitudes = 0;
 * const file = readULog(bytes, { subscribe: (sub) => (sub.name === 'vehicle_attitude' ? () => attitudes++ : undefined) });
 * console.log(attitudes, file.subscriptions.length, file.dropouts, file.warnings);
 */
export function readULog(bytes: Uint8Array, options: ReadULogOptions = {}): ULogFile {
  if (bytes.length < 16 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new FlightLogError(`Not a ULog file: no "ULog" header magic at ${describeOffset(0)}`, {
      offset: 0,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const startTimestamp = view.getUint32(12, true) * 4294967296 + view.getUint32(8, true);
  const defs: ULogDefinitions = {
    formats: new Map(),
    info: new Map(),
    infoMultiple: new Map(),
    initialParams: new Map(),
    defaultParams: 0,
    systemDefaults: new Map(),
    appendedOffsets: [],
  };
  const file: ULogFile = {
    ...defs,
    version: bytes[7],
    startTimestamp,
    lastTimestamp: startTimestamp,
    subscriptions: [],
    logged: [],
    dropouts: [],
    changedParams: [],
    syncCount: 0,
    corrupt: false,
    warnings: [],
  };
  let pos = readDefinitionsSection(bytes, view, file);
  const scanner = new DataScanner(bytes, view, file, options);
  const ends = file.appendedOffsets.filter((o) => o > pos && o <= bytes.length);
  if (ends.length !== file.appendedOffsets.length) {
    file.warnings.push('ULog appended-data offsets point outside the file; they were ignored');
  }
  for (const end of ends) {
    scanner.scan(pos, end);
    pos = end;
  }
  scanner.scan(pos, Number.POSITIVE_INFINITY);
  return file;
}

function readDefinitionsSection(bytes: Uint8Array, view: DataView, file: ULogFile): number {
  let pos = 16;
  while (pos + 3 <= bytes.length) {
    const size = bytes[pos] | (bytes[pos + 1] << 8);
    const type = bytes[pos + 2];
    if (type === 0x41 || type === 0x4c || type === 0x43) return pos; // A, L, C open the data section
    if (pos + 3 + size > bytes.length) break;
    if (!readDefinitionMessage(type, view, pos + 3, size, file, pos === 16)) {
      if (type === 0 || size === 0 || size > 10000) {
        file.corrupt = true;
        pos += 1; // a broken header: step one byte, as pyulog does
        continue;
      }
    }
    pos += 3 + size;
  }
  return pos;
}

class DataScanner {
  private readonly subsById: (ULogSubscription | undefined)[] = [];
  private readonly handlers: (ULogDataHandler | undefined)[] = [];
  private readonly missing = new Set<number>();
  private hasSync = true;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    private readonly file: ULogFile,
    private readonly options: ReadULogOptions,
  ) {}

  scan(from: number, until: number): void {
    const { bytes, view, file, subsById, handlers } = this;
    const length = bytes.length;
    let pos = from;
    let last = file.lastTimestamp;
    while (pos + 3 <= length) {
      const size = bytes[pos] | (bytes[pos + 1] << 8);
      const type = bytes[pos + 2];
      const end = pos + 3 + size;
      if (end > length) {
        file.warnings.push(`ULog file is truncated: the message at ${describeOffset(pos)} is cut off`);
        break;
      }
      if (end > until) break;
      const p = pos + 3;
      if (type === D) {
        if (size >= 2) {
          const id = bytes[p] | (bytes[p + 1] << 8);
          const sub = subsById[id];
          if (sub === undefined) this.noSubscription(id, pos);
          else if (size - 2 !== sub.layout!.size)
            this.corruptAt(pos, `data of "${sub.name}" has the wrong size`);
          else {
            sub.count++;
            const t = p + 2 + sub.layout!.timestampOffset;
            const ts = view.getUint32(t + 4, true) * 4294967296 + view.getUint32(t, true);
            if (ts > last) last = ts;
            const h = handlers[id];
            if (h !== undefined) h(view, p + 2, ts);
          }
        }
        pos = end;
        continue;
      }
      // Other messages (a dropout, a parameter change) are timed by the last data message before them.
      file.lastTimestamp = last;
      pos = this.other(type, p, size, end);
    }
    file.lastTimestamp = last;
  }

  /** Every message type but 'D'; returns where to continue. */
  private other(type: number, p: number, size: number, end: number): number {
    const { view, file } = this;
    switch (type) {
      case 0x41: // A: add subscription
        this.subscribe(view.getUint8(p), view.getUint16(p + 1, true), this.text(p + 3, end), p - 3);
        return end;
      case 0x52: // R: remove subscription
        return end;
      case 0x4c: // L: logged string
        file.logged.push({
          level: level(view.getUint8(p)),
          timestamp: u64(view, p + 1),
          text: this.text(p + 9, end),
        });
        return end;
      case 0x43: // C: tagged logged string
        file.logged.push({
          level: level(view.getUint8(p)),
          tag: view.getUint16(p + 1, true),
          timestamp: u64(view, p + 3),
          text: this.text(p + 11, end),
        });
        return end;
      case 0x4f: // O: dropout
        file.dropouts.push({ timestamp: file.lastTimestamp, durationMs: view.getUint16(p, true) });
        return end;
      case 0x53: // S: sync
        file.syncCount++;
        return end;
      case 0x50: {
        // P: parameter changed in flight
        const kv = parameterMessage(view, p, end);
        if (kv) file.changedParams.push({ timestamp: file.lastTimestamp, key: kv.key, value: kv.value });
        return end;
      }
      default:
        if (readDefinitionMessage(type, view, p, size, file, false)) return end;
        return this.unknown(type, p, size, end);
    }
  }

  private unknown(type: number, p: number, size: number, end: number): number {
    if (type === 0 || size === 0 || size > 10000) {
      this.corruptAt(p - 3, 'invalid message header');
      if (!this.hasSync) return p - 2;
      const found = this.findSync(p - 2, this.bytes.length);
      if (found < 0) this.hasSync = false;
      return found < 0 ? p - 2 : found;
    }
    // A message type newer than this reader: skip it, unless a sync marker hides in it.
    if (!this.hasSync) return end;
    const found = this.findSync(p, end);
    return found < 0 ? end : found;
  }

  private subscribe(multiId: number, msgId: number, name: string, at: number): void {
    let layout: TopicLayout | null = null;
    try {
      layout = layoutTopic(name, this.file.formats);
    } catch (e) {
      this.file.warnings.push(
        `ULog topic "${name}" at ${describeOffset(at)}: ${(e as Error).message}; skipped`,
      );
      return;
    }
    const sub: ULogSubscription = { msgId, multiId, name, layout, count: 0 };
    this.file.subscriptions.push(sub);
    this.subsById[msgId] = sub;
    this.handlers[msgId] = this.options.subscribe?.(sub);
  }

  private noSubscription(id: number, at: number): void {
    if (this.missing.has(id)) return;
    this.missing.add(id);
    this.corruptAt(at, `data for unknown message id ${id}`);
  }

  private corruptAt(at: number, what: string): void {
    this.file.corrupt = true;
    if (this.file.warnings.length < 20) {
      this.file.warnings.push(`ULog file is corrupt at ${describeOffset(at)} (${what}); skipped`);
    }
  }

  /** Offset just after the next sync marker in [from, to), or -1. */
  private findSync(from: number, to: number): number {
    const b = this.bytes;
    const last = Math.min(to, b.length) - SYNC.length;
    for (let i = from; i <= last; i++) {
      if (b[i] !== 0x2f) continue;
      let k = 1;
      while (k < SYNC.length && b[i + k] === SYNC[k]) k++;
      if (k === SYNC.length) return i + SYNC.length;
    }
    return -1;
  }

  private text(from: number, to: number): string {
    return this.decoder.decode(this.bytes.subarray(from, to));
  }
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at + 4, true) * 4294967296 + view.getUint32(at, true);
}

/** PX4 writes the level as an ASCII digit ('0'..'7'); some writers use the raw number. */
function level(b: number): number {
  return b >= 0x30 ? b - 0x30 : b;
}
