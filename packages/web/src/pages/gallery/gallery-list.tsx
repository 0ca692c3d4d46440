import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../../api/client.ts';
import { Pager, useCursorTrail } from '../../ui/pager.tsx';
import type { MediaItem } from './media-api.ts';
import { MediaCard } from './media-card.tsx';

const PAGE = 24;

/** Everyone's shares, newest first, a page at a time (cursor paging, as the flight list). */
export function GalleryList() {
  const trail = useCursorTrail();
  const [page, setPage] = useState<{ items: MediaItem[]; next: string | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { cursor } = trail;

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
      {page && <Pager trail={trail} next={page.next} />}
    </>
  );
}
