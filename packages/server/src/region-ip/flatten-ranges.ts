/**
 * Turns the database's rows into disjoint segments. The rows are sorted by start but not
 * disjoint: a few thousand nest a more specific range inside a wider one (a GeoFeed entry inside a
 * WHOIS block) and a few hundred overlap partly. The innermost, latest-starting row wins, as a
 * longest-prefix match would, and the enclosing row resumes after it ends.
 *
 * The output is a list of segment starts, each with a country index (or NO_COUNTRY for a gap)
 * valid up to the next start; adjacent segments with the same country are merged.
 */
export const NO_COUNTRY = 0xffff;

export interface Segments<T> {
  starts: T[];
  countries: number[];
}

interface OpenRow<T> {
  end: T;
  country: number;
}

/** `next(x)` is x + 1; `ends` are inclusive. Works on numbers (IPv4) and bigints (IPv6). */
export function flattenRanges<T extends number | bigint>(
  starts: readonly T[],
  ends: readonly T[],
  countries: readonly number[],
  next: (x: T) => T,
): Segments<T> {
  const out: Segments<T> = { starts: [], countries: [] };
  const emit = (start: T, country: number): void => {
    const last = out.countries.length - 1;
    if (last >= 0 && out.starts[last] === start) {
      out.countries[last] = country; // a later row starting at the same address overrides
    } else if (last < 0 || out.countries[last] !== country) {
      out.starts.push(start);
      out.countries.push(country);
    }
    // Merge again if the override made this segment equal to the one before.
    const n = out.countries.length;
    if (n >= 2 && out.countries[n - 1] === out.countries[n - 2]) {
      out.starts.pop();
      out.countries.pop();
    }
  };

  const open: OpenRow<T>[] = [];
  /** Emits the resumptions of enclosing rows that end before `until`; leaves a gap when none is open. */
  const closeBefore = (until: T | null): void => {
    while (open.length > 0) {
      const top = open[open.length - 1];
      if (until !== null && top.end >= until) return;
      open.pop();
      // The row below resumes after `top`, unless it ended within `top` (then it is simply gone).
      while (open.length > 0 && open[open.length - 1].end <= top.end) open.pop();
      const after = next(top.end);
      if (until !== null && after >= until) return;
      emit(after, open.length > 0 ? open[open.length - 1].country : NO_COUNTRY);
    }
  };

  for (let i = 0; i < starts.length; i++) {
    closeBefore(starts[i]);
    emit(starts[i], countries[i]);
    open.push({ end: ends[i], country: countries[i] });
  }
  closeBefore(null);
  return out;
}
