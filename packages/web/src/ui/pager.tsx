import { useState } from 'preact/hooks';

/**
 * Cursor paging as the API pages: `cursors` is the trail of cursors that led to the page shown
 * (`undefined` first), so "Newer" is one step back along it and "Older" follows the page's `next`.
 */
export function useCursorTrail() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    first: cursors.length === 1,
    reset: () => setCursors([undefined]),
    back: () => setCursors(cursors.slice(0, -1)),
    forward: (next: string) => setCursors([...cursors, next]),
  };
}

/** Newer / Older buttons under a list; nothing when there is only one page. */
export function Pager(props: { trail: ReturnType<typeof useCursorTrail>; next: string | null | undefined }) {
  const { trail, next } = props;
  if (trail.first && !next) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={trail.first} onClick={trail.back}>
        Newer
      </button>
      <button type="button" disabled={!next} onClick={() => next && trail.forward(next)}>
        Older
      </button>
    </nav>
  );
}
