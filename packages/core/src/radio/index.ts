/**
 * Radio rules: which bands and powers a drone's control/video link may use where it flies.
 * The table is data (radio-table.ts, radio-countries.ts); radioRulesFor combines it.
 */
export { radioRulesFor } from './radio-rules-for.ts';
export { radioRulesSchema } from './radio-schema.ts';
export { RADIO_TABLE_VERSION } from './radio-table.ts';
export type { RadioBand, RadioBandId, RadioRegime, RadioRules } from './types.ts';
