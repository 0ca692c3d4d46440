import type { Zone } from '../zone/index.ts';

/**
 * When a zone stops applying for good: the latest `end` of its applicability entries, or null when
 * it never does (no entries, or an entry without an end). A restriction is valid in [start, end):
 * at its end time it is gone, from every answer and every device.
 *
 * @example
 * const end = zoneEndsAt(tfr); // ms since the epoch, or null: no end (or one period has none)
 * if (end !== null) note(`until ${new Date(end).toISOString()}`);
 */
export function zoneEndsAt(zone: Pick<Zone, 'applicability'>): number | null {
  if (zone.applicability.length === 0) return null;
  let latest = Number.NEGATIVE_INFINITY;
  for (const a of zone.applicability) {
    if (!a.end) return null;
    const t = Date.parse(a.end);
    if (Number.isNaN(t)) return null;
    if (t > latest) latest = t;
  }
  return latest;
}

/**
 * Whether the zone's validity has ended by `at` (ms since the epoch): it no longer applies, ever.
 *
 * @example
 * const current = zones.filter((z) => !hasZoneEnded(z, Date.now()));
 */
export function hasZoneEnded(zone: Pick<Zone, 'applicability'>, at: number): boolean {
  const end = zoneEndsAt(zone);
  return end !== null && at >= end;
}

/**
 * Every start and end time the zone's applicability names, ms since the epoch.
 *
 * @example
 * const next = zoneChangeTimes(zone).find((t) => t > Date.now()); // when the zone next starts or stops applying
 */
export function zoneChangeTimes(zone: Pick<Zone, 'applicability'>): number[] {
  const out: number[] = [];
  for (const a of zone.applicability) {
    for (const s of [a.start, a.end]) {
      if (!s) continue;
      const t = Date.parse(s);
      if (!Number.isNaN(t)) out.push(t);
    }
  }
  return out;
}

/**
 * The earliest end time after `after` among the zones, or null: how long an answer holding them stays true.
 *
 * @example
 * const end = earliestEnd(answerZones, Date.now());
 * const maxAgeS = end === null ? 3600 : Math.min(3600, Math.floor((end - Date.now()) / 1000));
 */
export function earliestEnd(zones: Iterable<Pick<Zone, 'applicability'>>, after: number): number | null {
  let best: number | null = null;
  for (const z of zones) {
    if (z.applicability.length === 0) continue;
    const end = zoneEndsAt(z);
    if (end !== null && end > after && (best === null || end < best)) best = end;
  }
  return best;
}
