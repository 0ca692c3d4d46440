import { useLocation } from 'preact-iso';
import { useSession } from '../../session.tsx';
import { GalleryItem } from './gallery-item.tsx';
import { GalleryList } from './gallery-list.tsx';
import { MyShares } from './my-shares.tsx';
import './gallery.css';

/**
 * The community gallery: everyone's shared photos and videos (public, no sign-in), one item with its
 * report button, and the pilot's own shares with delete. One lazy chunk for the three.
 */
export default function GalleryPage() {
  const { path } = useLocation();
  const { pilot } = useSession();
  const id = path.match(/^\/gallery\/([0-9a-f-]{36})$/)?.[1];
  const mine = path === '/gallery/mine';
  if (id) return <GalleryItem id={id} />;
  return (
    <section>
      <div class="title-row">
        <h1>{mine ? 'Your shares' : 'Community gallery'}</h1>
      </div>
      <nav aria-label="Gallery" class="subnav">
        <a href="/gallery" aria-current={mine ? undefined : 'page'}>
          Everyone's
        </a>
        {pilot && (
          <a href="/gallery/mine" aria-current={mine ? 'page' : undefined}>
            Yours
          </a>
        )}
      </nav>
      {mine ? (
        pilot ? (
          <MyShares />
        ) : (
          <p>
            <a href="/sign-in?next=%2Fgallery%2Fmine">Sign in</a> to see your shares.
          </p>
        )
      ) : (
        <GalleryList />
      )}
    </section>
  );
}
