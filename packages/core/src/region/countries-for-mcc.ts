import { MCC_COUNTRIES } from './mcc-table.ts';

/**
 * Candidate countries for a mobile country code (the MCC half of the SIM's or network's PLMN id),
 * as ISO 3166-1 alpha-2 codes, sorted. Several MCCs serve more than one territory (234: GB, GG,
 * IM, JE; 310: the US and its territories), so the answer is a candidate set, to be narrowed by
 * position or combined strictly. Anything but exactly three digits gives [].
 *
 * @example
 * countriesForMcc('228');  // ['CH']
 * countriesForMcc(234);    // ['GB', 'GG', 'IM', 'JE']
 * countriesForMcc('99');   // []
 */
export function countriesForMcc(mcc: string | number): string[] {
  // A number has lost its leading zeros; anything else from a JS caller must not throw.
  const key =
    typeof mcc === 'number'
      ? Number.isInteger(mcc) && mcc >= 0
        ? String(mcc).padStart(3, '0')
        : ''
      : typeof mcc === 'string'
        ? mcc.trim()
        : '';
  const codes = /^\d{3}$/.test(key) ? MCC_COUNTRIES[key] : undefined;
  return codes === undefined ? [] : [...codes];
}
