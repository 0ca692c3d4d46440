import { downsampleTrack } from './downsample-track.ts';
import { escapeXml, exportName, formatNumber, isoAt, segmentRanges } from './export-text.ts';
import type { Flight } from './flight.ts';

/**
 * The valid track as GPX 1.1 (`trk/trkseg/trkpt`, one `trkseg` per segment of the track, `ele` = AMSL metres, `time` when the log has UTC).
 * @example flightToGpx(flight, { maxPoints: 5000 })
 */
export function flightToGpx(flight: Flight, options: { maxPoints?: number } = {}): string {
  const track = options.maxPoints ? downsampleTrack(flight, options.maxPoints) : flight.track;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="Airlock" xmlns="http://www.topografix.com/GPX/1/1">',
    `<trk><name>${escapeXml(exportName(flight))}</name>`,
  ];
  const ranges = segmentRanges(track);
  for (const [from, to] of ranges.length > 0 ? ranges : [[0, 0]]) {
    out.push('<trkseg>');
    for (let i = from; i < to; i++) {
      let pt = `<trkpt lat="${formatNumber(track.lat_deg[i], 8)}" lon="${formatNumber(track.lon_deg[i], 8)}">`;
      if (Number.isFinite(track.alt_amsl_m[i])) pt += `<ele>${formatNumber(track.alt_amsl_m[i], 2)}</ele>`;
      const time = isoAt(flight, track.t_s[i]);
      if (time) pt += `<time>${time}</time>`;
      out.push(`${pt}</trkpt>`);
    }
    out.push('</trkseg>');
  }
  out.push('</trk>', '</gpx>', '');
  return out.join('\n');
}
