import type { EncryptionContext } from '@hpke/core';
import { concat, type RandomBytes, Reader, secureRandomBytes, u16, utf8 } from './bytes.ts';
import type { KeyConfig } from './key-config.ts';
import { OhttpError } from './ohttp-error.ts';
import { RESPONSE_NONCE_LENGTH, responseAead } from './response-keys.ts';
import {
  AEAD_AES_128_GCM,
  type GatewayKey,
  KDF_HKDF_SHA256,
  KEM_X25519_HKDF_SHA256,
  suite,
} from './suite.ts';

/** Key id, KEM, KDF and AEAD ids: the 7 cleartext bytes in front of every encapsulated request. */
export const REQUEST_HEADER_LENGTH = 7;
const REQUEST_LABEL = utf8.encode('message/bhttp request');

/** What a request's sender or receiver keeps to seal or open the one response that answers it. */
export interface ExchangeContext {
  hpke: EncryptionContext;
  enc: Uint8Array;
}

function header(keyId: number, kemId: number, kdfId: number, aeadId: number): Uint8Array {
  return concat(Uint8Array.of(keyId), u16(kemId), u16(kdfId), u16(aeadId));
}

// The gateway's public key as a CryptoKey, imported once per configuration rather than per request.
const publicKeys = new WeakMap<KeyConfig, Promise<CryptoKey>>();
function publicKeyOf(config: KeyConfig): Promise<CryptoKey> {
  let key = publicKeys.get(config);
  if (!key) publicKeys.set(config, (key = suite.kem.deserializePublicKey(config.publicKey)));
  return key;
}

// info = "message/bhttp request" || 0x00 || hdr (section 4.3, step 2).
const infoFor = (hdr: Uint8Array) => concat(REQUEST_LABEL, Uint8Array.of(0), hdr);

/**
 * Client side (RFC 9458, section 4.3): hdr || enc || Seal(request). `ephemeral` fixes the HPKE
 * ephemeral key pair, for test vectors only; a real request always draws a fresh one.
 */
export async function encapsulateRequest(
  config: KeyConfig,
  request: Uint8Array,
  options: { ephemeral?: CryptoKeyPair } = {},
): Promise<{ encapsulated: Uint8Array; context: ExchangeContext }> {
  if (config.kemId !== KEM_X25519_HKDF_SHA256)
    throw new OhttpError('unsupported_suite', 'the key is not X25519');
  if (!config.algorithms.some((a) => a.kdfId === KDF_HKDF_SHA256 && a.aeadId === AEAD_AES_128_GCM))
    throw new OhttpError('unsupported_suite', 'the gateway offers no HKDF-SHA256 + AES-128-GCM');
  const hdr = header(config.keyId, config.kemId, KDF_HKDF_SHA256, AEAD_AES_128_GCM);
  const sender = await suite.createSenderContext({
    recipientPublicKey: await publicKeyOf(config),
    info: infoFor(hdr),
    ...(options.ephemeral ? { ekm: options.ephemeral } : {}),
  });
  const enc = new Uint8Array(sender.enc);
  const ct = new Uint8Array(await sender.seal(request));
  return { encapsulated: concat(hdr, enc, ct), context: { hpke: sender, enc } };
}

/** The key id an encapsulated request names, or undefined when it is too short to name one. */
export function requestKeyId(encapsulated: Uint8Array): number | undefined {
  return encapsulated.length > 0 ? encapsulated[0] : undefined;
}

/**
 * Gateway side: finds the key by id (`keyFor`), checks the suite, opens the request. Every failure is
 * an OhttpError, answered without encapsulation since there is nothing to encapsulate to (5.2).
 */
export async function decapsulateRequest(
  encapsulated: Uint8Array,
  keyFor: (keyId: number) => GatewayKey | undefined,
): Promise<{ request: Uint8Array; keyId: number; context: ExchangeContext }> {
  const r = new Reader(encapsulated, 'encapsulated request');
  if (r.left < REQUEST_HEADER_LENGTH + suite.kem.encSize + suite.aead.tagSize)
    throw new OhttpError('malformed', `encapsulated request: ${r.left} bytes is too short`);
  const [keyId, kemId, kdfId, aeadId] = [r.u8(), r.u16(), r.u16(), r.u16()];
  const key = keyFor(keyId);
  if (!key || key.config.kemId !== kemId)
    throw new OhttpError(
      'unknown_key',
      `key ${keyId} is not one of this gateway's keys: fetch its key configuration`,
    );
  if (!key.config.algorithms.some((a) => a.kdfId === kdfId && a.aeadId === aeadId))
    throw new OhttpError(
      'unsupported_suite',
      `KDF ${kdfId} with AEAD ${aeadId} is not offered with key ${keyId}`,
    );
  const enc = r.take(suite.kem.encSize).slice();
  const ct = r.take(r.left);
  let receiver: EncryptionContext;
  let request: Uint8Array;
  try {
    receiver = await suite.createRecipientContext({
      recipientKey: { privateKey: key.privateKey, publicKey: key.publicKey },
      enc,
      info: infoFor(header(keyId, kemId, kdfId, aeadId)),
    });
    request = new Uint8Array(await receiver.open(ct));
  } catch {
    throw new OhttpError('decrypt_failed', `the request does not decrypt with key ${keyId}`);
  }
  return { request, keyId, context: { hpke: receiver, enc } };
}

/** Gateway side (section 4.4): response_nonce || Seal(response), under keys only this exchange has. */
export async function encapsulateResponse(
  context: ExchangeContext,
  response: Uint8Array,
  random: RandomBytes = secureRandomBytes,
): Promise<Uint8Array> {
  const nonce = random(RESPONSE_NONCE_LENGTH);
  const aead = await responseAead(context.hpke, context.enc, nonce);
  return concat(nonce, await aead.seal(new Uint8Array(response)));
}

/** Client side: opens the response to the request `context` came from; throws if it was altered. */
export async function decapsulateResponse(
  context: ExchangeContext,
  encapsulated: Uint8Array,
): Promise<Uint8Array> {
  const r = new Reader(encapsulated, 'encapsulated response');
  if (r.left < RESPONSE_NONCE_LENGTH + suite.aead.tagSize)
    throw new OhttpError('malformed', `encapsulated response: ${r.left} bytes is too short`);
  const aead = await responseAead(context.hpke, context.enc, r.take(RESPONSE_NONCE_LENGTH));
  try {
    return await aead.open(r.take(r.left).slice());
  } catch {
    throw new OhttpError('decrypt_failed', 'the response does not decrypt: altered on the way, or not ours');
  }
}
