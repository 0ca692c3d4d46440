/**
 * A Float64Array that grows by doubling, so parsers can append without knowing the row count. It starts
 * small: a parse makes ~30 of them, and starting at 256 slots zeroed ~70 KB per parse, which was half
 * the time of parsing a 2 KB log (profiled under the fuzz bench); doubling costs the same either way.
 */
export class GrowableColumn {
  data: Float64Array;
  length = 0;

  constructor(capacity = 16) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** The filled part, copied so the result owns exactly its length. */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** A (time, value) stream of one channel, remembering whether times only ever went forward. */
export class TimedColumn {
  readonly t = new GrowableColumn();
  readonly v = new GrowableColumn();
  sorted = true;

  push(t: number, v: number): void {
    if (!(Number.isFinite(t) && !Number.isNaN(v))) return;
    const n = this.t.length;
    if (n > 0 && t < this.t.data[n - 1]) this.sorted = false;
    this.t.push(t);
    this.v.push(v);
  }

  get length(): number {
    return this.t.length;
  }

  /** Times and values in time order (a stable sort only when a source logged out of order). */
  ordered(): { t: Float64Array; v: Float64Array } {
    const t = this.t.toArray();
    const v = this.v.toArray();
    if (this.sorted) return { t, v };
    const idx = Array.from(t.keys()).sort((a, b) => t[a] - t[b] || a - b);
    return { t: Float64Array.from(idx, (i) => t[i]), v: Float64Array.from(idx, (i) => v[i]) };
  }
}
