// Inputs the attack tests need, made here so the tests do not depend on the sample data folder.

/** Coordinates of the tiny flight: the log scan looks for these digits. */
export const FLIGHT_START = { lat: 46.512345, lon: 6.632187 };

/** A GPX track of `points` fixes one second apart, walking north-east: a real, importable flight. */
export function tinyGpx(points = 40): Buffer {
  const t0 = Date.parse('2025-06-01T10:00:00Z');
  const fixes = Array.from({ length: points }, (_, i) => {
    const lat = (FLIGHT_START.lat + i * 0.00009).toFixed(6);
    const lon = (FLIGHT_START.lon + i * 0.00011).toFixed(6);
    const time = new Date(t0 + i * 1000).toISOString();
    return `<trkpt lat="${lat}" lon="${lon}"><ele>${(400 + i).toFixed(1)}</ele><time>${time}</time></trkpt>`;
  });
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="airlock-attack-tests" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>t</name><trkseg>${fixes.join('')}</trkseg></trk></gpx>\n`,
  );
}
