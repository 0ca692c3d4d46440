/**
 * Data, not logic: which regime each country applies, and which territories follow their parent's
 * regime. A territory is aliased only where the parent's regulator demonstrably governs it (US
 * territories under the FCC, EU outermost regions under EU law, Crown Dependencies under Ofcom);
 * the rest (e.g. HK, MO, BM, GL, NC) fall back to DEFAULT until someone adds them with a source.
 */

const EU_MEMBERS = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK';
const EEA_EFTA_AND_CH = 'IS LI NO CH';

export const COUNTRY_REGIMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(`${EU_MEMBERS} ${EEA_EFTA_AND_CH}`.split(' ').map((c) => [c, 'CEPT'])),
  GB: 'GB',
  US: 'FCC',
  CA: 'ISED',
  JP: 'JP-MIC',
  CN: 'CN-MIIT',
  AU: 'AU-ACMA',
  NZ: 'NZ-RSM',
  KR: 'KR-MSIT',
  IN: 'IN-WPC',
  BR: 'BR-ANATEL',
  SG: 'SG-IMDA',
};

/** Territory (or alternative code) → the country whose rules apply there. */
export const TERRITORY_PARENTS: Readonly<Record<string, string>> = {
  // FCC jurisdiction: Puerto Rico, Guam, US Virgin Islands, American Samoa, Northern Marianas, minor islands
  PR: 'US',
  GU: 'US',
  VI: 'US',
  AS: 'US',
  MP: 'US',
  UM: 'US',
  // Crown Dependencies: Ofcom manages their spectrum
  IM: 'GB',
  JE: 'GB',
  GG: 'GB',
  // EU outermost regions (EU law applies) and metropolitan France
  GF: 'FR',
  GP: 'FR',
  MQ: 'FR',
  RE: 'FR',
  YT: 'FR',
  MF: 'FR',
  FX: 'FR',
  IC: 'ES',
  EA: 'ES',
  AX: 'FI',
  // Svalbard and Jan Mayen: Norwegian regulations
  SJ: 'NO',
  // External territories under the Australian Radiocommunications Act
  CX: 'AU',
  CC: 'AU',
  NF: 'AU',
  // Codes some sources use instead of the ISO ones
  UK: 'GB',
  EL: 'GR',
};
