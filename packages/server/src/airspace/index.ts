export type { AirspaceOptions, ImportOutcome, ImportPhase, ImportRequest } from './airspace-service.ts';
export { AirspaceService, contentVersion, DATASET_ID, DatasetConflictError } from './airspace-service.ts';
export {
  BUNDLED_DATA_DIR,
  BUNDLED_DATASET_ID,
  ensureBundledAirspace,
  readBundledFiles,
  readMaybeGzip,
} from './bundled-airspace.ts';
export type { DatasetInfo } from './dataset-store.ts';
export { DatasetStore } from './dataset-store.ts';
export type { PartialImportDetails } from './partial-import.ts';
export { MAX_SKIPPED_SHARE, PartialImportError, REFUSAL_ISSUES } from './partial-import.ts';
