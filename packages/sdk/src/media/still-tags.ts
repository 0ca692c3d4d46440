import type { ByteView } from './byte-view.ts';
import { blockOf, type MetadataTag, tagOf } from './media-tags.ts';
import { readTiff } from './tiff-tags.ts';
import { readXmp } from './xmp-tags.ts';

/** PNG chunks: eXIf, text chunks (each keyword a tag, XMP read), tIME, the ICC profile. */
export function readPng(v: ByteView): MetadataTag[] {
  const out: MetadataTag[] = [];
  for (let o = 8; v.has(o, 12); ) {
    const size = v.u32(o);
    const type = v.ascii(o + 4, 4);
    const body = o + 8;
    if (type === 'eXIf') {
      const tiff = readTiff(v.bytes.subarray(body, body + size));
      out.push(...tiff.tags, ...tiff.xmp.flatMap(readXmp));
    } else if (type === 'tEXt' || type === 'iTXt' || type === 'zTXt') {
      const text = v.ascii(body, size);
      const keyword = text.slice(0, text.indexOf('\0'));
      if (keyword === 'XML:com.adobe.xmp' && type === 'iTXt' && v.u8(body + keyword.length + 1) === 0) {
        const packet = v.utf8(body, size);
        out.push(...readXmp(packet.slice(packet.indexOf('<'))));
      } else if (type === 'tEXt') out.push(tagOf('PNG', pngName(keyword), text.slice(keyword.length + 1)));
      else out.push(tagOf('PNG', pngName(keyword))); // compressed: named, not read (no inflate here)
    } else if (type === 'tIME')
      out.push(tagOf('PNG', 'ModifyDate', `${v.u16(body)}-${v.u8(body + 2)}-${v.u8(body + 3)}`));
    else if (type === 'iCCP')
      out.push(blockOf('ICC_Profile', 'device', 'colour profile (its text may name a device or maker)'));
    if (type === 'IEND') break;
    o = body + size + 4;
  }
  return out;
}

/** "create-date" → CreateDate, "Creation Time" → CreationTime: ExifTool's naming of PNG keywords. */
function pngName(keyword: string): string {
  return (
    keyword
      .split(/[-_ ]+/)
      .filter(Boolean)
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join('') || 'Text'
  );
}

/** WebP (RIFF) chunks: EXIF, XMP, the ICC profile. */
export function readWebp(v: ByteView): MetadataTag[] {
  const out: MetadataTag[] = [];
  for (let o = 12; v.has(o, 8); ) {
    const type = v.ascii(o, 4);
    const size = v.u32(o + 4, true);
    const body = o + 8;
    if (type === 'EXIF') {
      const start = v.ascii(body, 6) === 'Exif\0\0' ? body + 6 : body;
      const tiff = readTiff(v.bytes.subarray(start, body + size));
      out.push(...tiff.tags, ...tiff.xmp.flatMap(readXmp));
    } else if (type === 'XMP ') out.push(...readXmp(v.utf8(body, size)));
    else if (type === 'ICCP')
      out.push(blockOf('ICC_Profile', 'device', 'colour profile (its text may name a device or maker)'));
    o = body + size + (size & 1);
  }
  return out;
}
