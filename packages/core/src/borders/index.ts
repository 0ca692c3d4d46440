/**
 * Where am I, on the device and offline, from country borders (@rapideditor/country-coder's, about
 * 600 kB): country candidates from a position, with a radius for its uncertainty. Apart from
 * region/ (the mobile country code) because only the SDK's optional `@airlock/sdk/region` and the
 * server need the borders; a location check does not (the cell answer names the countries).
 */
export { countriesNear } from './countries-near.ts';
