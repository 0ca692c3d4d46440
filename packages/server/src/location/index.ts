export { clientAddress } from './client-address.ts';
export type { LocationAnswer } from './location-answer.ts';
export { cellAnswer, countriesInBoxes, nearAnswer, zonesForCell } from './location-answer.ts';
