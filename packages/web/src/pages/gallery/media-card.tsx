import type { ComponentChildren } from 'preact';
import { itemTitle, LICENCE_NAMES, type MediaItem } from './media-api.ts';

/**
 * One item in a grid: the photo's thumbnail, or for a video its first frame as the browser decodes it
 * (the server makes no poster: no video decoder runs in it), fetched by range requests.
 */
export function MediaCard({ item, children }: { item: MediaItem; children?: ComponentChildren }) {
  const title = itemTitle(item);
  return (
    <li class="media-card">
      <a href={`/gallery/${item.id}`} aria-label={item.hidden ? `${title}: hidden` : title}>
        {item.hidden ? (
          // A hidden item's files answer 451 to everyone, its owner too: no preview to load.
          <span class="no-preview">Hidden</span>
        ) : item.thumbnail_url ? (
          <img src={item.thumbnail_url} alt="" loading="lazy" width={240} height={180} />
        ) : item.kind === 'video' ? (
          <video src={`${item.file_url}#t=0.1`} preload="metadata" muted playsInline />
        ) : (
          <span class="no-preview">No preview</span>
        )}
      </a>
      <p class="media-title">{title}</p>
      <p class="sub">
        {item.by ? `by ${item.by} · ` : ''}
        {LICENCE_NAMES[item.licence]}
        {item.hidden ? ' · hidden by the operator' : ''}
      </p>
      {children}
    </li>
  );
}
