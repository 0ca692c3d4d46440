export { cellAnswer, countriesInBoxes, nearAnswer } from './location-answer.ts';
export type { LocationAnswer } from './location-answer.ts';
export { clientAddress } from './client-address.ts';
