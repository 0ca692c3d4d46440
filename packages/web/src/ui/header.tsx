import { useLocation } from 'preact-iso';
import { useSession } from '../session.tsx';

export function Header() {
  const { pilot, signOut } = useSession();
  const { path, route } = useLocation();
  const current = (href: string) => (path === href ? 'page' : undefined);
  return (
    <header class="top">
      <a class="brand" href={pilot ? '/flights' : '/'}>
        Airlock
      </a>
      {pilot && (
        <>
          <nav aria-label="Console">
            <a href="/flights" aria-current={current('/flights')}>
              Flights
            </a>
            <a href="/upload" aria-current={current('/upload')}>
              Upload
            </a>
            <a href="/fly" aria-current={current('/fly')}>
              Fly
            </a>
          </nav>
          <a class="who" href="/account" aria-current={current('/account')}>
            {pilot.email}
          </a>
          <button
            type="button"
            class="quiet"
            onClick={async () => {
              await signOut();
              route('/sign-in');
            }}
          >
            Sign out
          </button>
        </>
      )}
      <a class="gallery-link" href="/gallery" aria-current={path.startsWith('/gallery') ? 'page' : undefined}>
        Gallery
      </a>
      <a
        class="operator-link"
        href="/operator"
        aria-current={path.startsWith('/operator') ? 'page' : undefined}
      >
        Operator
      </a>
    </header>
  );
}
