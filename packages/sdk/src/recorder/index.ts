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
