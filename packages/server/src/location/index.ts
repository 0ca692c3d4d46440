export { clientAddress } from './client-address.ts';
export type { AnswerValidity, LocationAnswer } from './location-answer.ts';
export { cellAnswer, countriesInBoxes, nearAnswer, zonesForCell } from './location-answer.ts';
