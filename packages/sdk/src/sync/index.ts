export type { Sha256 } from '../platform/index.ts';
export {
  createSync,
  type Sync,
  type SyncCallOptions,
  type SyncOptions,
  type SyncReport,
} from './create-sync.ts';
export type { LogSyncResult } from './upload-log.ts';
