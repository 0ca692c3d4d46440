import exifReader from 'exif-reader';
import sharp from 'sharp';

export interface Position {
  lat: number;
  lon: number;
}

/** Cell height of the coarse grid: 0.01° of latitude, 1.11 km. */
const STEP_DEG = 0.01;

/**
 * The centre of the ~1 km cell holding the position: rows of 0.01° latitude, each cut into an integer
 * number of cells about as wide as they are high. A fixed grid (not noise) means sharing many photos
 * from one spot gives the same cell every time, never an average that closes in on the spot. The
 * centre is at most ~0.8 km from the true position.
 */
export function coarsen(p: Position): Position {
  const row = Math.min(Math.floor((p.lat + 90) / STEP_DEG), 180 / STEP_DEG - 1);
  const lat = -90 + (row + 0.5) * STEP_DEG;
  const cells = Math.max(1, Math.floor((360 / STEP_DEG) * Math.cos((lat * Math.PI) / 180)));
  const lon = ((((p.lon + 180) % 360) + 360) % 360) - 180;
  const col = Math.min(Math.floor(((lon + 180) / 360) * cells), cells - 1);
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return { lat: round(lat), lon: round(-180 + ((col + 0.5) * 360) / cells) };
}

/** The EXIF GPS position of a photo, or null (read before stripping, only when the pilot keeps one). */
export async function imagePosition(input: Buffer): Promise<Position | null> {
  const { exif } = await sharp(input)
    .metadata()
    .catch(() => ({ exif: undefined }));
  if (!exif) return null;
  try {
    const gps = exifReader(exif).GPSInfo;
    if (!gps?.GPSLatitude || !gps.GPSLongitude) return null;
    const deg = ([d, m, s]: number[]) => d + (m ?? 0) / 60 + (s ?? 0) / 3600;
    const lat = deg(gps.GPSLatitude) * (gps.GPSLatitudeRef === 'S' ? -1 : 1);
    const lon = deg(gps.GPSLongitude) * (gps.GPSLongitudeRef === 'W' ? -1 : 1);
    return valid({ lat, lon });
  } catch {
    return null; // a damaged EXIF block: no position, the share goes on
  }
}

/**
 * A video's position from its metadata boxes: ISO 6709 text (udta ©xyz, Apple's mdta
 * `location.ISO6709`) or a 3GPP `loci` box. Telemetry tracks (GoPro GPMF, DJI) are not read.
 */
export function videoPosition(boxes: Buffer[]): Position | null {
  for (const b of boxes) {
    const iso = /([+-]\d{2}(?:\.\d+)?)([+-]\d{3}(?:\.\d+)?)/.exec(b.toString('latin1'));
    if (iso) return valid({ lat: Number(iso[1]), lon: Number(iso[2]) });
    const loci = b.indexOf('loci', 0, 'latin1');
    if (loci >= 4) {
      const name = b.indexOf(0, loci + 10);
      const at = name + 2; // after the name's NUL and the role byte
      if (name > 0 && at + 8 <= b.length)
        return valid({ lon: b.readInt32BE(at) / 65536, lat: b.readInt32BE(at + 4) / 65536 });
    }
  }
  return null;
}

function valid(p: Position): Position | null {
  return Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180
    ? p
    : null;
}
