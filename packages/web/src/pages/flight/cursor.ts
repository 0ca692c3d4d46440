/**
 * The moment the pilot points at, as an index into the series' time base, shared by the charts and
 * the map: pointing in one moves the marker in the other. `from` lets each side skip its own echo.
 */
/** 'timeline': a chosen event, which both the charts and the map follow. */
export type CursorSource = 'chart' | 'map' | 'timeline';
type Listener = (index: number | null, from: CursorSource) => void;

export interface Cursor {
  set(index: number | null, from: CursorSource): void;
  listen(fn: Listener): () => void;
}

export function createCursor(): Cursor {
  const listeners = new Set<Listener>();
  let last: number | null = null;
  return {
    set(index, from) {
      if (index === last) return;
      last = index;
      for (const fn of listeners) fn(index, from);
    },
    listen(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
