import { ByteView } from './byte-view.ts';
import { blockOf, type MetadataTag, tagOf } from './media-tags.ts';

// ExifTool's names of the IPTC application record (2:n) datasets that say where, when or who.
const IPTC: Record<number, string> = {
  5: 'ObjectName',
  55: 'DateCreated',
  60: 'TimeCreated',
  62: 'DigitalCreationDate',
  63: 'DigitalCreationTime',
  65: 'OriginatingProgram',
  70: 'ProgramVersion',
  80: 'By-line',
  85: 'By-lineTitle',
  90: 'City',
  92: 'Sub-location',
  95: 'Province-State',
  100: 'Country-PrimaryLocationCode',
  101: 'Country-PrimaryLocationName',
  110: 'Credit',
  115: 'Source',
  116: 'CopyrightNotice',
  118: 'Contact',
  122: 'Writer-Editor',
};

export interface PhotoshopFindings {
  tags: MetadataTag[];
  xmp: string[];
}

/** Photoshop image resources ("8BIM" blocks of a JPEG APP13): IPTC, XMP, previews, the rest by kind. */
export function readPhotoshop(bytes: Uint8Array): PhotoshopFindings {
  const v = new ByteView(bytes);
  const out: PhotoshopFindings = { tags: [], xmp: [] };
  for (let o = 0; v.has(o, 12) && v.ascii(o, 4) === '8BIM'; ) {
    const id = v.u16(o + 4);
    const nameLength = v.u8(o + 6);
    const at = o + 6 + ((nameLength + 2) & ~1);
    const size = v.u32(at);
    const data = at + 4;
    if (id === 0x0404) out.tags.push(...readIptc(v.sub(data, size)));
    else if (id === 0x0424) out.xmp.push(v.utf8(data, size));
    else if (id === 0x0419) out.tags.push(tagOf('Photoshop', 'GlobalAltitude', String(v.u32(data))));
    else if (id === 0x040c || id === 0x0409)
      out.tags.push(blockOf('Photoshop', 'other', 'embedded preview image'));
    o = data + ((size + 1) & ~1);
  }
  return out;
}

function readIptc(v: ByteView): MetadataTag[] {
  const tags: MetadataTag[] = [];
  for (let o = 0; v.has(o, 5) && v.u8(o) === 0x1c; ) {
    const record = v.u8(o + 1);
    const dataset = v.u8(o + 2);
    const size = v.u16(o + 3);
    if (size & 0x8000) break; // an extended length: no camera writes one; stop rather than guess
    if (record === 2 && IPTC[dataset]) tags.push(tagOf('IPTC', IPTC[dataset], v.utf8(o + 5, size)));
    o += 5 + size;
  }
  return tags;
}
