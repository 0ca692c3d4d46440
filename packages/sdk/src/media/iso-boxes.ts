import type { ByteView } from './byte-view.ts';

export interface Box {
  type: string;
  /** Where the box starts, where its payload starts, where it ends (clipped to the bytes held). */
  start: number;
  body: number;
  end: number;
}

/** The boxes between `from` and `to` (ISO BMFF / QuickTime atoms); stops at the first that lies. */
export function boxes(v: ByteView, from: number, to: number): Box[] {
  const out: Box[] = [];
  for (let o = from; o + 8 <= to && out.length < 10_000; ) {
    let size = v.u32(o);
    let body = o + 8;
    if (size === 1) {
      size = v.u64(o + 8);
      body = o + 16;
    } else if (size === 0) size = to - o;
    if (size < body - o) break;
    out.push({ type: v.ascii(o + 4, 4), start: o, body, end: Math.min(to, o + size) });
    o += size;
  }
  return out;
}

export function child(v: ByteView, box: Box, type: string, skip = 0): Box | undefined {
  return boxes(v, box.body + skip, box.end).find((b) => b.type === type);
}

/** A `meta` box is a full box in ISO files and a plain container in QuickTime's `udta`. */
export function metaChildren(v: ByteView, meta: Box): Box[] {
  const skip = v.ascii(meta.body + 4, 4) === 'hdlr' ? 0 : 4;
  return boxes(v, meta.body + skip, meta.end);
}

/** Seconds since 1904-01-01 (QuickTime's epoch) as ISO 8601, or null for the zero that means "unset". */
export function macTime(seconds: number): string | null {
  if (seconds === 0) return null;
  return new Date((seconds - 2_082_844_800) * 1000).toISOString().replace('.000Z', 'Z');
}
