import { COUNTRY_REGIMES, TERRITORY_PARENTS } from './radio-countries.ts';
import { DEFAULT_REGIME_ID, RADIO_REGIMES, RADIO_TABLE_VERSION } from './radio-table.ts';
import type { RadioBand, RadioRegime, RadioRules } from './types.ts';

/** The regime of one upper-case code, or undefined when the table does not know it. */
function regimeOf(code: string): RadioRegime | undefined {
  // Two capitals only: also keeps inherited keys such as 'constructor' from looking like countries.
  if (!/^[A-Z]{2}$/.test(code)) return undefined;
  const country = TERRITORY_PARENTS[code] ?? code;
  const id = COUNTRY_REGIMES[country];
  return id === undefined ? undefined : RADIO_REGIMES[id];
}

function joinNotes(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || a === b) return b ?? a;
  if (b === undefined) return a;
  return `${a} / ${b}`;
}

/** The stricter of two bands with the same id, or null when their edges do not overlap. */
function stricterBand(a: RadioBand, b: RadioBand): RadioBand | null {
  const minMHz = Math.max(a.minMHz, b.minMHz);
  const maxMHz = Math.min(a.maxMHz, b.maxMHz);
  if (minMHz >= maxMHz) return null;
  const since =
    a.since === undefined ? b.since : b.since === undefined || a.since > b.since ? a.since : b.since;
  const notes = joinNotes(a.notes, b.notes);
  return {
    id: a.id,
    minMHz,
    maxMHz,
    maxEirpDbm: Math.min(a.maxEirpDbm, b.maxEirpDbm),
    licenceRequired: a.licenceRequired || b.licenceRequired,
    ...(since === undefined ? {} : { since }),
    ...(notes === undefined ? {} : { notes }),
  };
}

/** Only the bands every regime allows, each at its strictest. */
function intersectBands(regimes: readonly RadioRegime[]): RadioBand[] {
  let bands: RadioBand[] = [...regimes[0].bands];
  for (const regime of regimes.slice(1)) {
    const next: RadioBand[] = [];
    for (const band of bands) {
      const other = regime.bands.find((b) => b.id === band.id);
      const merged = other === undefined ? null : stricterBand(band, other);
      if (merged !== null) next.push(merged);
    }
    bands = next;
  }
  return bands;
}

/**
 * The radio rules for the country the drone is in. One candidate gives that country's rules; several
 * candidates (near a border, an MCC shared by territories) or none give the strictest combination:
 * only bands allowed in every candidate, at the lowest e.i.r.p., with a licence if any needs one.
 * Unknown codes count as DEFAULT (2.4 GHz only, 20 dBm), so an unknown never loosens the answer.
 *
 * @example
 * radioRulesFor(['CH']).bands;          // 2.4 GHz at 20 dBm, 5.8 GHz at 14 dBm
 * radioRulesFor(['US', 'CA']).ambiguous; // true
 * radioRulesFor([]).regimes;             // ['DEFAULT']
 */
export function radioRulesFor(countries: readonly string[]): RadioRules {
  const list: readonly unknown[] = Array.isArray(countries) ? countries : [];
  const codes = [...new Set(list.map((c) => String(c).trim().toUpperCase()))].sort();
  const regimes: RadioRegime[] = [];
  const unknownCountries: string[] = [];
  for (const code of codes) {
    const known = regimeOf(code);
    if (known === undefined) unknownCountries.push(code);
    const regime = known ?? RADIO_REGIMES[DEFAULT_REGIME_ID];
    if (!regimes.includes(regime)) regimes.push(regime);
  }
  if (regimes.length === 0) regimes.push(RADIO_REGIMES[DEFAULT_REGIME_ID]);
  return {
    countries: codes,
    ambiguous: codes.length !== 1,
    bands: intersectBands(regimes),
    regimes: regimes.map((r) => r.id),
    sources: regimes.map((r) => r.source),
    verified: regimes.every((r) => r.verified),
    unknownCountries,
    tableVersion: RADIO_TABLE_VERSION,
  };
}
