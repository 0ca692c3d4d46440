import type { ByteView } from './byte-view.ts';
import { type Box, boxes, child, macTime, metaChildren } from './iso-boxes.ts';
import { blockOf, type MetadataTag, tagOf } from './media-tags.ts';
import { readXmp } from './xmp-tags.ts';

// ExifTool's names of QuickTime user-data atoms (Apple's © atoms, GoPro's and others' own).
const USER_DATA: Record<string, string> = {
  '©xyz': 'GPSCoordinates',
  loci: 'LocationInformation',
  '©day': 'ContentCreateDate',
  '©aut': 'Author',
  auth: 'Author',
  '©mak': 'Make',
  '©mod': 'Model',
  '©swr': 'SoftwareVersion',
  '©too': 'Encoder',
  '©fmt': 'Format',
  '©inf': 'Information',
  FIRM: 'FirmwareVersion',
  LENS: 'LensSerialNumber',
  CAME: 'SerialNumberHash',
  MUID: 'MediaUID',
  GUMI: 'GlobalUniqueMediaID',
  SETT: 'CameraSettings',
  AMBA: 'AmbaInfo',
  HMMT: 'HiLightTags',
  BCID: 'BatteryChargeID',
  // 3GPP's (full boxes: the text follows a language code)
  date: 'DateTimeOriginal',
  dscp: 'Description',
  titl: 'Title',
  cprt: 'Copyright',
  perf: 'Performer',
  yrrc: 'Year',
  albm: 'Album',
  kywd: 'Keywords',
};
// The last part of a `keys` name → ExifTool's Keys tag name.
const KEYS: Record<string, string> = {
  'location.ISO6709': 'GPSCoordinates',
  creationdate: 'CreationDate',
  make: 'Make',
  model: 'Model',
  software: 'Software',
  'com.android.version': 'AndroidVersion',
  'com.android.capture.fps': 'AndroidCaptureFPS',
};
const XMP_UUID = 'be7acfcb97a942e89c719994 91e3afac'.replace(' ', '');
const KEPT_HANDLERS = new Set(['vide', 'soun']);

/** What an MP4/MOV says: container and track times, user data, `meta` keys, XMP, and extra tracks. */
export function readVideo(v: ByteView): MetadataTag[] {
  const out: MetadataTag[] = [];
  for (const top of boxes(v, 0, v.length)) {
    if (top.type === 'uuid') out.push(...uuidBox(v, top));
    if (top.type === 'meta') out.push(...metaKeys(v, top));
    if (top.type !== 'moov') continue;
    let track = 0;
    for (const b of boxes(v, top.body, top.end)) {
      if (b.type === 'mvhd') out.push(...times(v, b, 'QuickTime', 'CreateDate', 'ModifyDate'));
      else if (b.type === 'udta') out.push(...userData(v, b));
      else if (b.type === 'meta') out.push(...metaKeys(v, b));
      else if (b.type === 'uuid') out.push(...uuidBox(v, b));
      else if (b.type === 'trak') out.push(...trackTags(v, b, `Track${++track}`));
    }
  }
  return out;
}

function times(v: ByteView, b: Box, group: string, created: string, modified: string): MetadataTag[] {
  const version = v.u8(b.body);
  const [c, m] =
    version === 1 ? [v.u64(b.body + 4), v.u64(b.body + 12)] : [v.u32(b.body + 4), v.u32(b.body + 8)];
  const out: MetadataTag[] = [];
  const ct = macTime(c);
  const mt = macTime(m);
  if (ct) out.push(tagOf(group, created, ct));
  if (mt) out.push(tagOf(group, modified, mt));
  return out;
}

