/** MAVLink's CRC-16/MCRF4XX (X.25 polynomial, init 0xFFFF), over `bytes[from, to)` then the CRC_EXTRA byte. */
export function mavlinkCrc(bytes: Uint8Array, from: number, to: number, extra: number): number {
  let crc = 0xffff;
  for (let i = from; i <= to; i++) {
    const b = i === to ? extra : bytes[i];
    let tmp = (b ^ crc) & 0xff;
    tmp = (tmp ^ (tmp << 4)) & 0xff;
    crc = ((crc >> 8) ^ (tmp << 8) ^ (tmp << 3) ^ (tmp >> 4)) & 0xffff;
  }
  return crc;
}
