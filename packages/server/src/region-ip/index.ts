/**
 * IP address → country, offline, on the server. Privacy-critical: never logs or stores the address.
 */
export type { IpCountryLookup, IpCountryLookupOptions } from './ip-country-lookup.ts';
export { createIpCountryLookup } from './ip-country-lookup.ts';
