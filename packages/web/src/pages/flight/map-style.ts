import type { FeatureCollection } from 'geojson';
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { mapTiles } from '../../config.ts';
import type { ColouredTrack } from './track-colour.ts';

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/** Zone fill colour by category: the stronger the restriction, the warmer. */
export const ZONE_COLOUR: ExpressionSpecification = [
  'match',
  ['get', 'category'],
  'restricted',
  '#c0392b',
  'authorization',
  '#d35400',
  'enhanced_warning',
  '#b7950b',
  'warning',
  '#b7950b',
  'temporary',
  '#8e44ad',
  '#2c6e9b',
];

/**
 * The whole map in one style, data included: no style, sprite, glyph or tile request leaves for
 * another host (nor for this one: nothing here is fetched). Text labels would need glyphs, so zones
 * are named in the list beside the map instead. An operator may set a raster tile URL; then, and
 * only then, tiles come from it.
 */
export function flightMapStyle(
  track: ColouredTrack['segments'],
  colour: ExpressionSpecification | string,
): StyleSpecification {
  const base = baseMap();
  return {
    version: 8,
    sources: {
      ...base.sources,
      zones: { type: 'geojson', data: empty() },
      track: { type: 'geojson', data: track },
      cursor: { type: 'geojson', data: empty() },
    },
    layers: [
      ...base.layers,
      {
        id: 'zones-fill',
        type: 'fill',
        source: 'zones',
        paint: { 'fill-color': ZONE_COLOUR, 'fill-opacity': ['case', ['get', 'crossed'], 0.3, 0.12] },
      },
      {
        id: 'zones-line',
        type: 'line',
        source: 'zones',
        paint: { 'line-color': ZONE_COLOUR, 'line-width': ['case', ['get', 'crossed'], 3, 1.2] },
      },
      {
        id: 'track-casing',
        type: 'line',
        source: 'track',
        paint: { 'line-color': '#ffffff', 'line-width': 6 },
      },
      {
        id: 'track',
        type: 'line',
        source: 'track',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': colour, 'line-width': 3.5 },
      },
      {
        id: 'cursor',
        type: 'circle',
        source: 'cursor',
        paint: {
          'circle-radius': 7,
          'circle-color': '#ffffff',
          'circle-stroke-color': '#16325c',
          'circle-stroke-width': 3,
        },
      },
    ],
  };
}

/**
 * What every console map draws under its data: a plain background and, only when the operator set
 * a tile URL, raster tiles from it.
 */
export function baseMap(): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  const background: LayerSpecification = {
    id: 'background',
    type: 'background',
    paint: { 'background-color': '#e8ecf0' },
  };
  if (!mapTiles.url) return { sources: {}, layers: [background] };
  return {
    sources: {
      base: {
        type: 'raster',
        tiles: [mapTiles.url],
        tileSize: 256,
        ...(mapTiles.attribution ? { attribution: mapTiles.attribution } : {}),
      },
    },
    layers: [background, { id: 'base', type: 'raster', source: 'base' }],
  };
}

/** Zones of the `zones` source by category colour, for maps that show zones without a flight. */
export function plainZoneLayers(): LayerSpecification[] {
  return [
    {
      id: 'zones-fill',
      type: 'fill',
      source: 'zones',
      paint: { 'fill-color': ZONE_COLOUR, 'fill-opacity': 0.18 },
    },
    {
      id: 'zones-line',
      type: 'line',
      source: 'zones',
      paint: { 'line-color': ZONE_COLOUR, 'line-width': 1.4 },
    },
  ];
}
