export {
  AFLR_MAGIC,
  AFLR_VERSION,
  type AirlockInfo,
  type AirlockSample,
  EVENT_KINDS as AFLR_EVENT_KINDS,
  SAMPLE_FIELDS as AFLR_SAMPLE_FIELDS,
  type SampleField as AirlockSampleField,
} from './airlock-layout.ts';
export { parseAirlockRecord } from './airlock-to-flight.ts';
export {
  encodeAirlockEnd,
  encodeAirlockEvent,
  encodeAirlockHeader,
  encodeAirlockInfo,
  encodeAirlockMode,
  encodeAirlockSamples,
} from './encode-airlock.ts';
export { type AirlockContents, readAirlockRecord } from './read-airlock.ts';
