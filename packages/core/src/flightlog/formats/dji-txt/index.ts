export { DJI_KEY_NOTICE, parseDjiTxt } from './dji-to-flight.ts';
export { type DjiDetails, readDjiDetails } from './read-dji-details.ts';
