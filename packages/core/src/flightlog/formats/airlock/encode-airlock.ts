import type { FlightEventKind } from '../../model/index.ts';
import {
  AFLR_HEADER_BYTES,
  AFLR_MAGIC,
  AFLR_VERSION,
  type AirlockInfo,
  type AirlockSample,
  EVENT_KINDS,
  RECORD,
  SAMPLE_FIELDS,
} from './airlock-layout.ts';
import { crc32 } from './crc32.ts';
import { ByteWriter } from './varint.ts';

/**
 * The writer half of AFLR. Each function returns one framed record (length, body, CRC-32), ready to
 * append; a file is the header followed by records in any number of appends.
 */

/**
 * The 8-byte file header.
 *
 * @example
 * store.append(name, encodeAirlockHeader()); // first 8 bytes of every AFLR file
 */
export function encodeAirlockHeader(): Uint8Array {
  const h = new Uint8Array(AFLR_HEADER_BYTES);
  h.set(AFLR_MAGIC, 0);
  h[4] = AFLR_VERSION;
  return h;
}

/**
 * The info record that follows the header: the flight's UTC start and the aircraft's and app's names.
 *
 * @example
 * store.append(name, encodeAirlockInfo({ start_ms: Date.now(), aircraft: 'Quad X4', app: 'MyFlightApp 2.1' }));
 */
export function encodeAirlockInfo(info: AirlockInfo): Uint8Array {
  const w = new ByteWriter();
  w.byte(RECORD.info);
  w.uvarint(info.start_ms !== null && info.start_ms > 0 ? Math.round(info.start_ms) : 0);
  w.text(info.aircraft ?? '', 200);
  w.text(info.app ?? '', 200);
  return frame(w);
}

/**
 * One chunk of samples. Every chunk starts from zero state, so each decodes on its own and a damaged
 * chunk costs only its own samples. Per sample: the time step, a mask of changed fields (bit 0 says a
 * new "known" mask follows), then each changed field as a zigzag delta of its quantized value.
 *
 * @example
 * store.append(name, encodeAirlockSamples(bufferedSamples)); // one chunk, about 14 bytes a sample
 */
export function encodeAirlockSamples(samples: readonly AirlockSample[]): Uint8Array {
  const w = new ByteWriter();
  w.byte(RECORD.samples);
  const prev = new Array<number>(SAMPLE_FIELDS.length).fill(0);
  let known = 0;
  let t = 0;
  for (const s of samples) {
    const tMs = Math.max(t, Math.round(Number.isFinite(s.t_ms) ? s.t_ms : t));
    w.uvarint(tMs - t);
    t = tMs;
    let nowKnown = 0;
    let changed = 0;
    const q: number[] = [];
    for (let i = 0; i < SAMPLE_FIELDS.length; i++) {
      const f = SAMPLE_FIELDS[i];
      const v = s[f.name];
      // Beyond 2^48 a varint would lose integer precision: such a value is garbage, stored as unknown.
      if (!Number.isFinite(v) || Math.abs(v * f.scale) > 2 ** 48) continue;
      nowKnown += 2 ** i;
      q[i] = quantize(v, f.scale, f.wrap);
      if (q[i] !== prev[i]) changed += 2 ** i;
    }
    const knownChanged = nowKnown !== known;
    w.uvarint(changed * 2 + (knownChanged ? 1 : 0));
    if (knownChanged) w.uvarint(nowKnown);
    known = nowKnown;
    for (let i = 0; i < SAMPLE_FIELDS.length; i++) {
      if (Math.floor(changed / 2 ** i) % 2 === 0) continue;
      w.svarint(wrapDelta(q[i] - prev[i], SAMPLE_FIELDS[i].wrap));
      prev[i] = q[i];
    }
  }
  return frame(w);
}

/**
 * An event record: a photo, a video start or stop, an arm, a message, at `t_ms` after the start.
 *
 * @example
 * store.append(name, encodeAirlockEvent(73_400, 'photo'));
 * store.append(name, encodeAirlockEvent(80_000, 'warning', 'Low battery'));
 */
export function encodeAirlockEvent(t_ms: number, kind: FlightEventKind, text?: string): Uint8Array {
  const w = new ByteWriter();
  w.byte(RECORD.event);
  w.uvarint(Math.max(0, Math.round(t_ms)));
  w.byte(EVENT_KINDS.indexOf(kind) + 1);
  w.text(text ?? '');
  return frame(w);
}

/**
 * A mode record: the flight mode, as the autopilot names it, in force from `t_ms` on.
 *
 * @example
 * store.append(name, encodeAirlockMode(12_000, 'POSCTL'));
 */
export function encodeAirlockMode(t_ms: number, mode: string): Uint8Array {
  const w = new ByteWriter();
  w.byte(RECORD.mode);
  w.uvarint(Math.max(0, Math.round(t_ms)));
  w.text(mode, 100);
  return frame(w);
}

/**
 * The last record of a flight closed on purpose; a file without one was cut off (or is still growing).
 *
 * @example
 * store.append(name, encodeAirlockEnd(734_000)); // the flight was stopped on purpose after 734 s
 */
export function encodeAirlockEnd(t_ms: number): Uint8Array {
  const w = new ByteWriter();
  w.byte(RECORD.end);
  w.uvarint(Math.max(0, Math.round(t_ms)));
  return frame(w);
}

export function quantize(v: number, scale: number, wrap?: number): number {
  const q = Math.round(v * scale);
  return wrap ? ((q % wrap) + wrap) % wrap : q;
}

/** The delta moved into [-wrap/2, wrap/2) for a circular field: the short way round. */
export function wrapDelta(d: number, wrap?: number): number {
  if (!wrap) return d;
  const m = (((d + wrap / 2) % wrap) + wrap) % wrap;
  return m - wrap / 2;
}

/** Length prefix + body + CRC-32 (over prefix and body, so a damaged length is caught too). */
function frame(body: ByteWriter): Uint8Array {
  const out = new ByteWriter();
  out.uvarint(body.length);
  out.bytes(body.toBytes());
  const bytes = out.toBytes();
  const framed = new ByteWriter();
  framed.bytes(bytes);
  framed.u32le(crc32(bytes));
  return framed.toBytes();
}
