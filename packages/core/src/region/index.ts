/**
 * Where am I, on the device and offline, without borders: country candidates from the mobile
 * country code (a small table). Candidates from a position are in borders/. Answers are candidate
 * sets; feed them to radioRulesFor, which combines several strictly.
 */
export { countriesForMcc } from './countries-for-mcc.ts';
