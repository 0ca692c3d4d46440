/**
 * Whether bytes open like a DJI flight record: a version byte at 10 and then, from v13, an info block
 * at 100 followed by a version block; before v13 either a details block whose start time is a plausible
 * date, or (a file cut off before its details) two framed records in a row where the records start.
 * Byte 10 alone is small in many binaries, hence the second check.
 */
export function looksLikeDjiTxt(b: Uint8Array): boolean {
  if (b.length < 32) return false;
  const version = b[10];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (version >= 13 && version <= 20) {
    if (b.length < 110 || b[100] !== 0) return false;
    const next = 103 + view.getUint16(101, true);
    return next < b.length && b[next] === 1;
  }
  if (!(version >= 1 && version <= 12 && view.getUint32(4, true) === 0)) return false;
  const recordsStart = version <= 5 ? 12 : version === 12 ? 536 : 100;
  const detailsAt = version === 12 ? 100 : view.getUint32(0, true);
  if (detailsAt >= 12 && detailsAt + 99 <= b.length) {
    const startMs = Number(view.getBigInt64(detailsAt + 91, true));
    if (startMs > 1_262_304_000_000 && startMs < 4_102_444_800_000) return true;
  }
  const second = recordEnd(b, recordsStart);
  return second > 0 && recordEnd(b, second) > 0;
}

/** End of a record framed at p (type, u8 length, payload, 0xFF), or -1. */
function recordEnd(b: Uint8Array, p: number): number {
  if (p + 2 > b.length || b[p] === 0 || b[p] === 0xff) return -1;
  const next = p + 2 + b[p + 1] + 1;
  return next <= b.length && b[next - 1] === 0xff ? next : -1;
}
