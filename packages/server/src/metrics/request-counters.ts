import type { Database } from '../storage/index.ts';

/**
 * Counts requests per UTC day and route pattern in memory and adds them to SQL now and then, so the
 * only trace a request leaves is +1 on a counter (no time finer than the day, no address, no path).
 */
export class RequestCounters {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database) {}

  count(route: string, at = new Date()): void {
    const key = `${at.toISOString().slice(0, 10)}|${route}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  startFlushing(seconds = 60): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush().catch(() => {}), seconds * 1000);
    this.timer.unref();
  }

  /** Adds the pending counts to the table; several server instances add up. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const params: unknown[] = [];
    const values: string[] = [];
    for (const [key, n] of batch) {
      const [day, route] = key.split('|');
      params.push(day, route, n);
      values.push(`($${params.length - 2}::date, $${params.length - 1}, $${params.length}::bigint)`);
    }
    try {
      await this.db.query(
        `INSERT INTO request_counts (day, route, count) VALUES ${values.join(', ')}
         ON CONFLICT (day, route) DO UPDATE SET count = request_counts.count + EXCLUDED.count`,
        params,
      );
    } catch (e) {
      // Put them back so nothing is lost when the database blips.
      for (const [k, n] of batch) this.pending.set(k, (this.pending.get(k) ?? 0) + n);
      throw e;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  async read(fromDay: string, toDay: string): Promise<Array<{ day: string; route: string; count: number }>> {
    await this.flush();
    const { rows } = await this.db.query<{ day: string; route: string; count: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, route, count::text AS count FROM request_counts
       WHERE day BETWEEN $1::date AND $2::date ORDER BY day, route`,
      [fromDay, toDay],
    );
    return rows.map((r) => ({ day: r.day, route: r.route, count: Number(r.count) }));
  }
}
