import { randomUUID } from 'node:crypto';
import type { PilotKeyring } from '../crypto/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { AccountError } from './account-error.ts';
import { checkNewPassword, normaliseEmail } from './credentials.ts';
import type { Argon2Cost } from './password-hasher.ts';
import { PasswordHasher } from './password-hasher.ts';
import type { PilotDataSource } from './pilot-data-source.ts';
import { hashSessionToken, looksLikeSessionToken, newSessionToken } from './session-token.ts';
import { SignInThrottle } from './sign-in-throttle.ts';

export interface Pilot {
  id: string;
  email: string;
  /** Sign-up day (YYYY-MM-DD): no finer time is kept. */
  created_on: string;
}

export interface AccountOptions {
  argon2: Argon2Cost;
  sessionTtlDays: number;
  signInMaxAttempts: number;
  signInLockoutS: number;
}

/** The authenticated caller of a request. */
export interface PilotSession {
  pilotId: string;
  tokenHash: Buffer;
}

interface PilotRow {
  id: string;
  email: string;
  password_hash: string;
  created_on: Date | string;
}

const THROTTLE = 'sign-in';

/** Sign-up, sign-in, sessions, password change, deletion and export of a pilot's account. */
export class AccountService {
  readonly hasher: PasswordHasher;
  private readonly throttle: SignInThrottle;
  private readonly sources: PilotDataSource[] = [];

  constructor(
    private readonly db: Database,
    readonly keyring: PilotKeyring,
    private readonly options: AccountOptions,
    private readonly log: Logger,
  ) {
    this.hasher = new PasswordHasher(options.argon2);
    this.throttle = new SignInThrottle(db, options.signInMaxAttempts, options.signInLockoutS);
  }

  /** Flight logs (and later other stores) join the export and the deletion through this. */
  addDataSource(source: PilotDataSource): void {
    this.sources.push(source);
  }

  async signUp(rawEmail: string, password: string): Promise<Pilot> {
    const email = normaliseEmail(rawEmail);
    checkNewPassword(password, email);
    const hash = await this.hasher.hash(password);
    const id = randomUUID();
    try {
      return await this.db.transaction(async (tx) => {
        const { rows } = await tx.query<PilotRow>(
          'INSERT INTO pilots (id, email, password_hash) VALUES ($1, $2, $3) RETURNING id, email, created_on::text AS created_on',
          [id, email, hash],
        );
        await this.keyring.create(tx, id);
        return toPilot(rows[0]);
      });
    } catch (e) {
      if (/duplicate key|unique/i.test((e as Error).message))
        throw new AccountError('email_taken', 'an account with this e-mail address exists');
      throw e;
    }
  }

