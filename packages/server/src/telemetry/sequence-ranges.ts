/** Stream sequences first..last (inclusive), as migration 015 records those already added. */
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

/** The runs of consecutive sequences in `seqs`: a batch of 1,000 from one fetch is usually one run. */
export function toRanges(seqs: Iterable<number>): SequenceRange[] {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const out: SequenceRange[] = [];
  for (const seq of sorted) {
    const last = out[out.length - 1];
    if (last && last.last + 1 === seq) last.last = seq;
    else out.push({ first: seq, last: seq });
  }
  return out;
}
