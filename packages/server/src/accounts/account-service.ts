import { randomUUID } from 'node:crypto';
import type { PilotKeyring } from '../crypto/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { AccountError } from './account-error.ts';
import { checkNewPassword, normaliseEmail, normalisePassword } from './credentials.ts';
import { finishErasures, oweErasure } from './erase-residue.ts';
import { checkStoredPassword } from './password-check.ts';
import type { Argon2Cost, HashGateLimits } from './password-hasher.ts';
import { PasswordHasher } from './password-hasher.ts';
import type { PilotDataSource } from './pilot-data-source.ts';
import { emailLookupHash, emailLookupPair, openEmail, sealEmail } from './pilot-email.ts';
import { rotateMasterKey } from './rotate-master-key.ts';
import { sealPlainEmails } from './seal-plain-emails.ts';
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
  /** Bounds on argon2 work at once (see PasswordHasher); generous defaults when absent. */
  hashGate?: HashGateLimits;
}

/** The authenticated caller of a request. */
export interface PilotSession {
  pilotId: string;
  tokenHash: Buffer;
}

interface PilotRow {
  id: string;
  email_sealed: Uint8Array;
  password_hash: string;
  password_nfkc: boolean;
  created_on: Date | string;
}

const PILOT_COLUMNS = 'id, email_sealed, password_hash, password_nfkc, created_on::text AS created_on';
const THROTTLE = 'sign-in';

/**
 * Sign-up, sign-in, sessions, password change, deletion and export of a pilot's account. The e-mail
 * address is never stored as such: pilots are found by a keyed hash of it, and the address is kept
 * sealed under the pilot's data key (see pilot-email.ts), so deleting the key leaves nothing readable.
 * `client` (where given) is an in-memory keyed hash of the caller's address, never stored: it bounds
 * one client's share of the argon2 work.
 */
export class AccountService {
  readonly hasher: PasswordHasher;
  private readonly throttle: SignInThrottle;
  private readonly sources: PilotDataSource[] = [];
  /** The start-up step sealing rows from before migration 007; every operation waits for it. */
  private readonly ready: Promise<unknown>;
  /** The background master-key rotation (resolves to the pilots it re-wrapped; 0 with nothing to do). */
  readonly rotation: Promise<number>;

  constructor(
    private readonly db: Database,
    readonly keyring: PilotKeyring,
    private readonly options: AccountOptions,
    private readonly log: Logger,
  ) {
    this.hasher = new PasswordHasher(options.argon2, options.hashGate);
    this.throttle = new SignInThrottle(db, options.signInMaxAttempts, options.signInLockoutS);
    // Then what a deletion left in the data dir if the server stopped before erasing it (a failure
    // there is logged and retried, never in the way of sign-in).
    this.ready = sealPlainEmails(db, keyring, log).then(() => this.finishErasures());
    // In the background: both master keys work until it is done (see rotate-master-key.ts).
    this.rotation = this.ready
      .then(() => rotateMasterKey(db, keyring, log))
      .catch((e: Error) => {
        log.error('master key rotation stopped; it resumes at the next start', { code: e.name });
        return 0;
      });
    this.ready.catch((e) =>
      log.error('could not seal the e-mail addresses of existing pilots', { error: (e as Error).message }),
    );
  }

  /** Flight logs (and later other stores) join the export and the deletion through this. */
  addDataSource(source: PilotDataSource): void {
    this.sources.push(source);
  }

  async signUp(rawEmail: string, rawPassword: string, client?: string): Promise<Pilot> {
    await this.ready;
    const email = normaliseEmail(rawEmail);
    const password = normalisePassword(rawPassword);
    checkNewPassword(password, email);
    const ticket = this.hasher.enter(client);
    let hash: string;
    try {
      hash = await this.hasher.hash(password, ticket);
    } finally {
      ticket.release();
    }
    const id = randomUUID();
    const key = this.keyring.newKey();
    try {
      return await this.db.transaction(async (tx) => {
        // While a master-key rotation runs, an existing account may still be found by its old hash.
        if (this.keyring.previous) {
          const taken = await tx.query(
            'SELECT 1 FROM pilots WHERE email_hmac IN ($1, $2)',
            emailLookupPair(this.keyring, email),
          );
          if (taken.rows.length > 0) throw new Error('duplicate key: e-mail address');
        }
        const { rows } = await tx.query<{ created_on: string }>(
          'INSERT INTO pilots (id, email_hmac, email_sealed, password_hash) VALUES ($1, $2, $3, $4) RETURNING created_on::text AS created_on',
          [id, emailLookupHash(this.keyring, email), sealEmail(key, id, email), hash],
        );
        await this.keyring.create(tx, id, key);
        return toPilot(id, email, rows[0].created_on);
      });
    } catch (e) {
      if (/duplicate key|unique/i.test((e as Error).message))
        throw new AccountError('email_taken', 'an account with this e-mail address exists');
      throw e;
    } finally {
      key.fill(0);
    }
  }

