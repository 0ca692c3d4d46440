/**
 * Stream sequences first..last (inclusive), as migration 015 recorded those already added (read only
 * since migration 018, for batches added before it and not yet acknowledged).
 */
export interface SequenceRange {
  first: number;
  last: number;
}

/** The sequences of `seqs` outside every range (`ranges` in any order, not overlapping). */
export function outsideRanges(seqs: readonly number[], ranges: readonly SequenceRange[]): Set<number> {
  const sorted = [...ranges].sort((a, b) => a.first - b.first);
  const fresh = new Set<number>();
  for (const seq of [...seqs].sort((a, b) => a - b)) {
    // Binary search for the last range starting at or before seq.
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].first <= seq) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0 || sorted[hi].last < seq) fresh.add(seq);
  }
  return fresh;
}
