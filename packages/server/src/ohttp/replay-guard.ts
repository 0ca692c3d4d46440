/**
 * Refuses an encapsulated request seen before, by its HPKE `enc`: a fresh ephemeral public key for
 * every request, which a replay must repeat byte for byte (it binds the decryption). RFC 9458 6.5.1:
 * the gateway accepts a request only when the Date inside it is within `windowMs` of its own clock,
 * and remembers every accepted enc for at least 2 x windowMs, the longest time one request can pass
 * that check. So a copy is refused whenever it comes: within 2 x windowMs by this memory, later by the
 * date. Only requests that decrypted are remembered (a forged enc cannot fill the memory without a
 * valid ciphertext), and memory is two generations of a Set, dropped whole, so nothing is swept.
 *
 * Anyone can encrypt to the public key, so the memory is bounded: past `maxEntries` remembered encs
 * (~100 bytes each; 500,000 by default, ~50 MB, more than a gateway at ~2 ms of CPU per request can
 * admit in 4 windows on one core) new requests are refused as busy until a generation drops, never
 * admitted unremembered (that would let their copies through).
 *
 * The memory is this process's: several instances behind one load balancer each keep their own, so
 * a copy sent to another instance inside the window is not caught there (see docs/oblivious-http.md).
 */
export class ReplayGuard {
  private current = new Set<string>();
  private previous = new Set<string>();
  private generationStart: number;

  constructor(
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 500_000,
  ) {
    this.generationStart = now();
  }

  /** True while the memory holds `maxEntries`: the gateway then refuses new requests (busy). */
  get full(): boolean {
    this.rotate(this.now());
    return this.size >= this.maxEntries;
  }

  /** True the first time `enc` is seen; false for a replay. */
  admit(enc: Uint8Array): boolean {
    this.rotate(this.now());
    const key = String.fromCharCode(...enc);
    if (this.current.has(key) || this.previous.has(key)) return false;
    this.current.add(key);
    return true;
  }

  /** A generation lasts 2 x window, so an entry lives between 2 and 4 windows. */
  private rotate(t: number): void {
    if (t - this.generationStart < 2 * this.windowMs) return;
    this.previous = this.current;
    this.current = new Set();
    this.generationStart = t;
  }

  /** Whether a request dated `dateMs` may be accepted now (the other half of the scheme). */
  inWindow(dateMs: number): boolean {
    return Number.isFinite(dateMs) && Math.abs(this.now() - dateMs) <= this.windowMs;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
