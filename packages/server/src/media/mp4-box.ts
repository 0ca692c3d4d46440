import { corrupt } from './media-error.ts';

/** One box inside a buffer: `type` is its four-character code read as Latin-1 (`©xyz`). */
export interface Box {
  type: string;
  /** Offset of the box's first byte (its size field). */
  start: number;
  /** Offset of the payload (after size, type and a 64-bit size if present). */
  body: number;
  /** Offset just past the box. */
  end: number;
}

/**
 * The boxes laid one after another in `buf[from, to)`. A size of 0 (extends to the end) is taken to
 * end at `to`. A size that runs past `to`, or below its own header, makes the file corrupt: nothing
 * here guesses.
 */
export function boxesIn(buf: Buffer, from = 0, to = buf.length): Box[] {
  const out: Box[] = [];
  let at = from;
  while (at < to) {
    // QuickTime may end a list of atoms with a 32-bit zero "terminator".
    if (to - at === 4 && buf.readUInt32BE(at) === 0) break;
    if (to - at < 8) throw corrupt(`a box header at byte ${at} is cut short`);
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let body = at + 8;
    if (size === 1) {
      if (to - at < 16) throw corrupt(`a 64-bit box size at byte ${at} is cut short`);
      size = Number(buf.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) size = to - at;
    if (size < body - at || at + size > to)
      throw corrupt(`box "${printable(type)}" at byte ${at} claims ${size} bytes, which do not fit`);
    out.push({ type, start: at, body, end: at + size });
    at += size;
  }
  return out;
}

/** The first child of that type, or undefined. */
export function child(buf: Buffer, parent: Box, type: string): Box | undefined {
  return boxesIn(buf, parent.body, parent.end).find((b) => b.type === type);
}

/** A box from its type and payload parts (32-bit size: nothing this module writes nears 4 GiB). */
export function makeBox(type: string, ...parts: Buffer[]): Buffer {
  const header = Buffer.alloc(8);
  const size = 8 + parts.reduce((n, p) => n + p.length, 0);
  header.writeUInt32BE(size, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, ...parts], size);
}

/** A box copied as it is (header included). */
export function rawBox(buf: Buffer, box: Box): Buffer {
  return buf.subarray(box.start, box.end);
}

/** A box type safe to put in an error message. */
export function printable(type: string): string {
  return type.replace(/[^\x20-\x7e]/g, '?');
}
