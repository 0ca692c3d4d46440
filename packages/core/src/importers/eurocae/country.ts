import { iso1A2Code } from '@rapideditor/country-coder';

/**
 * ISO 3166-1 alpha-3 (what ED-269 and ED-318 carry) to alpha-2 (what the zone model keeps).
 * country-coder also accepts alpha-2 and a few aliases such as "UK", so lenient files still map.
 * Unknown or missing codes give null: a zone without a country is still a zone.
 */
export function toAlpha2(country: unknown): string | null {
  if (typeof country !== 'string' || country.trim() === '') return null;
  return iso1A2Code(country.trim()) ?? null;
}
