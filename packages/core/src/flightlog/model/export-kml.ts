import { downsampleTrack } from './downsample-track.ts';
import { escapeXml, exportName, formatNumber, segmentRanges } from './export-text.ts';
import type { Flight } from './flight.ts';

/**
 * The valid track as a KML 2.2 LineString (a MultiGeometry of one LineString per segment when the
 * track has several). Altitudes are AMSL ("absolute") when every fix has one;
 * otherwise the line is clamped to the ground rather than drawn at a guessed height.
 * @example flightToKml(flight, { maxPoints: 2000 })
 */
export function flightToKml(flight: Flight, options: { maxPoints?: number } = {}): string {
  const track = options.maxPoints ? downsampleTrack(flight, options.maxPoints) : flight.track;
  const n = track.lat_deg.length;
  let absolute = n > 0;
  for (let i = 0; i < n && absolute; i++) if (!Number.isFinite(track.alt_amsl_m[i])) absolute = false;
  const mode = `<altitudeMode>${absolute ? 'absolute' : 'clampToGround'}</altitudeMode>`;
  const lines: string[] = [];
  const ranges = segmentRanges(track);
  for (const [from, to] of ranges.length > 0 ? ranges : [[0, 0]]) {
    const coords: string[] = [];
    for (let i = from; i < to; i++) {
      const lonLat = `${formatNumber(track.lon_deg[i], 8)},${formatNumber(track.lat_deg[i], 8)}`;
      coords.push(absolute ? `${lonLat},${formatNumber(track.alt_amsl_m[i], 2)}` : lonLat);
    }
    lines.push(`<LineString>${mode}<coordinates>${coords.join(' ')}</coordinates></LineString>`);
  }
  const geometry = lines.length > 1 ? `<MultiGeometry>${lines.join('\n')}</MultiGeometry>` : lines[0];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
    `<name>${escapeXml(exportName(flight))}</name>`,
    '<Placemark><name>Track</name>',
    geometry,
    '</Placemark></Document></kml>',
    '',
  ].join('\n');
}
