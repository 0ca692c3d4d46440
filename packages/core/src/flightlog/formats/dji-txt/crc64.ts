/**
 * CRC-64 with the Jones polynomial, reflected, no final xor (the variant of Rust's `crc64` crate, which
 * the DJI record XOR key derivation uses). BigInt is fine: it runs once per block, over 8 bytes.
 */
const POLY = 0x95ac9329ac4bc9b5n;
const MASK = 0xffffffffffffffffn;
let table: bigint[] | null = null;

function crcTable(): bigint[] {
  if (table) return table;
  table = [];
  for (let i = 0; i < 256; i++) {
    let c = BigInt(i);
    for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ POLY : c >> 1n;
    table.push(c);
  }
  return table;
}

export function crc64(seed: bigint, data: Uint8Array): bigint {
  const t = crcTable();
  let crc = seed & MASK;
  for (const b of data) crc = t[Number((crc ^ BigInt(b)) & 0xffn)] ^ (crc >> 8n);
  return crc;
}

/** Keys already derived, by record type × 256 + first byte: at most 65,536, and real files use few. */
const keys = new Map<number, Uint8Array>();

/**
 * The 8-byte XOR key DJI derives from a block's first byte and its record type (records of versions
 * 7–12, and the v13+ info block): CRC-64 seeded with (first byte + type) mod 256 over the little-endian
 * bytes of 0x123456789ABCDEF0 × first byte.
 */
export function xorKey(firstByte: number, recordType: number): Uint8Array {
  const id = recordType * 256 + firstByte;
  const known = keys.get(id);
  if (known) return known;
  const product = (0x123456789abcdef0n * BigInt(firstByte)) & MASK;
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, product, true);
  const key = crc64(BigInt((firstByte + recordType) & 0xff), bytes);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, key, true);
  keys.set(id, out);
  return out;
}
