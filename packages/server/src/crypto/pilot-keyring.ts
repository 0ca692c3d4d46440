import { createHmac, randomBytes } from 'node:crypto';
import type { Queryable } from '../storage/index.ts';
import { open, seal } from './aead.ts';
import type { MasterKey } from './master-key.ts';

export class PilotKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PilotKeyError';
  }
}

/**
 * Envelope encryption: each pilot has a random 256-bit data key, stored only wrapped by the master key
 * (row `pilot_keys`, deleted with the pilot). Deleting that row is what makes every copy of the pilot's
 * blobs unreadable, backups included.
 */
export class PilotKeyring {
  /**
   * `previous` (AIRLOCK_MASTER_KEY_PREVIOUS) is the key being rotated away from: keys it wrapped are
   * still opened, addresses hashed under it still found, until rotate-master-key.ts re-wrapped them.
   */
  constructor(
    private readonly db: Queryable,
    private readonly master: MasterKey,
    readonly previous?: MasterKey,
  ) {}

  /** The current master key's public fingerprint. */
  get masterId(): string {
    return this.master.id;
  }

  /** A fresh data key, for a caller that must seal something with it before `create` stores it. */
  newKey(): Buffer {
    return randomBytes(32);
  }

  /**
   * Stores the pilot's data key (a fresh one, or `key` from `newKey`) inside the sign-up transaction.
   * The caller zeroes a key it passed in.
   */
  async create(tx: Queryable, pilotId: string, key?: Buffer): Promise<void> {
    const wrapped = seal(this.master.wrapKey, key ?? randomBytes(32), wrapAad(pilotId));
    await tx.query('INSERT INTO pilot_keys (pilot_id, wrapped_key, master_key_id) VALUES ($1, $2, $3)', [
      pilotId,
      wrapped,
      this.master.id,
    ]);
  }

  /** The pilot's data key; throws PilotKeyError when the pilot (and so the key) is gone. */
  async get(pilotId: string, tx: Queryable = this.db): Promise<Buffer> {
    const { rows } = await tx.query<{ wrapped_key: Uint8Array; master_key_id: string }>(
      'SELECT wrapped_key, master_key_id FROM pilot_keys WHERE pilot_id = $1',
      [pilotId],
    );
    if (rows.length === 0) throw new PilotKeyError('no data key: the pilot does not exist (any more)');
    const by = [this.master, this.previous].find((m) => m?.id === rows[0].master_key_id);
    if (!by)
      throw new PilotKeyError(
        `pilot key was wrapped by master key ${rows[0].master_key_id}, this server has ${this.master.id}: set the same AIRLOCK_MASTER_KEY on every instance`,
      );
    return open(by.wrapKey, rows[0].wrapped_key, wrapAad(pilotId), 'pilot key');
  }

  /**
   * Re-wraps a pilot's key from the previous master key to the current one inside `tx`; returns the
   * data key (the caller zeroes it), or null when it was not wrapped by the previous key (done already,
   * by this server or another).
   */
  async rewrap(tx: Queryable, pilotId: string): Promise<Buffer | null> {
    if (!this.previous) return null;
    const { rows } = await tx.query<{ wrapped_key: Uint8Array }>(
      'SELECT wrapped_key FROM pilot_keys WHERE pilot_id = $1 AND master_key_id = $2 FOR UPDATE',
      [pilotId, this.previous.id],
    );
    if (rows.length === 0) return null;
    const key = open(this.previous.wrapKey, rows[0].wrapped_key, wrapAad(pilotId), 'pilot key');
    await tx.query('UPDATE pilot_keys SET wrapped_key = $2, master_key_id = $3 WHERE pilot_id = $1', [
      pilotId,
      seal(this.master.wrapKey, key, wrapAad(pilotId)),
      this.master.id,
    ]);
    return key;
  }

  /** A keyed, non-reversible handle for a value (an e-mail address) that must be looked up but not kept. */
  lookupHash(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.master.lookupKey).update(`${purpose}\0${value}`).digest();
  }

  /** The handle under the current key, then under the previous one while a rotation runs. */
  lookupHashes(purpose: string, value: string): Buffer[] {
    const current = this.lookupHash(purpose, value);
    if (!this.previous) return [current];
    return [current, createHmac('sha256', this.previous.lookupKey).update(`${purpose}\0${value}`).digest()];
  }
}

function wrapAad(pilotId: string): string {
  return `airlock/pilot-key/v1\0${pilotId}`;
}