function trackTags(v: ByteView, trak: Box, group: string): MetadataTag[] {
  const out: MetadataTag[] = [];
  for (const b of boxes(v, trak.body, trak.end)) {
    if (b.type === 'tkhd') out.push(...times(v, b, group, 'TrackCreateDate', 'TrackModifyDate'));
    else if (b.type === 'udta') out.push(...userData(v, b));
    else if (b.type === 'uuid') out.push(...uuidBox(v, b));
    else if (b.type === 'mdia') {
      const mdhd = child(v, b, 'mdhd');
      if (mdhd) out.push(...times(v, mdhd, group, 'MediaCreateDate', 'MediaModifyDate'));
      const hdlr = child(v, b, 'hdlr');
      const handler = hdlr ? v.ascii(hdlr.body + 8, 4) : '';
      if (!KEPT_HANDLERS.has(handler)) {
        const name = hdlr
          ? v.ascii(hdlr.body + 24, hdlr.end - hdlr.body - 24).replace(/[^\x20-\x7e]/g, '')
          : '';
        out.push(
          blockOf(
            group,
            'telemetry',
            `a "${handler}" track${name ? ` (${name.trim()})` : ''}: timed data such as position, time code or telemetry`,
          ),
        );
      }
    }
  }
  return out;
}

function userData(v: ByteView, udta: Box): MetadataTag[] {
  const out: MetadataTag[] = [];
  for (const b of boxes(v, udta.body, udta.end)) {
    if (b.type === 'free' || b.type === 'skip') continue;
    if (b.type === 'meta') {
      out.push(...metaKeys(v, b));
      continue;
    }
    if (b.type === 'XMP_') {
      out.push(...readXmp(v.utf8(b.body, b.end - b.body)));
      continue;
    }
    // © atoms hold [u16 length, u16 language, text]; others their value, often text.
    const text = b.type.startsWith('©') ? v.utf8(b.body + 4, v.u16(b.body)) : v.ascii(b.body, b.end - b.body);
    const value = /^[\x20-\x7e]+\0*$/.test(text) ? text.replace(/\0+$/, '') : undefined;
    out.push(tagOf('UserData', USER_DATA[b.type] ?? `UserData_${b.type}`, value));
  }
  return out;
}

/** `meta` with `keys` + `ilst` (Apple, Android): each key named, its value read from `ilst`. */
function metaKeys(v: ByteView, meta: Box): MetadataTag[] {
  const parts = metaChildren(v, meta);
  const keysBox = parts.find((b) => b.type === 'keys');
  const ilst = parts.find((b) => b.type === 'ilst');
  const out: MetadataTag[] = [];
  const names: string[] = [];
  if (keysBox) {
    for (const k of boxes(v, keysBox.body + 8, keysBox.end)) names.push(v.ascii(k.body, k.end - k.body));
  }
  for (const item of ilst ? boxes(v, ilst.body, ilst.end) : []) {
    const index = v.u32(item.start + 4);
    const key = keysBox ? (names[index - 1] ?? '') : item.type;
    const data = child(v, item, 'data');
    const value =
      data && v.u32(data.body) === 1 ? v.utf8(data.body + 8, data.end - data.body - 8) : undefined;
    out.push(tagOf(keysBox ? 'Keys' : 'ItemList', keyName(key), value));
  }
  for (const b of parts) if (b.type === 'XMP_') out.push(...readXmp(v.utf8(b.body, b.end - b.body)));
  return out;
}

function keyName(key: string): string {
  for (const [suffix, name] of Object.entries(KEYS))
    if (key === suffix || key.endsWith(`.${suffix}`)) return name;
  const last = key.split('.').pop() ?? key;
  return last ? last[0].toUpperCase() + last.slice(1) : 'Key';
}

function uuidBox(v: ByteView, b: Box): MetadataTag[] {
  let id = '';
  for (let i = 0; i < 16; i++)
    id += v
      .u8(b.body + i)
      .toString(16)
      .padStart(2, '0');
  if (id === XMP_UUID) return readXmp(v.utf8(b.body + 16, b.end - b.body - 16));
  return [blockOf('UUID', 'other', `a vendor box (uuid ${id}), ${b.end - b.start} bytes`)];
}
