export { type DjiDetails, type DjiLayout, readDjiLayout } from './dji-layout.ts';
export { DJI_KEY_NOTICE, parseDjiTxt } from './dji-to-flight.ts';
export { looksLikeDjiTxt } from './looks-like-dji.ts';
