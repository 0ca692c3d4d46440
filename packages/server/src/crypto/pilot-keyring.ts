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
  constructor(
    private readonly db: Queryable,
    private readonly master: MasterKey,
  ) {}

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
    if (rows[0].master_key_id !== this.master.id)
      throw new PilotKeyError(
        `pilot key was wrapped by master key ${rows[0].master_key_id}, this server has ${this.master.id}: set the same AIRLOCK_MASTER_KEY on every instance`,
      );
    return open(this.master.wrapKey, rows[0].wrapped_key, wrapAad(pilotId), 'pilot key');
  }

  /** A keyed, non-reversible handle for a value (an e-mail address) that must be looked up but not kept. */
  lookupHash(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.master.lookupKey).update(`${purpose}\0${value}`).digest();
  }
}

function wrapAad(pilotId: string): string {
  return `airlock/pilot-key/v1\0${pilotId}`;
}
