export { clientAddress } from './client-address.ts';
export type { LocationAnswer } from './location-answer.ts';
export { cellAnswer, countriesInBoxes, nearAnswer } from './location-answer.ts';
