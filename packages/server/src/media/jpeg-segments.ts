/**
 * A JPEG rewritten losslessly to the segments a decoder needs: quantisation and Huffman tables,
 * the frame header, restart interval, scans and their entropy-coded data. Every APPn segment (JFIF,
 * EXIF and its thumbnail, XMP, ICC, IPTC, maker notes, MPF, FLIR and DJI records), every comment and
 * everything after the end of the image (second pictures, thermal data) is left out; a plain JFIF
 * header is written in their place. The pixels are the camera's, bit for bit.
 *
 * Returns null when the file holds something this rewrite leaves to a full re-encode: an Adobe colour
 * transform, an RGB or CMYK frame, an unknown marker, or a stream that does not end.
 */
export function jpegWithoutMetadata(buf: Buffer): Buffer | null {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  const out: Buffer[] = [SOI, JFIF];
  let at = 2;
  let frame = false;
  let scan = false;
  while (at < buf.length) {
    if (buf[at] !== 0xff) return null;
    while (buf[at] === 0xff && at < buf.length) at++; // fill bytes
    const marker = buf[at++];
    if (marker === 0xd9) {
      if (!frame || !scan) return null;
      out.push(EOI);
      return Buffer.concat(out);
    }
    if (at + 2 > buf.length) return null;
    const end = at + buf.readUInt16BE(at);
    if (end > buf.length || end < at + 2) return null;
    const segment = buf.subarray(at - 2, end);
    if (marker === 0xee && buf.toString('latin1', at + 2, at + 7) === 'Adobe') return null;
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) {
      at = end; // APPn, COM: dropped
      continue;
    }
    if (!KEEP.has(marker)) return null;
    if (SOF.has(marker)) {
      if (!isYcbcrOrGrey(buf, at + 2, end)) return null;
      frame = true;
    }
    out.push(segment);
    at = end;
    if (marker === 0xda) {
      scan = true;
      const data = entropyEnd(buf, at);
      if (data < 0) return null;
      out.push(buf.subarray(at, data));
      at = data;
    }
  }
  return null;
}

const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);
/** JFIF 1.01, no units, 1:1 pixel aspect, no thumbnail. */
const JFIF = Buffer.from([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
/** Frame headers: baseline, extended, progressive, lossless, in Huffman or arithmetic coding. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** Frame headers, DHT, DAC, DQT, DRI, DNL and SOS. */
const KEEP = new Set([...SOF, 0xc4, 0xcc, 0xdb, 0xdd, 0xdc, 0xda]);

/** One component (grey) or three with the JFIF/Exif ids 1, 2, 3 (or 0, 1, 2): YCbCr. */
function isYcbcrOrGrey(buf: Buffer, from: number, end: number): boolean {
  if (end - from < 6) return false;
  const n = buf[from + 5];
  if (end - from < 6 + n * 3) return false;
  if (n === 1) return true;
  if (n !== 3) return false;
  const ids = [0, 1, 2].map((i) => buf[from + 6 + i * 3]);
  return ids.join() === '1,2,3' || ids.join() === '0,1,2';
}

/** Where the entropy-coded data after a scan header ends: the next marker other than RSTn or a stuffed 0xFF00. */
function entropyEnd(buf: Buffer, from: number): number {
  let at = from;
  for (;;) {
    at = buf.indexOf(0xff, at);
    if (at < 0 || at + 1 >= buf.length) return -1;
    const next = buf[at + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
      at += next === 0xff ? 1 : 2;
      continue;
    }
    return at;
  }
}
