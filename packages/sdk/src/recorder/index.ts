/**
 * `@airlock/sdk/recorder`: flights recorded on the device in AFLR; logs leave only through Sync.
 * `createAirlock` builds one as `airlock.recorder`.
 *
 * @example
 * import { createFlightRecorder, memoryAppendStore } from '@airlock/sdk/recorder';
 * const recorder = createFlightRecorder({ store: memoryAppendStore() });
 * const id = recorder.start({ aircraft: 'Quad X4', app: 'MyFlightApp 2.1' });
 *
 * @module @airlock/sdk/recorder
 */
export { type AppendStore, memoryAppendStore } from './append-store.ts';
export {
  createFlightLibrary,
  type FlightLibrary,
  RECORDING_SUFFIX,
  type StoredFlightLog,
} from './flight-library.ts';
export {
  createFlightRecorder,
  type FlightRecorder,
  type FlightRecorderOptions,
  type RecorderState,
  type RecordingResult,
} from './flight-recorder.ts';
export type { RecorderSample } from './recorder-sample.ts';
