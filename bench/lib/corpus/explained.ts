/**
 * Differences between Airlock and a reference that were looked at and found to be the reference's
 * reading, not a loss in Airlock's: shown as "explained" with the reason, never as agreement. Keyed by
 * file name and reference; a new difference is never added here without reading the file.
 */
export const EXPLAINED: Readonly<Record<string, string>> = {
  'bad.gpx GDAL':
    'the file writes lat="undefined" lon="undefined"; GDAL reads them as 0,0 (a point off Africa), Airlock and togeojson drop them',
  'linear_ring.kml togeojson':
    'a lone <LinearRing> is a closed outline, not a flown path; togeojson turns it into a LineString, Airlock finds no track in it',
  'openaip-parser-version-2-commands.txt openair-rs':
    'the file uses the OpenAIP version-2 commands (AX, AY, AF, AG); openair-rs refuses the whole file at the first one',
};

/** The explanation for this file and reference, if the difference is a known reference reading. */
export function explained(file: string, reference: string): string | undefined {
  const name = file
    .split('/')
    .pop()
    ?.replace(/^[^_]+__/, '');
  return EXPLAINED[`${name} ${reference}`];
}
