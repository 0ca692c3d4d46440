import { describeOffset } from '../../errors.ts';
import { recordName } from './dji-names.ts';

/**
 * Counts records by type without decrypting them: each is `type u8, length (u8 before v13, u16 after),
 * payload, 0xFF`. Framing is plaintext, so a count (and a check that the file is whole) needs no key.
 */
const IMAGES = 57;

export function countDjiRecords(
  bytes: Uint8Array,
  version: number,
  start: number,
  end: number,
): { counts: Map<string, number>; warning: string | null } {
  const counts = new Map<string, number>();
  const wide = version >= 13;
  let pos = start;
  const stop = Math.min(end, bytes.length);
  while (pos < stop) {
    const head = wide ? 3 : 2;
    if (pos + head > stop) break;
    const type = bytes[pos];
    const len = wide ? bytes[pos + 1] | (bytes[pos + 2] << 8) : bytes[pos + 1];
    const next = pos + head + len + 1;
    // Type 57 at the end opens the photo thumbnails (JPEG), which are not framed like records.
    if (type === IMAGES && (next > stop || bytes[next - 1] !== 0xff)) break;
    if (next > stop) {
      return {
        counts,
        warning: `DJI record file is truncated: the record at ${describeOffset(pos)} is cut off`,
      };
    }
    if (bytes[next - 1] !== 0xff) {
      return {
        counts,
        warning: `DJI record framing lost at ${describeOffset(pos)}; records after it were not counted`,
      };
    }
    const name = recordName(type);
    counts.set(name, (counts.get(name) ?? 0) + 1);
    pos = next;
  }
  return { counts, warning: null };
}
