import { zoneToFeature } from '@airlock/core/importers';
import { cellAt, cellBounds } from '@airlock/core/location-privacy';
import type { Zone } from '@airlock/core/zone';
import type { Feature, FeatureCollection } from 'geojson';
import { type GeoJSONSource, Map as MapLibre, NavigationControl, ScaleControl } from 'maplibre-gl';
import '../../ui/maplibre-setup.ts';
import { baseMap, plainZoneLayers } from '../flight/map-style.ts';
import type { Place } from './fly-sdk.ts';

const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const point = (p: Place): Feature => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
});

/**
 * The Fly page's map: click to choose the take-off point; it then shows the zones the SDK received
 * (from its own answer, not fetched again), the grid cell the location check named, the track
 * flown and the drone.
 */
export function createFlyMap(container: HTMLElement, home: Place, zoom: number, onPick: (p: Place) => void) {
  const base = baseMap();
  const map = new MapLibre({
    container,
    center: [home.lon, home.lat],
    zoom,
    attributionControl: false,
    locale: { 'Map.Title': 'Map: click to choose where the simulated drone takes off' },
    style: {
      version: 8,
      sources: {
        ...base.sources,
        cell: { type: 'geojson', data: collection([]) },
        zones: { type: 'geojson', data: collection([]) },
        track: { type: 'geojson', data: collection([]) },
        drone: { type: 'geojson', data: collection([point(home)]) },
      },
      layers: [
        ...base.layers,
        {
          id: 'cell',
          type: 'line',
          source: 'cell',
          paint: { 'line-color': '#16325c', 'line-width': 2, 'line-dasharray': [3, 2] },
        },
        ...plainZoneLayers(),
        { id: 'track', type: 'line', source: 'track', paint: { 'line-color': '#21918c', 'line-width': 3 } },
        {
          id: 'drone',
          type: 'circle',
          source: 'drone',
          paint: {
            'circle-radius': 7,
            'circle-color': '#ffffff',
            'circle-stroke-color': '#16325c',
            'circle-stroke-width': 3,
          },
        },
      ],
    },
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.on('click', (e) => onPick({ lon: e.lngLat.lng, lat: e.lngLat.lat }));
  const set = (id: string, data: FeatureCollection) => map.getSource<GeoJSONSource>(id)?.setData(data);
  const track: number[][] = [];
  const loaded = new Promise<void>((resolve) => map.once('load', () => resolve()));

  return {
    map,
    async home(p: Place) {
      await loaded;
      track.length = 0;
      set('track', collection([]));
      set('drone', collection([point(p)]));
      const [w, s, e, n] = cellBounds(cellAt(p.lon, p.lat));
      const ring = [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ];
      set(
        'cell',
        collection([
          { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: ring } },
        ]),
      );
    },
    zones(zones: readonly Zone[]) {
      void loaded.then(() => set('zones', collection(zones.map((z) => zoneToFeature(z) as Feature))));
    },
    drone(p: Place) {
      track.push([p.lon, p.lat]);
      set('drone', collection([point(p)]));
      if (track.length > 1)
        set(
          'track',
          collection([
            { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: track } },
          ]),
        );
    },
    remove: () => map.remove(),
  };
}
