import { importVerifyKey } from '@airlock/core/zone-pack';
import type { SafeStorage } from '../storage/index.ts';
import type { Transport } from '../transport/index.ts';

export const PACK_KEY_PATH = '/v1/location/packs/key';

export type TrustedKey = Awaited<ReturnType<typeof importVerifyKey>>;

/**
 * The key zone packs must be signed with: the app's pinned one, else the one the server publishes,
 * read once (through the relay when there is one: the gateway's encryption then authenticates it)
 * and kept in storage, so a later cache or relay cannot swap it.
 */
export function packKeySource(
  transport: Transport,
  storage: SafeStorage,
  storageKey: string,
  pinned?: string | Uint8Array,
): () => Promise<TrustedKey> {
  let key: Promise<TrustedKey> | undefined;
  return () => {
    key ??= (async () => {
      if (pinned !== undefined)
        return importVerifyKey(typeof pinned === 'string' ? fromBase64Url(pinned) : pinned);
      const kept = await storage.get(storageKey);
      if (kept.ok && kept.value) return importVerifyKey(fromBase64Url(kept.value));
      const res = await transport.send({ category: 'location_check', method: 'GET', path: PACK_KEY_PATH });
      if (!res.ok) throw new Error(res.error ?? `zone pack key: server answered HTTP ${res.status}`);
      const doc = JSON.parse(res.body) as { algorithm?: unknown; public_key?: unknown };
      if (doc.algorithm !== 'Ed25519' || typeof doc.public_key !== 'string') {
        throw new Error('zone pack key: not an Ed25519 key');
      }
      const trusted = await importVerifyKey(fromBase64Url(doc.public_key));
      await storage.set(storageKey, doc.public_key);
      return trusted;
    })();
    key.catch(() => {
      key = undefined;
    });
    return key;
  };
}

function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
