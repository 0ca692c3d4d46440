import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log/index.ts';

/**
 * The server's root secret, never used directly: HKDF gives one subkey per purpose, so a leak of one
 * (say the e-mail throttle key) says nothing about the key that wraps pilot keys.
 */
export interface MasterKey {
  /** Short public fingerprint stored beside every wrapped key: a wrong master key is named, not guessed. */
  readonly id: string;
  /** Wraps each pilot's data key (AES-256-GCM). */
  readonly wrapKey: Buffer;
  /** HMAC key for pseudonymous lookups (sign-in throttle by e-mail). */
  readonly lookupKey: Buffer;
}

export function deriveMasterKey(raw: Uint8Array): MasterKey {
  if (raw.length !== 32) throw new Error(`master key must be 32 bytes, got ${raw.length}`);
  const sub = (info: string) => Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), info, 32));
  return {
    id: createHash('sha256').update('airlock-master-key-id').update(raw).digest('hex').slice(0, 16),
    wrapKey: sub('airlock/pilot-key-wrap/v1'),
    lookupKey: sub('airlock/lookup-hmac/v1'),
  };
}

export const MASTER_KEY_FILE = 'master.key';

/**
 * AIRLOCK_MASTER_KEY when set; otherwise `<dataDir>/master.key`, generated once with mode 0600 (the
 * embedded default); `ephemeral` (in-memory test servers) makes a throwaway key and writes nothing.
 */
export function loadMasterKey(
  options: { configured?: string; dataDir: string; ephemeral?: boolean; shared?: boolean },
  log: Logger,
): MasterKey {
  if (options.configured) return deriveMasterKey(Buffer.from(options.configured, 'base64'));
  if (options.ephemeral) return deriveMasterKey(randomBytes(32));
  const path = join(options.dataDir, MASTER_KEY_FILE);
  if (!existsSync(path)) {
    mkdirSync(options.dataDir, { recursive: true });
    // 'wx': two processes starting at once must not each write a key and keep the other's blobs.
    try {
      writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      log.warn('generated a master key', {
        file: MASTER_KEY_FILE,
        note: options.shared
          ? 'the database is shared: set AIRLOCK_MASTER_KEY on every instance instead'
          : 'back it up apart from the data: without it no flight log can be read',
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    log.warn('master key file was readable by others; set to 0600', { file: MASTER_KEY_FILE });
  }
  const raw = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (raw.length !== 32) throw new Error(`${path} must hold base64 of 32 bytes`);
  return deriveMasterKey(raw);
}
