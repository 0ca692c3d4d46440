import type { ByteView } from './byte-view.ts';
import { readPhotoshop } from './iptc-tags.ts';
import { blockOf, type MetadataTag, tagOf } from './media-tags.ts';
import { readTiff } from './tiff-tags.ts';
import { readXmp } from './xmp-tags.ts';

const XMP_ID = 'http://ns.adobe.com/xap/1.0/\0';
const XMP_EXTENSION = 'http://ns.adobe.com/xmp/extension/\0';

/** The metadata segments of a JPEG, up to the image data, and whatever follows its end. */
export function readJpeg(v: ByteView): MetadataTag[] {
  const out: MetadataTag[] = [];
  const xmp: string[] = [];
  const extended: string[] = [];
  let o = 2;
  while (v.has(o, 4) && v.u8(o) === 0xff) {
    const marker = v.u8(o + 1);
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      o += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = v.u16(o + 2);
    const body = o + 4;
    const size = length - 2;
    if (marker === 0xda || marker === 0xd9 || length < 2) break;
    const head = v.ascii(body, 40);
    if (marker === 0xe1 && head.startsWith('Exif\0')) {
      const tiff = readTiff(v.bytes.subarray(body + 6, body + size));
      out.push(...tiff.tags);
      xmp.push(...tiff.xmp);
    } else if (marker === 0xe1 && head.startsWith(XMP_ID))
      xmp.push(v.utf8(body + XMP_ID.length, size - XMP_ID.length));
    else if (marker === 0xe1 && head.startsWith(XMP_EXTENSION))
      extended.push(v.utf8(body + XMP_EXTENSION.length + 40, size - XMP_EXTENSION.length - 40));
    else if (marker === 0xe1 && head.startsWith('FLIR\0'))
      pushOnce(out, blockOf('FLIR', 'device', 'FLIR thermal record: camera serials, GPS, capture time'));
    else if (marker === 0xed && head.startsWith('Photoshop 3.0\0')) {
      const ps = readPhotoshop(v.bytes.subarray(body + 14, body + size));
      out.push(...ps.tags);
      xmp.push(...ps.xmp);
    } else if (marker === 0xe2 && head.startsWith('ICC_PROFILE\0'))
      pushOnce(out, blockOf('ICC_Profile', 'device', 'colour profile (its text may name a device or maker)'));
    else if (marker === 0xe2 && head.startsWith('MPF\0'))
      out.push(
        blockOf('MPF', 'other', 'embedded images (previews, other views), each with its own metadata'),
      );
    else if (marker === 0xfe) out.push(tagOf('File', 'Comment', v.utf8(body, size)));
    else if (marker >= 0xe3 && marker <= 0xef)
      pushOnce(
        out,
        blockOf(`APP${marker - 0xe0}`, 'other', `vendor segment "${head.replace(/[^\x20-\x7e].*$/s, '')}"`),
      );
    o = body + size;
  }
  if (extended.length) xmp.push(extended.join(''));
  for (const packet of xmp) out.push(...readXmp(packet));
  if (afterImage(v, o))
    out.push(blockOf('Trailer', 'other', 'data after the image (embedded images or vendor data)'));
  return out;
}

function pushOnce(out: MetadataTag[], tag: MetadataTag): void {
  if (!out.some((t) => t.group === tag.group && t.tag === tag.tag)) out.push(tag);
}

/** Whether bytes follow the image's end marker (scans the entropy-coded data once). */
function afterImage(v: ByteView, from: number): boolean {
  const b = v.bytes;
  for (let i = from; i + 1 < b.length; i++) {
    if (b[i] === 0xff && b[i + 1] === 0xd9) return b.length - (i + 2) > 16;
  }
  return false;
}
