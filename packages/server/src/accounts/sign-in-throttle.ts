import type { Database } from '../storage/index.ts';

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterS: number };

interface Row {
  attempts: number;
  window_start: Date;
  locked_until: Date | null;
  now: Date;
}

/**
 * Password attempts per e-mail address (an HMAC of it), counted in the database so every server
 * instance shares the count. Each attempt is reserved *before* the password is checked, so a burst of
 * parallel guesses cannot slip past the limit. Deliberately not keyed by IP address: the server never
 * keeps one, carrier-grade NAT puts thousands of pilots behind one address, and an attacker rotates
 * addresses for free; the thing under attack is the account, so that is what is counted.
 */
export class SignInThrottle {
  constructor(
    private readonly db: Database,
    private readonly maxAttempts: number,
    private readonly lockoutS: number,
  ) {}

  async reserve(subject: Buffer): Promise<ThrottleVerdict> {
    return this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO sign_in_throttle (subject) VALUES ($1) ON CONFLICT (subject) DO NOTHING', [
        subject,
      ]);
      const { rows } = await tx.query<Row>(
        'SELECT attempts, window_start, locked_until, now() AS now FROM sign_in_throttle WHERE subject = $1 FOR UPDATE',
        [subject],
      );
      const r = rows[0];
      const now = r.now.getTime();
      if (r.locked_until && r.locked_until.getTime() > now)
        return { allowed: false, retryAfterS: Math.ceil((r.locked_until.getTime() - now) / 1000) };
      let attempts = r.attempts;
      let windowStart = r.window_start;
      if (r.locked_until || now - windowStart.getTime() > this.lockoutS * 1000) {
        attempts = 0;
        windowStart = r.now;
      }
      attempts++;
      const lock = attempts > this.maxAttempts ? new Date(now + this.lockoutS * 1000) : null;
      await tx.query(
        'UPDATE sign_in_throttle SET attempts = $2, window_start = $3, locked_until = $4 WHERE subject = $1',
        [subject, attempts, windowStart, lock],
      );
      return lock ? { allowed: false, retryAfterS: this.lockoutS } : { allowed: true };
    });
  }

  /** A correct password clears the count; stale rows of other addresses go too. */
  async reset(subject: Buffer): Promise<void> {
    await this.db.query('DELETE FROM sign_in_throttle WHERE subject = $1', [subject]);
    await this.db.query(
      `DELETE FROM sign_in_throttle WHERE window_start < now() - interval '1 day'
         AND (locked_until IS NULL OR locked_until < now())`,
    );
  }

  async state(subject: Buffer): Promise<{ attempts: number; locked_until: string | null } | null> {
    const { rows } = await this.db.query<Row>(
      'SELECT attempts, locked_until FROM sign_in_throttle WHERE subject = $1',
      [subject],
    );
    return rows[0]
      ? { attempts: rows[0].attempts, locked_until: rows[0].locked_until?.toISOString() ?? null }
      : null;
  }
}
