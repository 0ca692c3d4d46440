import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { AccountPage } from './pages/account-page.tsx';
import { AuthPage } from './pages/auth-page.tsx';
import { prefetchFlight } from './pages/flight/flight-data.ts';
import { loadTrackMap } from './pages/flight/track-map-loader.ts';
import { FlightsPage } from './pages/flights-page.tsx';
import { NotFound } from './pages/not-found.tsx';
import { SessionProvider, signedInHint, useSession } from './session.tsx';
import { Header } from './ui/header.tsx';

// Pages that draw (MapLibre, uPlot) or upload (tus, SHA-256) are separate chunks, fetched on the way
// there: the sign-in page and the flight list load none of that code.
const flightPage = () => import('./pages/flight/flight-page.tsx');
const FlightPage = lazy(flightPage);
// Opened straight on a flight (a bookmark, a reload): its data and the page's code are asked for now,
// beside the session check, instead of one after the other (issue #13: map and chart within 1.5 s).
const firstFlight = /^\/flights\/([^/]+)$/.exec(location.pathname)?.[1];
if (firstFlight && signedInHint()) {
  prefetchFlight(decodeURIComponent(firstFlight));
  flightPage();
  loadTrackMap();
}
const UploadPage = lazy(() => import('./pages/upload/upload-page.tsx'));
// The SDK in the browser: anyone may fly, signed in or not (the SDK sends no cookie anyway).
const FlyPage = lazy(() => import('./pages/fly/fly-page.tsx'));
const Compare = signedIn(lazy(() => import('./pages/compare/compare-page.tsx')));
// The community gallery is public: anyone may look; reporting and "your shares" need a session.
const GalleryPage = lazy(() => import('./pages/gallery/gallery-page.tsx'));
// The operator's pages sign in with the operator token, not a pilot's session.
const OperatorPage = lazy(() => import('./pages/operator/operator-page.tsx'));
// A flight shared by link: public, the token in the address is the only key.
const SharedPage = lazy(() => import('./pages/share/shared-page.tsx'));
const Flights = signedIn(FlightsPage);
const Flight = signedIn(FlightPage);
const Upload = signedIn(UploadPage);
const Account = signedIn(AccountPage);

export function App() {
  return (
    <LocationProvider>
      <SessionProvider>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <Header />
        <main id="main" tabIndex={-1}>
          <ErrorBoundary>
            <Router onRouteChange={focusMain}>
              <Route path="/" component={Home} />
              <Route path="/sign-in" component={AuthPage} mode="sign-in" />
              <Route path="/sign-up" component={AuthPage} mode="sign-up" />
              <Route path="/flights" component={Flights} />
              <Route path="/flights/:id" component={Flight} />
              <Route path="/upload" component={Upload} />
              <Route path="/account" component={Account} />
              <Route path="/fly" component={FlyPage} />
              <Route path="/compare" component={Compare} />
              <Route path="/gallery/*" component={GalleryPage} />
              <Route path="/gallery" component={GalleryPage} />
              <Route path="/operator/*" component={OperatorPage} />
              <Route path="/operator" component={OperatorPage} />
              <Route path="/shared/:token" component={SharedPage} />
              <Route default component={NotFound} />
            </Router>
          </ErrorBoundary>
        </main>
      </SessionProvider>
    </LocationProvider>
  );
}

/** After a navigation, keyboard and screen-reader users continue from the new page's content. */
function focusMain() {
  document.getElementById('main')?.focus();
}

function Home() {
  const { pilot } = useSession();
  return <Redirect to={pilot === null ? '/sign-in' : '/flights'} when={pilot !== undefined} />;
}

/** A page for signed-in pilots: others are sent to sign in, and come back afterwards. */
function signedIn<P extends object>(Page: ComponentType<P>) {
  return function SignedIn(props: P) {
    const { pilot } = useSession();
    const { url } = useLocation();
    if (pilot === undefined) return <p aria-live="polite">Loading…</p>;
    if (pilot === null) return <Redirect to={`/sign-in?next=${encodeURIComponent(url)}`} when />;
    return <Page {...props} />;
  };
}

function Redirect({ to, when }: { to: string; when: boolean }) {
  const { route } = useLocation();
  useEffect(() => {
    if (when) route(to, true);
  }, [to, when, route]);
  return null;
}
