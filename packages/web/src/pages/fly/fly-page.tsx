import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import './fly.css';
import { createFlyMap } from './fly-map.ts';
import { ConsentPanel, LedgerPanel, RequestsPanel, WarningsPanel } from './fly-panels.tsx';
import { createFlySession, type FlySession, type FlyView, type Place } from './fly-sdk.ts';
import { type FlyPath, simulatedPath } from './fly-sim.ts';
import { ReplayPicker } from './replay-picker.tsx';

/** Zurich, beside its airport's zones in the bundled OurAirports data. */
const DEFAULT_HOME: Place = { lon: 8.5456, lat: 47.4005 };

/**
 * Fly: the real SDK in this browser against this server. Pick a place, take off, and watch side by
 * side what the SDK decides on the device, what leaves it, the consent switches and the ledger.
 * `?lon=&lat=` sets the take-off point (a link to a place), `&zoom=` the map's zoom.
 */
export default function FlyPage() {
  const { query } = useLocation();
  const [path, setPath] = useState<FlyPath>(() => simulatedPath(placeFrom(query) ?? DEFAULT_HOME));
  const [replaying, setReplaying] = useState<string | null>(null);
  const home = path.home;
  const [view, setView] = useState<FlyView | null>(null);
  const session = useRef<FlySession | null>(null);
  const mapBox = useRef<HTMLDivElement>(null);
  const flyMap = useRef<ReturnType<typeof createFlyMap> | null>(null);

  useEffect(() => {
    const box = mapBox.current;
    if (!box) return;
    const zoom = Math.min(19, Math.max(3, Number(query.zoom) || 14));
    const m = createFlyMap(box, home, zoom, (p) => {
      if (session.current?.flying()) return;
      setPath(simulatedPath(p));
      setReplaying(null);
    });
    m.map.once('idle', () => box.setAttribute('data-state', 'drawn'));
    flyMap.current = m;
    return () => m.remove();
    // The map is made once; a new home moves its marker (below), not the map.
  }, []);

  // A new take-off point or path is a new device: a fresh SDK with an empty ledger and cache.
  useEffect(() => {
    const s = createFlySession(setView, path);
    session.current = s;
    void flyMap.current?.home(path.home);
    return () => s.close();
  }, [path]);

  useEffect(() => {
    if (view?.check?.zones) flyMap.current?.zones(view.check.zones.zones);
  }, [view?.check]);
  useEffect(() => {
    if (view?.tS != null) flyMap.current?.drone(view.position);
  }, [view?.position]);

  const exportLedger = async () => {
    const json = await session.current?.exportLedger();
    if (!json) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    link.download = 'airlock-ledger.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  return (
    <article class="fly">
      <h1>Fly: the SDK in your browser</h1>
      <p class="sub">
        This page runs the Airlock SDK a flight app embeds, against this server. Choose a take-off point on
        the map, take off, and see what is decided on the device, what leaves it, and the ledger of every
        request.
      </p>
      <div class="fly-top">
        <div ref={mapBox} class="map fly-map" />
        <div class="fly-controls">
          <p>
            Take-off point: {home.lat.toFixed(5)}, {home.lon.toFixed(5)}
            {view?.tS != null && (
              <>
                <br />
                Flying: {view.tS.toFixed(1)} s, {Math.round(view.position.altAglM)} m above ground
              </>
            )}
          </p>
          <button type="button" disabled={!view || view.flying} onClick={() => session.current?.takeOff()}>
            Take off
          </button>{' '}
          <button
            type="button"
            class="quiet"
            disabled={!view?.flying}
            onClick={() => session.current?.land()}
          >
            Land
          </button>
          <p class="hint">
            {replaying
              ? `Replaying ${replaying} from its first fix, in real time (${Math.round(path.durationS)} s): 10 states a second.`
              : 'The drone climbs to 60 m and flies east at 12 m/s, then back: 10 states a second.'}
          </p>
          <ReplayPicker
            disabled={view?.flying ?? false}
            onPath={(p, name) => {
              setPath(p);
              setReplaying(name);
            }}
          />
        </div>
      </div>
      {view && (
        <div class="fly-panels">
          <WarningsPanel report={view.report} />
          <RequestsPanel checks={view.checks} />
          <ConsentPanel
            settings={view.settings}
            pending={view.pending}
            onSwitch={(c, on) => session.current?.setCategory(c, on)}
            onSend={() => session.current?.sendNow()}
          />
          <LedgerPanel entries={view.ledger} onExport={exportLedger} />
        </div>
      )}
    </article>
  );
}

function placeFrom(query: Record<string, string>): Place | null {
  const lon = Number(query.lon);
  const lat = Number(query.lat);
  const ok = query.lon && query.lat && Math.abs(lon) <= 180 && Math.abs(lat) <= 85;
  return ok ? { lon, lat } : null;
}
