import type { Feature } from 'geojson';
import { Map as MapLibre, NavigationControl, ScaleControl } from 'maplibre-gl';
import '../../ui/maplibre-setup.ts';
import { baseMap } from '../flight/map-style.ts';
import { trackBounds } from '../flight/track-geometry.ts';

/** Every flight's track on one map, one colour each, framed to show them all. */
export function drawCompareMap(
  container: HTMLElement,
  tracks: { colour: string; lines: number[][][] }[],
  onDrawn: () => void,
): () => void {
  const features: Feature[] = tracks.flatMap((t) =>
    t.lines.map((coordinates) => ({
      type: 'Feature' as const,
      properties: { colour: t.colour },
      geometry: { type: 'LineString' as const, coordinates },
    })),
  );
  const [w, s, e, n] = trackBounds(tracks.flatMap((t) => t.lines)) ?? [-180, -85, 180, 85];
  const base = baseMap();
  const map = new MapLibre({
    container,
    bounds: [w, s, e, n],
    fitBoundsOptions: { padding: 40, maxZoom: 19 },
    attributionControl: false,
    locale: { 'Map.Title': 'Map of the compared tracks' },
    style: {
      version: 8,
      sources: {
        ...base.sources,
        tracks: { type: 'geojson', data: { type: 'FeatureCollection', features } },
      },
      layers: [
        ...base.layers,
        { id: 'casing', type: 'line', source: 'tracks', paint: { 'line-color': '#ffffff', 'line-width': 6 } },
        {
          id: 'tracks',
          type: 'line',
          source: 'tracks',
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': ['get', 'colour'], 'line-width': 3 },
        },
      ],
    },
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.once('idle', onDrawn);
  return () => map.remove();
}
