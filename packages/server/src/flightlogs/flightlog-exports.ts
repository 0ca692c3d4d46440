import { type Flight, flightToCsv, flightToGeoJSON, flightToGpx, flightToKml } from '@airlock/core';

export const EXPORT_FORMATS = ['csv', 'gpx', 'kml', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  gpx: 'application/gpx+xml',
  kml: 'application/vnd.google-earth.kml+xml',
  geojson: 'application/geo+json',
};

/** Full resolution: an export is the pilot's data, not a preview. */
export function renderExport(flight: Flight, format: ExportFormat): string {
  switch (format) {
    case 'csv':
      return flightToCsv(flight);
    case 'gpx':
      return flightToGpx(flight);
    case 'kml':
      return flightToKml(flight);
    case 'geojson':
      return JSON.stringify(flightToGeoJSON(flight));
  }
}

/** A download name from the original's: letters, digits, `._-` only, so it is safe in a header. */
export function downloadName(filename: string, ext?: string): string {
  const base =
    filename
      .replace(/^.*[\\/]/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 120) || 'flight-log';
  return ext ? `${base.replace(/\.[A-Za-z0-9]{1,8}$/, '')}.${ext}` : base;
}
