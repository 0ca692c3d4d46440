import { FIELD_REGISTRY } from '@airlock/core';
import type { CounterRow, ErrorCountRow, ErrorGroupRow } from './aggregate-buffer.ts';

/** Where values beyond the cap are counted. */
export const OTHER = 'other';

/**
 * The counter dimensions whose values an app writes freely (within a pattern): the registry's
 * free-text context fields, today app_version, os_version and device_model. Every other dimension
 * takes declared names or bucket labels only. Error groups (error_type and stack, hence the
 * fingerprint) are free too, and bounded the same way per day.
 */
export const BOUNDED_DIMENSIONS: ReadonlySet<string> = new Set(
  FIELD_REGISTRY.filter((f) => f.kind === 'context' && f.type.type === 'string').map((f) => f.name),
);

/** Values already stored, per `day|category|dimension` (counters) or per day (error fingerprints). */
export type StoredValues = Map<string, Set<string>>;

// The commonest values of a batch are admitted first, so a flood of one-off values cannot take the
// places of the versions and models most reports carry; ties go by value, for repeatable results.
const popularFirst =
  <T extends { reports: number }>(key: (r: T) => string) =>
  (a: T, b: T) =>
    b.reports - a.reports || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

function admit(stored: StoredValues, group: string, value: string, cap: number): boolean {
  let values = stored.get(group);
  if (!values) stored.set(group, (values = new Set()));
  if (value === OTHER || values.has(value)) return true;
  if (values.size - (values.has(OTHER) ? 1 : 0) >= cap) return false;
  values.add(value);
  return true;
}

/**
 * Counter rows with at most `cap` distinct values per day in each bounded dimension, counting what
 * is stored already: the rest are added up into the dimension's "other" row. Reports are conserved
 * (each report names one value per dimension, so it lands in one row either way).
 */
export function boundCounters(rows: CounterRow[], stored: StoredValues, cap: number): CounterRow[] {
  const out: CounterRow[] = [];
  const others = new Map<string, CounterRow>();
  const bounded = rows.filter((r) => BOUNDED_DIMENSIONS.has(r.dimension));
  for (const r of rows) if (!BOUNDED_DIMENSIONS.has(r.dimension)) out.push(r);
  for (const r of bounded.sort(popularFirst((x) => x.value))) {
    const group = `${r.day}|${r.category}|${r.dimension}`;
    if (admit(stored, group, r.value, cap)) {
      out.push(r);
      continue;
    }
    const other = others.get(group);
    if (other) {
      other.reports += r.reports;
      other.total += r.total;
    } else {
      const folded = { ...r, value: OTHER };
      others.set(group, folded);
      out.push(folded);
    }
  }
  // An "other" row may also have come from the batch itself (an app sending "other"): merge the two.
  const merged = new Map<string, CounterRow>();
  for (const r of out) {
    const key = `${r.day}|${r.category}|${r.dimension}|${r.value}`;
    const m = merged.get(key);
    if (m) {
      m.reports += r.reports;
      m.total += r.total;
    } else merged.set(key, { ...r });
  }
  return [...merged.values()];
}

/**
 * Error counts with at most `cap` distinct error groups per day (stored ones included), the rest
 * added up into an "other" group with no sample; and the groups the admitted counts refer to.
 */
export function boundErrors(
  counts: ErrorCountRow[],
  groups: Map<string, ErrorGroupRow>,
  stored: StoredValues,
  cap: number,
): { counts: ErrorCountRow[]; groups: ErrorGroupRow[] } {
  const kept = new Map<string, ErrorCountRow>();
  const usedGroups = new Map<string, ErrorGroupRow>();
  for (const c of [...counts].sort(popularFirst((x) => x.fingerprint))) {
    const fingerprint = admit(stored, c.day, c.fingerprint, cap) ? c.fingerprint : OTHER;
    const key = `${c.day}|${fingerprint}`;
    const k = kept.get(key);
    if (k) {
      k.reports += c.reports;
      k.events += c.events;
      k.crashes += c.crashes;
    } else kept.set(key, { ...c, fingerprint });
    const source = groups.get(fingerprint);
    const g = usedGroups.get(fingerprint);
    if (!g) {
      usedGroups.set(fingerprint, {
        fingerprint,
        errorType: source?.errorType ?? OTHER,
        sampleStack: source?.sampleStack ?? '',
        firstDay: c.day,
        lastDay: c.day,
      });
    } else {
      if (c.day < g.firstDay) g.firstDay = c.day;
      if (c.day > g.lastDay) g.lastDay = c.day;
    }
  }
  return { counts: [...kept.values()], groups: [...usedGroups.values()] };
}
