import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeSegment,
  type JournalPosition,
  type JournalRecord,
  segmentName,
  segmentNumber,
} from './journal-format.ts';

export interface ReplayOutcome {
  /** Records handed to `onRecord`. */
  records: number;
  /** Where the journal ends: the checkpoint once the replayed records are in the database. */
  end: JournalPosition;
  /** Bytes ignored after the last whole record of a segment (a write torn by a crash). */
  tornBytes: number;
}

/**
 * Reads a journal folder's records after `from` (its checkpoint; the whole journal when none), in
 * order, one segment at a time. A torn or corrupt record ends its segment and is counted, never
 * thrown: the report in it was never answered 202, because its fsync did not complete.
 */
export function replayJournal(
  dir: string,
  from: JournalPosition | undefined,
  onRecord: (r: JournalRecord) => void,
): ReplayOutcome {
  const segments = readdirSync(dir)
    .map(segmentNumber)
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
  let records = 0;
  let tornBytes = 0;
  let end: JournalPosition = from ?? { segment: 0, offset: 0 };
  for (const n of segments) {
    if (from && n < from.segment) continue;
    const decoded = decodeSegment(
      readFileSync(join(dir, segmentName(n))),
      from && n === from.segment ? from.offset : undefined,
    );
    for (const r of decoded.records) onRecord(r);
    records += decoded.records.length;
    tornBytes += decoded.tornBytes;
    end = { segment: n, offset: decoded.end };
  }
  return { records, end, tornBytes };
}
