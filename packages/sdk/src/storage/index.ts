export { type KeyValueStorage, memoryStorage } from './key-value-storage.ts';
export { type SafeStorage, type StorageOutcome, safeStorage } from './safe-storage.ts';
