/** Answers of one kind of request, by outcome: a status code, or `network` for no answer at all. */
export class Tally {
  readonly byOutcome = new Map<string, number>();

  add(outcome: number | 'network'): void {
    const k = String(outcome);
    this.byOutcome.set(k, (this.byOutcome.get(k) ?? 0) + 1);
  }

  count(...outcomes: Array<number | 'network'>): number {
    return outcomes.reduce<number>((n, o) => n + (this.byOutcome.get(String(o)) ?? 0), 0);
  }

  get total(): number {
    return [...this.byOutcome.values()].reduce((a, b) => a + b, 0);
  }

  toString(): string {
    return [...this.byOutcome.entries()].map(([k, v]) => `${k}×${v}`).join(' ');
  }
}

/**
 * `workers` loops calling `request(i)` until `running()` turns false; each outcome goes to `tally`.
 * A worker that gets no answer pauses briefly (its server is gone; haproxy notices within ~0.5 s).
 */
export async function loops(
  workers: number,
  running: () => boolean,
  tally: Tally,
  request: (i: number) => Promise<Response>,
): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (running()) {
        const res = await request(i++).catch(() => null);
        if (!res) {
          tally.add('network');
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        await res.arrayBuffer().catch(() => {});
        tally.add(res.status);
      }
    }),
  );
}

/** Slippy-map tile of a point at zoom `z`. */
export function tileOf(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}
