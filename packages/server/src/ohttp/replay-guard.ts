/**
 * Refuses an encapsulated request seen before, by its HPKE `enc`: a fresh ephemeral public key for
 * every request, which a replay must repeat byte for byte (it binds the decryption). RFC 9458 6.5.1:
 * the gateway accepts a request only when the Date inside it is within `windowMs` of its own clock,
 * and remembers every accepted enc for at least 2 x windowMs, the longest time one request can pass
 * that check. So a copy is refused whenever it comes: within 2 x windowMs by this memory, later by the
 * date. Only requests that decrypted are remembered (a forged enc cannot fill the memory without a
 * valid ciphertext), and memory is two generations of a Set, dropped whole, so nothing is swept.
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
  ) {
    this.generationStart = now();
  }

  /** True the first time `enc` is seen; false for a replay. */
  admit(enc: Uint8Array): boolean {
    const t = this.now();
    // A generation lasts 2 x window, so an entry lives between 2 and 4 windows.
    if (t - this.generationStart >= 2 * this.windowMs) {
      this.previous = this.current;
      this.current = new Set();
      this.generationStart = t;
    }
    const key = String.fromCharCode(...enc);
    if (this.current.has(key) || this.previous.has(key)) return false;
    this.current.add(key);
    return true;
  }

  /** Whether a request dated `dateMs` may be accepted now (the other half of the scheme). */
  inWindow(dateMs: number): boolean {
    return Number.isFinite(dateMs) && Math.abs(this.now() - dateMs) <= this.windowMs;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
