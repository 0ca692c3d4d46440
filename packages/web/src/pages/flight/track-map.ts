import { type GeoJSONSource, Map as MapLibre, NavigationControl, prewarm, ScaleControl } from 'maplibre-gl';
import '../../ui/maplibre-setup.ts';
import type { Feature } from 'geojson';
import type { FlightSeries } from '../../api/client.ts';
import type { Cursor } from './cursor.ts';
import { flightMapStyle } from './map-style.ts';
import { type ColourBy, type ColouredTrack, colourExpression } from './track-colour.ts';
import { trackBounds } from './track-geometry.ts';

// MapLibre's worker starts as soon as this chunk runs (after maplibre-setup names its URL), while the
// flight's data is still on its way, instead of when the map is made: it took 0.4-1 s to be fetched,
// compiled and answering on SwiftShader machines, on the map's critical path. Kept for later maps.
prewarm();

export interface TrackMapInput {
  container: HTMLElement;
  lines: number[][][];
  coloured: ColouredTrack;
  colourBy: ColourBy;
  series: FlightSeries;
  cursor: Cursor;
  /** Called once the map has drawn the track, with the map (its zones are loaded separately). */
  onDrawn?: (map: MapLibre) => void;
}

/** The track on a map, coloured by altitude, speed or battery (see colourTrack), with a marker that follows the shared cursor. */
export function drawTrackMap(input: TrackMapInput): MapLibre {
  const { container, series, cursor } = input;
  const [w, s, e, n] = trackBounds(input.lines) ?? [-180, -85, 180, 85];
  const map = new MapLibre({
    container,
    style: flightMapStyle(
      input.coloured.segments,
      colourExpression(input.colourBy, input.coloured.ranges[input.colourBy]),
    ),
    bounds: [w, s, e, n],
    // A multicopter hovering for a test may move a metre: zoom in far enough to see that too.
    fitBoundsOptions: { padding: 40, maxZoom: 21 },
    attributionControl: false,
    // MapLibre labels its canvas as a region; this is its name for screen readers.
    locale: { 'Map.Title': 'Map of the track' },
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.once('idle', () => input.onDrawn?.(map));

  const lat = series.channels.lat_deg;
  const lon = series.channels.lon_deg;
  const unlisten = cursor.listen((i) => {
    const at = i === null || !lat || !lon ? null : [lon[i], lat[i]];
    const source = map.getSource<GeoJSONSource>('cursor');
    source?.setData({
      type: 'FeatureCollection',
      features:
        at && at[0] != null && at[1] != null
          ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: at as number[] } }]
          : [],
    });
  });
  // Pointing at the track moves the charts' cursor to the nearest logged position (within 30 px).
  map.on('mousemove', (ev) => {
    if (!lat || !lon) return;
    let best = -1;
    let bestD = 30 * 30;
    for (let i = 0; i < lat.length; i++) {
      const la = lat[i],
        lo = lon[i];
      if (la == null || lo == null) continue;
      const p = map.project([lo, la]);
      const d = (p.x - ev.point.x) ** 2 + (p.y - ev.point.y) ** 2;
      if (d < bestD) [best, bestD] = [i, d];
    }
    cursor.set(best < 0 ? null : best, 'map');
  });
  map.on('mouseout', () => cursor.set(null, 'map'));
  map.on('remove', unlisten);
  return map;
}

/**
 * Recolours the drawn track. The container's data-colour-by is read back from the map's own paint
 * property, so it says what the map draws, not what was asked for.
 */
export function colourTrack(map: MapLibre, key: ColourBy, range: [number, number] | null): void {
  map.setPaintProperty('track', 'line-color', colourExpression(key, range));
  const drawn = JSON.stringify(map.getPaintProperty('track', 'line-color'));
  map.getContainer().dataset.colourBy = drawn.includes(`["get","${key}"]`) ? key : 'none';
}

/** Airlock's zones under the track (the layers exist from the start, empty). */
export function showZones(map: MapLibre, features: Feature[]): void {
  map.getSource<GeoJSONSource>('zones')?.setData({ type: 'FeatureCollection', features });
}