  async signIn(
    rawEmail: string,
    password: string,
  ): Promise<{ token: string; expiresAt: Date; pilot: Pilot }> {
    const pilot = await this.checkPassword(normaliseEmail(rawEmail), password);
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + this.options.sessionTtlDays * 86_400_000);
    await this.db.query('INSERT INTO sessions (token_hash, pilot_id, expires_at) VALUES ($1, $2, $3)', [
      hashSessionToken(token),
      pilot.id,
      expiresAt,
    ]);
    await this.db.query('DELETE FROM sessions WHERE expires_at < now()');
    return { token, expiresAt, pilot: toPilot(pilot) };
  }

  /** The session a token belongs to, or null when it is unknown, revoked or expired. */
  async authenticate(token: string): Promise<PilotSession | null> {
    if (!looksLikeSessionToken(token)) return null;
    const tokenHash = hashSessionToken(token);
    const { rows } = await this.db.query<{ pilot_id: string }>(
      'SELECT pilot_id FROM sessions WHERE token_hash = $1 AND expires_at > now()',
      [tokenHash],
    );
    return rows[0] ? { pilotId: rows[0].pilot_id, tokenHash } : null;
  }

  async signOut(session: PilotSession): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [session.tokenHash]);
  }

  async pilot(pilotId: string): Promise<Pilot> {
    const { rows } = await this.db.query<PilotRow>(
      'SELECT id, email, password_hash, created_on::text AS created_on FROM pilots WHERE id = $1',
      [pilotId],
    );
    if (!rows[0]) throw new AccountError('no_such_pilot', 'no such pilot');
    return toPilot(rows[0]);
  }

  /** For operators (`airlock logs import --email`): the pilot with this address, if any. */
  async findPilotByEmail(rawEmail: string): Promise<Pilot | null> {
    const { rows } = await this.db.query<PilotRow>(
      'SELECT id, email, password_hash, created_on::text AS created_on FROM pilots WHERE email = $1',
      [normaliseEmail(rawEmail)],
    );
    return rows[0] ? toPilot(rows[0]) : null;
  }

  /** Needs the current password; every other session of the pilot is revoked. */
  async changePassword(session: PilotSession, current: string, next: string): Promise<void> {
    const pilot = await this.pilot(session.pilotId);
    await this.checkPassword(pilot.email, current);
    checkNewPassword(next, pilot.email);
    const hash = await this.hasher.hash(next);
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE pilots SET password_hash = $2 WHERE id = $1', [pilot.id, hash]);
      await tx.query('DELETE FROM sessions WHERE pilot_id = $1 AND token_hash <> $2', [
        pilot.id,
        session.tokenHash,
      ]);
    });
  }

  /**
   * Deletes the account and everything held about the pilot. The rows (pilot, data key, sessions, flight
   * log rows) go in one transaction first: from then on every blob is unreadable, whatever the
   * clean-up of files below manages.
   */
  async deleteAccount(session: PilotSession, password: string): Promise<void> {
    const pilot = await this.pilot(session.pilotId);
    await this.checkPassword(pilot.email, password);
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM pilots WHERE id = $1', [pilot.id]);
      await tx.query('DELETE FROM sign_in_throttle WHERE subject = $1', [this.subject(pilot.email)]);
    });
    for (const source of this.sources) {
      await source.eraseFor(pilot.id).catch((e) =>
        this.log.warn('pilot data left behind (unreadable: its key is deleted)', {
          source: source.name,
          error: (e as Error).message,
        }),
      );
    }
  }

  /** Everything the server holds about the pilot, as one JSON document. */
  async exportData(session: PilotSession): Promise<Record<string, unknown>> {
    const pilot = await this.pilot(session.pilotId);
    const sessions = await this.db.query<{ token_hash: Buffer; expires_at: Date }>(
      'SELECT token_hash, expires_at FROM sessions WHERE pilot_id = $1 AND expires_at > now() ORDER BY expires_at',
      [pilot.id],
    );
    const keyRow = await this.db.query<{ master_key_id: string }>(
      'SELECT master_key_id FROM pilot_keys WHERE pilot_id = $1',
      [pilot.id],
    );
    const key = await this.keyring.get(pilot.id);
    const out: Record<string, unknown> = {
      exported_at: new Date().toISOString(),
      pilot,
      password: {
        algorithm: 'argon2id',
        note: 'only a salted argon2id hash is kept; it is not exported because it is a credential',
      },
      sessions: sessions.rows.map((s) => ({
        expires_at: s.expires_at.toISOString(),
        current: Buffer.from(s.token_hash).equals(session.tokenHash),
      })),
      sign_in_attempts: await this.throttle.state(this.subject(pilot.email)),
      encryption: {
        data_key: 'a random AES-256 key, stored only wrapped by the server master key',
        master_key_id: keyRow.rows[0]?.master_key_id ?? null,
      },
      not_kept: ['IP addresses', 'user agents', 'device identifiers', 'sign-in times'],
    };
    for (const source of this.sources) out[source.name] = await source.exportFor(pilot.id, key);
    key.fill(0);
    return out;
  }

  /** Counts the attempt first, then checks; the same error for an unknown address and a wrong password. */
  private async checkPassword(email: string, password: string): Promise<PilotRow> {
    const subject = this.subject(email);
    const verdict = await this.throttle.reserve(subject);
    if (!verdict.allowed)
      throw new AccountError(
        'too_many_attempts',
        `too many sign-in attempts for this address; try again in ${verdict.retryAfterS} s`,
        verdict.retryAfterS,
      );
    const { rows } = await this.db.query<PilotRow>(
      'SELECT id, email, password_hash, created_on::text AS created_on FROM pilots WHERE email = $1',
      [email],
    );
    const ok = rows[0]
      ? await this.hasher.verify(rows[0].password_hash, password)
      : await this.hasher.verifyNothing(password);
    if (!ok) throw new AccountError('wrong_credentials', 'e-mail address or password is wrong');
    await this.throttle.reset(subject);
    return rows[0];
  }

  private subject(email: string): Buffer {
    return this.keyring.lookupHash(THROTTLE, email);
  }
}

function toPilot(r: PilotRow): Pilot {
  const d = r.created_on;
  return {
    id: r.id,
    email: r.email,
    created_on: typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10),
  };
}
