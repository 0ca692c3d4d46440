/**
 * `@airlock/sdk/sync`: resumable tus uploads of flight logs through the transport, only when called.
 * `createAirlock` builds one as `airlock.sync`.
 *
 * @example
 * import { createSync } from '@airlock/sdk/sync';
 * const sync = createSync({ transport, auth: () => session.token, store: fileStore, state: AsyncStorage });
 * const { results } = await sync.sync('all');
 *
 * @module @airlock/sdk/sync
 */
export type { Sha256 } from '../platform/index.ts';
export {
  createSync,
  type Sync,
  type SyncCallOptions,
  type SyncOptions,
  type SyncReport,
} from './create-sync.ts';
export type { LogSyncResult } from './upload-log.ts';
