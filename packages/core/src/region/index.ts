/**
 * Where am I, on the device and offline: country candidates from a position (with a radius for
 * its uncertainty) or from the mobile country code. Answers are candidate sets; feed them to
 * radioRulesFor, which combines several strictly.
 */
export { countriesForMcc } from './countries-for-mcc.ts';
export { countriesNear } from './countries-near.ts';
