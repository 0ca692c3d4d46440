import type { FileHandle } from 'node:fs/promises';
import { corrupt } from './media-error.ts';
import { printable } from './mp4-box.ts';

/** A top-level box of a file: where it starts and ends, and how long its header is. */
export interface FileBox {
  type: string;
  start: number;
  header: number;
  end: number;
}

/** The top-level boxes of an MP4/MOV file, from their headers alone (the media data is not read). */
export async function topLevelBoxes(fh: FileHandle, fileSize: number): Promise<FileBox[]> {
  const out: FileBox[] = [];
  const head = Buffer.alloc(16);
  for (let at = 0; at < fileSize; ) {
    const { bytesRead } = await fh.read(head, 0, 16, at);
    if (bytesRead < 8) throw corrupt(`a box header at byte ${at} is cut short`);
    const type = head.toString('latin1', 4, 8);
    let size = head.readUInt32BE(0);
    let header = 8;
    if (size === 1) {
      if (bytesRead < 16) throw corrupt(`a 64-bit box size at byte ${at} is cut short`);
      size = Number(head.readBigUInt64BE(8));
      header = 16;
    } else if (size === 0) size = fileSize - at;
    if (size < header || at + size > fileSize)
      throw corrupt(`box "${printable(type)}" at byte ${at} claims ${size} bytes; the file has ${fileSize}`);
    out.push({ type, start: at, header, end: at + size });
    at += size;
  }
  return out;
}

export async function readBox(fh: FileHandle, box: FileBox): Promise<Buffer> {
  const buf = Buffer.alloc(box.end - box.start);
  const { bytesRead } = await fh.read(buf, 0, buf.length, box.start);
  if (bytesRead !== buf.length) throw corrupt(`box "${printable(box.type)}" is cut short`);
  return buf;
}

const ZEROS = Buffer.alloc(1 << 20);

/** Overwrites [start, end) of the file with zeros. */
export async function zeroRange(fh: FileHandle, start: number, end: number): Promise<void> {
  for (let at = start; at < end; at += ZEROS.length) {
    const n = Math.min(ZEROS.length, end - at);
    await fh.write(ZEROS, 0, n, at);
  }
}

/** Turns a box into `free` of the same size with nothing in it (its header form is kept). */
export async function blankBox(fh: FileHandle, box: FileBox): Promise<void> {
  await fh.write(Buffer.from('free', 'latin1'), 0, 4, box.start + 4);
  await zeroRange(fh, box.start + box.header, box.end);
}

/** A `free` box header for `size` bytes (size ≥ 8, < 4 GiB). */
export function freeHeader(size: number): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(size, 0);
  h.write('free', 4, 'latin1');
  return h;
}
