/**
 * The shapes of the radio-rules table and of the answer built from it. Band ids name the
 * familiar band a pilot sees in a flight app; `minMHz`/`maxMHz` give the exact edges, which differ
 * per country (5.8 GHz ends at 5850 MHz under the FCC, 5875 MHz under CEPT, 5829 MHz in China).
 *
 * @example
 * const allowed: RadioBandId[] = radioRulesFor(['CH']).bands.map((b) => b.id); // ['2.4GHz', '5.8GHz']
 */
export type RadioBandId = '2.4GHz' | '5.1GHz' | '5.7GHz' | '5.8GHz';

/**
 * One band a drone control/video link may use, with its power cap.
 *
 * @example
 * for (const b of radioRulesFor(['US']).bands as RadioBand[]) console.log(b.id, b.minMHz, b.maxMHz, b.maxEirpDbm, b.licenceRequired);
 */
export interface RadioBand {
  readonly id: RadioBandId;
  readonly minMHz: number;
  readonly maxMHz: number;
  /** Maximum equivalent isotropically radiated power, dBm. */
  readonly maxEirpDbm: number;
  /** True when the pilot (or the station) needs an individual licence to transmit here. */
  readonly licenceRequired: boolean;
  /** ISO date from which the band is usable on these terms, when that is recent enough to matter. */
  readonly since?: string;
  readonly notes?: string;
}

/**
 * One regulator's rules, shared by every country and territory that applies them.
 *
 * @example
 * const regime: RadioRegime = { id: 'CEPT', regulator: 'CEPT/ECC', bands, source: 'ERC/REC 70-03', verified: true };
 */
export interface RadioRegime {
  readonly id: string;
  readonly regulator: string;
  readonly bands: readonly RadioBand[];
  /** Regulator document names and URLs, as plain text. */
  readonly source: string;
  /** False while any figure in `bands` still rests on a secondary source or on memory. */
  readonly verified: boolean;
  readonly notes?: string;
}

/**
 * The rules that apply to a set of candidate countries: the strictest combination of theirs.
 *
 * @example
 * const rules: RadioRules = radioRulesFor(['CH', 'FR']); // near a border: the strictest of both
 * if (rules.ambiguous) note(`Rules for ${rules.countries.join(' or ')}`);
 * showBands(rules.bands);
 */
export interface RadioRules {
  /** The candidate ISO 3166-1 alpha-2 codes, upper-case, sorted, without duplicates. */
  readonly countries: readonly string[];
  /** True unless exactly one candidate country was given. */
  readonly ambiguous: boolean;
  /** Bands allowed in every candidate: intersected edges, lowest EIRP, licence if any needs one. */
  readonly bands: readonly RadioBand[];
  /** Ids of the regimes that were combined (`DEFAULT` when a candidate was unknown or none was given). */
  readonly regimes: readonly string[];
  readonly sources: readonly string[];
  /** True only when every combined regime is verified. */
  readonly verified: boolean;
  /** Candidates the table does not know; they were treated as `DEFAULT`. */
  readonly unknownCountries: readonly string[];
  readonly tableVersion: string;
}
