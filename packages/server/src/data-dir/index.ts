export {
  type DataDirLock,
  DataDirLockedError,
  LOCK_FILE,
  type LockHolder,
  lockDataDir,
  readLock,
} from './data-dir-lock.ts';
export { DEFAULT_DATA_DIR, isDataDir, type ResolvedDataDir, resolveDataDir } from './resolve-data-dir.ts';
export { exposedEntries, secureDataDir } from './secure-data-dir.ts';
