/** The map's module (MapLibre, ~290 KB gzip, and its worker), a chunk of its own. */
export type TrackMap = typeof import('./track-map.ts');

let loading: Promise<TrackMap> | null = null;
let loaded: TrackMap | null = null;

/**
 * Starts loading the map's code once, and says when it is there. Asked for as soon as a flight page
 * is on its way (the console's entry when it opens on one, else the page's own code), so MapLibre is
 * fetched, compiled and its worker started while the flight's data travels; the charts never wait
 * for it.
 */
export function loadTrackMap(): Promise<TrackMap> {
  loading ??= import('./track-map.ts').then((m) => {
    loaded = m;
    return m;
  });
  return loading;
}

/** The map's module if it has arrived, so a page can draw its map in the same task as the rest. */
export function trackMapIfLoaded(): TrackMap | null {
  return loaded;
}
