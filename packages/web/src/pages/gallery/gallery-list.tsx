import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../../api/client.ts';
import type { MediaItem } from './media-api.ts';
import { MediaCard } from './media-card.tsx';

const PAGE = 24;

/** Everyone's shares, newest first, a page at a time (cursor paging, as the flight list). */
export function GalleryList() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<{ items: MediaItem[]; next: string | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    let live = true;
    setPage(null);
    api.GET('/v1/media', { params: { query: { limit: PAGE, cursor } } }).then(({ data, error, response }) => {
      if (!live) return;
      if (data) setPage({ items: data.items, next: data.next_cursor });
      else setProblem(errorText(error, response));
    });
    return () => {
      live = false;
    };
  }, [cursor]);

  return (
    <>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {!page && !problem && <p aria-live="polite">Loading…</p>}
      {page && page.items.length === 0 && <p>Nothing shared yet.</p>}
      {page && page.items.length > 0 && (
        <ul class="media-grid">
          {page.items.map((item) => (
            <MediaCard key={item.id} item={item} />
          ))}
        </ul>
      )}
      {page && (cursors.length > 1 || page.next) && (
        <nav class="pager" aria-label="Pages">
          <button
            type="button"
            disabled={cursors.length === 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Newer
          </button>
          <button
            type="button"
            disabled={!page.next}
            onClick={() => page.next && setCursors([...cursors, page.next])}
          >
            Older
          </button>
        </nav>
      )}
    </>
  );
}
