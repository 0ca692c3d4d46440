import { ByteView } from './byte-view.ts';
import { blockOf, type MetadataTag, tagOf } from './media-tags.ts';

// ExifTool's names for the tags of IFD0/ExifIFD that say where, when or with what (and the pointers
// and blocks the walk follows). A tag not named here is not reported: it says nothing about the pilot.
const MAIN: Record<number, string> = {
  270: 'ImageDescription',
  271: 'Make',
  272: 'Model',
  305: 'Software',
  306: 'ModifyDate',
  315: 'Artist',
  316: 'HostComputer',
  33432: 'Copyright',
  36867: 'DateTimeOriginal',
  36868: 'CreateDate',
  36880: 'OffsetTime',
  36881: 'OffsetTimeOriginal',
  36882: 'OffsetTimeDigitized',
  37510: 'UserComment',
  37520: 'SubSecTime',
  37521: 'SubSecTimeOriginal',
  37522: 'SubSecTimeDigitized',
  40091: 'XPTitle',
  40092: 'XPComment',
  40093: 'XPAuthor',
  42016: 'ImageUniqueID',
  42032: 'OwnerName',
  42033: 'SerialNumber',
  42035: 'LensMake',
  42036: 'LensModel',
  42037: 'LensSerialNumber',
  50708: 'UniqueCameraModel',
  50735: 'CameraSerialNumber',
};
const GPS = [
  'GPSVersionID',
  'GPSLatitudeRef',
  'GPSLatitude',
  'GPSLongitudeRef',
  'GPSLongitude',
  'GPSAltitudeRef',
  'GPSAltitude',
  'GPSTimeStamp',
  'GPSSatellites',
  'GPSStatus',
  'GPSMeasureMode',
  'GPSDOP',
  'GPSSpeedRef',
  'GPSSpeed',
  'GPSTrackRef',
  'GPSTrack',
  'GPSImgDirectionRef',
  'GPSImgDirection',
  'GPSMapDatum',
  'GPSDestLatitudeRef',
  'GPSDestLatitude',
  'GPSDestLongitudeRef',
  'GPSDestLongitude',
  'GPSDestBearingRef',
  'GPSDestBearing',
  'GPSDestDistanceRef',
  'GPSDestDistance',
  'GPSProcessingMethod',
  'GPSAreaInformation',
  'GPSDateStamp',
  'GPSDifferential',
  'GPSHPositioningError',
];
const EXIF_IFD = 0x8769;
const GPS_IFD = 0x8825;
const MAKER_NOTE = 0x927c;
const XMP = 0x02bc;
const THUMBNAIL = 0x0201;
const SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];

export interface TiffFindings {
  tags: MetadataTag[];
  /** XMP packets found inside (TIFF tag 700), for the XMP reader. */
  xmp: string[];
}

/** The tags of a TIFF structure (an EXIF block: "II*\0" or "MM\0*" and its IFDs). */
export function readTiff(bytes: Uint8Array): TiffFindings {
  const v = new ByteView(bytes);
  const little = v.ascii(0, 2) === 'II';
  const out: TiffFindings = { tags: [], xmp: [] };
  if (!little && v.ascii(0, 2) !== 'MM') return out;
  const seen = new Set<number>();
  let make = '';
  const walk = (offset: number, group: string): number => {
    if (seen.has(offset) || !v.has(offset, 2) || seen.size > 16) return 0;
    seen.add(offset);
    const count = v.u16(offset, little);
    for (let i = 0; i < count && i < 1000; i++) {
      const e = offset + 2 + i * 12;
      if (!v.has(e, 12)) break;
      const id = v.u16(e, little);
      const type = v.u16(e + 2, little);
      const n = v.u32(e + 4, little);
      const size = (SIZES[type] ?? 0) * n;
      const at = size <= 4 ? e + 8 : v.u32(e + 8, little);
      if (group === 'GPS') {
        out.tags.push(tagOf('GPS', GPS[id] ?? `GPS_0x${id.toString(16)}`, valueText(v, type, n, at, little)));
      } else if (id === EXIF_IFD) walk(v.u32(e + 8, little), 'ExifIFD');
      else if (id === GPS_IFD) walk(v.u32(e + 8, little), 'GPS');
      else if (id === MAKER_NOTE)
        out.tags.push(blockOf('MakerNotes', 'device', `maker note${make ? ` (${make})` : ''}, ${n} bytes`));
      else if (id === XMP) out.xmp.push(v.utf8(at, size));
      else if (id === THUMBNAIL)
        out.tags.push(blockOf(group, 'other', 'embedded preview image (may carry its own metadata)'));
      else if (MAIN[id]) {
        const value = valueText(v, type, n, at, little);
        if (id === 0x010f) make = value ?? '';
        out.tags.push(tagOf(group, MAIN[id], value));
      }
    }
    return v.u32(offset + 2 + count * 12, little);
  };
  const ifd1 = walk(v.u32(4, little), 'IFD0');
  if (ifd1) walk(ifd1, 'IFD1');
  return out;
}

function valueText(v: ByteView, type: number, n: number, at: number, little: boolean): string | undefined {
  if (type === 2 || type === 7) {
    const text = v.ascii(at, Math.min(n, 200)).replace(/\0+$/, '');
    return /^[\x20-\x7e]*$/.test(text) ? text : undefined;
  }
  const parts: string[] = [];
  for (let i = 0; i < Math.min(n, 8); i++) {
    if (type === 1) parts.push(String(v.u8(at + i)));
    else if (type === 3) parts.push(String(v.u16(at + i * 2, little)));
    else if (type === 4) parts.push(String(v.u32(at + i * 4, little)));
    else if (type === 5 || type === 10) {
      const den = v.u32(at + i * 8 + 4, little);
      parts.push(den ? String(+(v.u32(at + i * 8, little) / den).toFixed(6)) : '0');
    } else return undefined;
  }
  return parts.join(' ');
}
