import type { ByteView } from './byte-view.ts';
import { boxes, child } from './iso-boxes.ts';
import { blockOf, type MetadataTag } from './media-tags.ts';
import { readTiff } from './tiff-tags.ts';
import { readXmp } from './xmp-tags.ts';

/** HEIC/AVIF: the `Exif` and XMP (`mime`) items of the top-level `meta` box, found through `iloc`. */
export function readHeif(v: ByteView): MetadataTag[] {
  const meta = boxes(v, 0, v.length).find((b) => b.type === 'meta');
  if (!meta) return [];
  const iinf = child(v, meta, 'iinf', 4);
  const iloc = child(v, meta, 'iloc', 4);
  if (!iinf || !iloc) return [];
  const wanted = new Map<number, 'exif' | 'xmp'>();
  const countSize = v.u8(iinf.body) === 0 ? 2 : 4;
  for (const infe of boxes(v, iinf.body + 4 + countSize, iinf.end)) {
    const version = v.u8(infe.body);
    if (version < 2) continue;
    const idSize = version === 2 ? 2 : 4;
    const id = idSize === 2 ? v.u16(infe.body + 4) : v.u32(infe.body + 4);
    const type = v.ascii(infe.body + 4 + idSize + 2, 4);
    const rest = v.ascii(infe.body + 8 + idSize + 2, infe.end - infe.body);
    if (type === 'Exif') wanted.set(id, 'exif');
    else if (type === 'mime' && rest.includes('rdf+xml')) wanted.set(id, 'xmp');
  }
  const out: MetadataTag[] = [];
  const ipco = boxes(v, meta.body + 4, meta.end).find((b) => b.type === 'iprp');
  for (const p of ipco
    ? boxes(v, ipco.body, ipco.end).flatMap((b) => (b.type === 'ipco' ? boxes(v, b.body, b.end) : []))
    : []) {
    if (p.type === 'colr' && /^(prof|rICC)$/.test(v.ascii(p.body, 4)))
      out.push(blockOf('ICC_Profile', 'device', 'colour profile (its text may name a device or maker)'));
  }
  for (const [id, [offset, length]] of extents(v, iloc)) {
    const kind = wanted.get(id);
    if (kind === 'exif') {
      const tiff = offset + 4 + v.u32(offset);
      const parsed = readTiff(v.bytes.subarray(tiff, offset + length));
      out.push(...parsed.tags, ...parsed.xmp.flatMap(readXmp));
    } else if (kind === 'xmp') out.push(...readXmp(v.utf8(offset, length)));
  }
  return out;
}

/** item id → [file offset, length] of its first extent (metadata items have one). */
function extents(v: ByteView, iloc: { body: number; end: number }): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  const version = v.u8(iloc.body);
  const sizes = v.u16(iloc.body + 4);
  const [offsetSize, lengthSize, baseSize] = [sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15];
  const indexSize = version > 0 ? sizes & 15 : 0;
  const read = (o: number, n: number) => (n === 0 ? 0 : n === 2 ? v.u16(o) : n === 4 ? v.u32(o) : v.u64(o));
  let o = iloc.body + 6;
  const count = version < 2 ? v.u16(o) : v.u32(o);
  o += version < 2 ? 2 : 4;
  for (let i = 0; i < count && o < iloc.end; i++) {
    const id = version < 2 ? v.u16(o) : v.u32(o);
    o += version < 2 ? 2 : 4;
    if (version > 0) o += 2; // construction method: metadata items are in the file (0)
    o += 2; // data reference index
    const base = read(o, baseSize);
    o += baseSize;
    const extentCount = v.u16(o);
    o += 2;
    for (let e = 0; e < extentCount; e++) {
      o += indexSize;
      const offset = read(o, offsetSize);
      const length = read(o + offsetSize, lengthSize);
      o += offsetSize + lengthSize;
      if (e === 0) out.set(id, [base + offset, length]);
    }
  }
  return out;
}
