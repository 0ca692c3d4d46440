// Imported ahead of each README TypeScript example run under Node: the examples are written for a
// flight app, whose platform has `localStorage`; Node 20 has none, so an in-memory one stands in.
const items = new Map<string, string>();
const memoryStorage: Storage = {
  getItem: (k) => items.get(k) ?? null,
  setItem: (k, v) => void items.set(k, String(v)),
  removeItem: (k) => void items.delete(k),
  clear: () => items.clear(),
  key: (i) => [...items.keys()][i] ?? null,
  get length() {
    return items.size;
  },
};
Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage, configurable: true });
