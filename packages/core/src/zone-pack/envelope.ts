import { concat } from '../bytes/index.ts';
import { compactZones } from './compact-zones.ts';
import type { ZonePack, ZonePackDelta } from './pack-format.ts';

/**
 * A signed pack or delta on the wire: "ALZP", format byte 1, the signing key's id (8 bytes), the
 * Ed25519 signature (64 bytes) over everything else, then the payload (UTF-8 JSON). The signature is
 * in the body, not a header, so a relay, a cache or a proxy that alters any byte is caught, and a
 * stored copy can be checked again.
 */
const MAGIC = [0x41, 0x4c, 0x5a, 0x50];
const FORMAT = 1;
const KEY_ID_LENGTH = 8;
const SIGNATURE_LENGTH = 64;
const HEAD = MAGIC.length + 1 + KEY_ID_LENGTH;
export const ENVELOPE_OVERHEAD = HEAD + SIGNATURE_LENGTH;
export const ZONE_PACK_TYPE = 'application/vnd.airlock.zone-pack';

/** A pack or delta that was not signed by the key the device trusts, or does not read. */
export class ZonePackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZonePackError';
  }
}

/** The key id: the first 8 bytes of SHA-256 of the raw 32-byte public key, hex. */
export async function signingKeyId(rawPublicKey: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', rawPublicKey as Uint8Array<ArrayBuffer>);
  return hex(new Uint8Array(digest).subarray(0, KEY_ID_LENGTH));
}

/**
 * The payload's one encoding: fields in a fixed order, so one version has one byte string; zones in
 * their compact form (shared dataset fields once per set, see compact-zones.ts).
 */
export function encodePayload(p: ZonePack | ZonePackDelta): Uint8Array {
  const head = { format: p.format, kind: p.kind, id: p.id };
  const meta = { built: p.built, datasets: p.datasets, cover: p.cover, countries: p.countries };
  let body: Record<string, unknown>;
  if (p.kind === 'pack') {
    const { sets, zones } = compactZones(p.zones);
    body = { ...head, version: p.version, ...meta, sets, zones };
  } else {
    const { sets, zones } = compactZones([...p.added, ...p.changed]);
    const added = zones.slice(0, p.added.length);
    const changed = zones.slice(p.added.length);
    body = { ...head, from: p.from, to: p.to, ...meta, sets, added, changed, removed: p.removed };
  }
  return new TextEncoder().encode(JSON.stringify(body));
}

/** Signs a payload with the server's Ed25519 key (a Web Crypto key with usage "sign"). */
export async function sealPayload(
  payload: Uint8Array,
  keyId: string,
  privateKey: CryptoKey,
): Promise<Uint8Array> {
  const head = new Uint8Array(HEAD);
  head.set(MAGIC, 0);
  head[MAGIC.length] = FORMAT;
  head.set(unhex(keyId), MAGIC.length + 1);
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', privateKey, concat(head, payload)));
  return concat(head, signature, payload);
}

/** The verifying key, from the raw 32 bytes the server publishes. */
export async function importVerifyKey(rawPublicKey: Uint8Array): Promise<{ keyId: string; key: CryptoKey }> {
  if (rawPublicKey.length !== 32) throw new ZonePackError('an Ed25519 public key is 32 bytes');
  const key = await crypto.subtle.importKey(
    'raw',
    rawPublicKey as Uint8Array<ArrayBuffer>,
    'Ed25519',
    false,
    ['verify'],
  );
  return { keyId: await signingKeyId(rawPublicKey), key };
}

/**
 * The payload of a sealed pack or delta, only if `trusted` signed exactly these bytes. Throws a
 * ZonePackError otherwise: a device never uses zones it could not check.
 */
export async function openSealed(
  sealed: Uint8Array,
  trusted: { keyId: string; key: CryptoKey },
): Promise<unknown> {
  if (sealed.length < ENVELOPE_OVERHEAD + 2 || MAGIC.some((b, i) => sealed[i] !== b)) {
    throw new ZonePackError('not a sealed zone pack');
  }
  if (sealed[MAGIC.length] !== FORMAT)
    throw new ZonePackError(`unknown zone pack format ${sealed[MAGIC.length]}`);
  const keyId = hex(sealed.subarray(MAGIC.length + 1, HEAD));
  if (keyId !== trusted.keyId)
    throw new ZonePackError(`signed by key ${keyId}, not by the trusted key ${trusted.keyId}`);
  const signature = sealed.subarray(HEAD, ENVELOPE_OVERHEAD);
  const payload = sealed.subarray(ENVELOPE_OVERHEAD);
  const ok = await crypto.subtle.verify(
    'Ed25519',
    trusted.key,
    signature as Uint8Array<ArrayBuffer>,
    concat(sealed.subarray(0, HEAD), payload),
  );
  if (!ok) throw new ZonePackError('the signature does not match: the pack was altered');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (error) {
    throw new ZonePackError(`a signed payload that is not JSON: ${(error as Error).message}`);
  }
}

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function unhex(s: string): Uint8Array {
  if (!/^[0-9a-f]{16}$/.test(s)) throw new RangeError('a key id is 16 hex digits');
  return Uint8Array.from(s.match(/../g) as string[], (h) => Number.parseInt(h, 16));
}
