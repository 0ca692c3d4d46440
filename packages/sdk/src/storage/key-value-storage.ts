/**
 * The storage the SDK keeps its cache in. Both `window.localStorage` (synchronous) and React Native's
 * AsyncStorage (promises) satisfy it as they are, so the app passes its own and the SDK never needs a
 * platform module.
 *
 * @example
 * import AsyncStorage from '@react-native-async-storage/async-storage';
 * const storage: KeyValueStorage = AsyncStorage; // or window.localStorage
 * const airlock = createAirlock({ serverUrl, storage });
 */
export interface KeyValueStorage {
  getItem(key: string): Promise<string | null> | string | null;
  setItem(key: string, value: string): Promise<void> | void;
  removeItem(key: string): Promise<void> | void;
}

/**
 * A storage that lives as long as the object: the default when the app passes none, and handy in tests.
 *
 * @example
 * const storage = memoryStorage();
 * storage.setItem('k', 'v');
 * storage.getItem('k'); // 'v'
 */
export function memoryStorage(): KeyValueStorage & { keys(): string[]; clear(): void } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, String(value));
    },
    removeItem: (key) => {
      items.delete(key);
    },
    keys: () => [...items.keys()],
    clear: () => items.clear(),
  };
}