  async signIn(
    rawEmail: string,
    password: string,
    client?: string,
  ): Promise<{ token: string; expiresAt: Date; pilot: Pilot }> {
    await this.ready;
    const email = normaliseEmail(rawEmail);
    const row = await this.checkPassword(email, password, client);
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + this.options.sessionTtlDays * 86_400_000);
    await this.db.query('INSERT INTO sessions (token_hash, pilot_id, expires_at) VALUES ($1, $2, $3)', [
      hashSessionToken(token),
      row.id,
      expiresAt,
    ]);
    await this.db.query('DELETE FROM sessions WHERE expires_at < now()');
    return { token, expiresAt, pilot: toPilot(row.id, email, row.created_on) };
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
    await this.ready;
    const { rows } = await this.db.query<PilotRow>(`SELECT ${PILOT_COLUMNS} FROM pilots WHERE id = $1`, [
      pilotId,
    ]);
    if (!rows[0]) throw new AccountError('no_such_pilot', 'no such pilot');
    const key = await this.keyring.get(pilotId);
    try {
      return toPilot(pilotId, openEmail(key, pilotId, rows[0].email_sealed), rows[0].created_on);
    } finally {
      key.fill(0);
    }
  }

  /** For operators (`airlock logs import --email`): the pilot with this address, if any. */
  async findPilotByEmail(rawEmail: string): Promise<Pilot | null> {
    await this.ready;
    const email = normaliseEmail(rawEmail);
    const { rows } = await this.db.query<{ id: string }>(
      'SELECT id FROM pilots WHERE email_hmac IN ($1, $2)',
      emailLookupPair(this.keyring, email),
    );
    return rows[0] ? this.pilot(rows[0].id) : null;
  }

  /** Needs the current password; every other session of the pilot is revoked. */
  async changePassword(
    session: PilotSession,
    current: string,
    rawNext: string,
    client?: string,
  ): Promise<void> {
    const pilot = await this.pilot(session.pilotId);
    const next = normalisePassword(rawNext);
    checkNewPassword(next, pilot.email);
    await this.checkPassword(pilot.email, current, client);
    const ticket = this.hasher.enter(client);
    let hash: string;
    try {
      hash = await this.hasher.hash(next, ticket);
    } finally {
      ticket.release();
    }
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE pilots SET password_hash = $2, password_nfkc = true WHERE id = $1', [
        pilot.id,
        hash,
      ]);
      await tx.query('DELETE FROM sessions WHERE pilot_id = $1 AND token_hash <> $2', [
        pilot.id,
        session.tokenHash,
      ]);
    });
  }

  /**
   * Deletes the account and everything held about the pilot. The rows (pilot, data key, sessions, flight
   * log rows) go in one transaction first: from then on every blob is unreadable, whatever the
   * clean-up of files below manages. Last, the bytes the deleted rows leave in the data dir (dead row
   * versions, WAL) are erased (erase-residue.ts): the wrapped key there, with the master key beside
   * it, would open the sealed address. If that fails it stays owed and is retried at start-up.
   */
  async deleteAccount(session: PilotSession, password: string, client?: string): Promise<void> {
    const pilot = await this.pilot(session.pilotId);
    await this.checkPassword(pilot.email, password, client);
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM pilots WHERE id = $1', [pilot.id]);
      await tx.query('DELETE FROM sign_in_throttle WHERE subject = $1', [this.subject(pilot.email)]);
      await oweErasure(tx);
    });
    for (const source of this.sources) {
      await source.eraseFor(pilot.id).catch((e) =>
        this.log.warn('pilot data left behind (unreadable: its key is deleted)', {
          source: source.name,
          error: (e as Error).message,
        }),
      );
    }
    await this.finishErasures();
  }

  private finishErasures(): Promise<unknown> {
    return finishErasures(this.db).catch((e) =>
      this.log.error('deleted accounts not yet erased from the data dir: retried at start-up', {
        error: (e as Error).message,
      }),
    );
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

  /**
   * Counts the attempt first, then checks; the same error for an unknown address and a wrong password.
   * The place in the argon2 gate is taken before the attempt is counted: a pilot refused because the
   * server is busy has not used up one of their attempts.
   */
  private async checkPassword(email: string, password: string, client?: string): Promise<PilotRow> {
    const ticket = this.hasher.enter(client);
    try {
      const subject = this.subject(email);
      const verdict = await this.throttle.reserve(subject);
      if (!verdict.allowed)
        throw new AccountError(
          'too_many_attempts',
          `too many sign-in attempts for this address; try again in ${verdict.retryAfterS} s`,
          verdict.retryAfterS,
        );
      const { rows } = await this.db.query<PilotRow>(
        `SELECT ${PILOT_COLUMNS} FROM pilots WHERE email_hmac IN ($1, $2)`,
        emailLookupPair(this.keyring, email),
      );
      const row = rows[0];
      const ok = row
        ? await checkStoredPassword(this.hasher, row, password, ticket)
        : await this.hasher.verifyNothing(normalisePassword(password), ticket);
      if (!ok) throw new AccountError('wrong_credentials', 'e-mail address or password is wrong');
      if (typeof ok === 'object') {
        const hash = await this.hasher.hash(ok.rehash, ticket);
        await this.db.query('UPDATE pilots SET password_hash = $2, password_nfkc = true WHERE id = $1', [
          row.id,
          hash,
        ]);
      }
      await this.throttle.reset(subject);
      return row;
    } finally {
      ticket.release();
    }
  }

  private subject(email: string): Buffer {
    return this.keyring.lookupHash(THROTTLE, email);
  }
}

function toPilot(id: string, email: string, createdOn: Date | string): Pilot {
  return {
    id,
    email,
    created_on: typeof createdOn === 'string' ? createdOn.slice(0, 10) : createdOn.toISOString().slice(0, 10),
  };
}
