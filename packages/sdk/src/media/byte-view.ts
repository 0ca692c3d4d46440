/** Bounds-checked reads over a byte array: a cut-short or lying file ends a walk, never throws past it. */
export class ByteView {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  has(offset: number, n: number): boolean {
    return offset >= 0 && n >= 0 && offset + n <= this.bytes.length;
  }
  u8(o: number): number {
    return this.has(o, 1) ? this.view.getUint8(o) : 0;
  }
  u16(o: number, little = false): number {
    return this.has(o, 2) ? this.view.getUint16(o, little) : 0;
  }
  u32(o: number, little = false): number {
    return this.has(o, 4) ? this.view.getUint32(o, little) : 0;
  }
  /** A 64-bit unsigned value as a number (exact below 2^53, which every offset and time here is). */
  u64(o: number): number {
    return this.u32(o) * 2 ** 32 + this.u32(o + 4);
  }
  /** Latin-1 text of the bytes (ASCII for four-character codes), clipped to the array. */
  ascii(o: number, n: number): string {
    const end = Math.min(this.bytes.length, o + n);
    let s = '';
    for (let i = Math.max(0, o); i < end; i++) s += String.fromCharCode(this.bytes[i]);
    return s;
  }
  /** UTF-8 text, clipped to the array (Latin-1 on an engine without TextDecoder). */
  utf8(o: number, n: number): string {
    if (typeof TextDecoder !== 'function') return this.ascii(o, n);
    const start = Math.max(0, o);
    return new TextDecoder().decode(this.bytes.subarray(start, Math.min(this.bytes.length, o + n)));
  }
  sub(o: number, n: number): ByteView {
    const start = Math.max(0, Math.min(o, this.bytes.length));
    return new ByteView(this.bytes.subarray(start, Math.min(this.bytes.length, o + n)));
  }
}
