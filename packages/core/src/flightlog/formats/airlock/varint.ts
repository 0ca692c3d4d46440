// LEB128 varints with arithmetic instead of bit operators: quantized longitudes (±1.8e9) and epoch
// milliseconds (~1.7e12) do not fit the 32 bits that JavaScript's bit operators work on.

/** A byte buffer that grows as it is written. */
export class ByteWriter {
  private buf = new Uint8Array(64);
  length = 0;

  byte(b: number): void {
    if (this.length === this.buf.length) this.grow(1);
    this.buf[this.length++] = b;
  }

  /** An unsigned integer (0 .. 2^53) as LEB128. */
  uvarint(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.byte((v % 0x80) + 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  /** A signed integer, zigzag-coded so small negative numbers stay one byte. */
  svarint(value: number): void {
    this.uvarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** UTF-8 text with its byte length in front; at most `maxBytes` (cut on a character boundary). */
  text(s: string, maxBytes = 1000): void {
    let bytes = new TextEncoder().encode(s);
    if (bytes.length > maxBytes) {
      let end = maxBytes;
      while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
      bytes = bytes.subarray(0, end);
    }
    this.uvarint(bytes.length);
    this.bytes(bytes);
  }

  bytes(b: Uint8Array): void {
    if (this.length + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  u32le(v: number): void {
    this.byte(v & 0xff);
    this.byte((v >>> 8) & 0xff);
    this.byte((v >>> 16) & 0xff);
    this.byte((v >>> 24) & 0xff);
  }

  /** The written bytes (a copy owning exactly its length). */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  private grow(need: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + need));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}

/** Thrown by ByteReader when a value runs past the end of its record: the record is malformed. */
export class RecordOverrun extends Error {}

/** Reads varints and texts from `bytes[pos..end)`. */
export class ByteReader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) throw new RecordOverrun('value runs past the end of the record');
    return this.bytes[this.pos++];
  }

  uvarint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
    throw new RecordOverrun('varint longer than 8 bytes');
  }

  svarint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  text(): string {
    const n = this.uvarint();
    if (this.pos + n > this.end) throw new RecordOverrun('text runs past the end of the record');
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
}

/**
 * A uvarint at `pos` in `bytes` and the bytes it took, or null when the bytes end first (a torn
 * length prefix) or it is longer than `maxBytes` (not a length this format writes).
 */
export function peekUvarint(
  bytes: Uint8Array,
  pos: number,
  maxBytes: number,
): { value: number; size: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < maxBytes && pos + i < bytes.length; i++) {
    const b = bytes[pos + i];
    value += (b & 0x7f) * scale;
    if (b < 0x80) return { value, size: i + 1 };
    scale *= 0x80;
  }
  return null;
}
