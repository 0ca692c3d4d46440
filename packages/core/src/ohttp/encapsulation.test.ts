// RFC 9458, Appendix A, byte for byte: the key configuration from the gateway's secret key, the
// encapsulated request from the RFC's ephemeral key, and the encapsulated response from its nonce.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RFC9458, toHex } from '../testing/ohttp-vectors.ts';
import { concat } from './bytes.ts';
import {
  decapsulateRequest,
  decapsulateResponse,
  encapsulateRequest,
  encapsulateResponse,
  REQUEST_HEADER_LENGTH,
} from './encapsulation.ts';
import { decodeKeyConfig, decodeKeyConfigList, encodeKeyConfig, encodeKeyConfigList } from './key-config.ts';
import { OhttpError } from './ohttp-error.ts';
import { generateGatewayKey, importGatewayKey, suite } from './suite.ts';

const gatewayKey = () => importGatewayKey(1, RFC9458.gatewaySecretKey);
const ephemeral = async (): Promise<CryptoKeyPair> => ({
  privateKey: await suite.kem.deserializePrivateKey(RFC9458.ephemeralSecretKey),
  publicKey: await suite.kem.deserializePublicKey(RFC9458.ephemeralPublicKey),
});
const fixedNonce = (n: number) => {
  assert.equal(n, RFC9458.responseNonce.length);
  return RFC9458.responseNonce.slice();
};

describe('RFC 9458 Appendix A', () => {
  test('the key configuration, from the secret key alone', async () => {
    const key = await gatewayKey();
    const rfc = decodeKeyConfig(RFC9458.keyConfig);
    assert.equal(toHex(key.config.publicKey), toHex(rfc.publicKey));
    // The example offers ChaCha20-Poly1305 too; this gateway offers AES-128-GCM alone.
    assert.deepEqual(rfc.algorithms, [...key.config.algorithms, { kdfId: 1, aeadId: 3 }]);
    const withBoth = encodeKeyConfig({ ...key.config, algorithms: rfc.algorithms });
    assert.equal(toHex(withBoth), toHex(RFC9458.keyConfig));
  });

  test('the encapsulated request, with the example ephemeral key', async () => {
    const config = decodeKeyConfig(RFC9458.keyConfig);
    const { encapsulated, context } = await encapsulateRequest(config, RFC9458.request, {
      ephemeral: await ephemeral(),
    });
    assert.equal(toHex(encapsulated), toHex(RFC9458.encapsulatedRequest));
    assert.equal(toHex(context.enc), toHex(RFC9458.ephemeralPublicKey));
    const secret = new Uint8Array(
      await context.hpke.export(new TextEncoder().encode('message/bhttp response'), 16),
    );
    assert.equal(toHex(secret), toHex(RFC9458.exportedSecret));
  });

  test('the gateway opens it, and its response with the example nonce is the RFC’s', async () => {
    const key = await gatewayKey();
    const opened = await decapsulateRequest(RFC9458.encapsulatedRequest, (id) =>
      id === 1 ? key : undefined,
    );
    assert.equal(toHex(opened.request), toHex(RFC9458.request));
    assert.equal(opened.keyId, 1);
    const response = await encapsulateResponse(opened.context, RFC9458.response, fixedNonce);
    assert.equal(toHex(response), toHex(RFC9458.encapsulatedResponse));
  });

  test('the client opens the RFC’s response', async () => {
    const config = decodeKeyConfig(RFC9458.keyConfig);
    const { context } = await encapsulateRequest(config, RFC9458.request, { ephemeral: await ephemeral() });
    const response = await decapsulateResponse(context, RFC9458.encapsulatedResponse);
    assert.equal(toHex(response), toHex(RFC9458.response));
  });
});

describe('encapsulation refuses', () => {
  const setup = async () => {
    const { key } = await generateGatewayKey(7);
    const lookup = (id: number) => (id === 7 ? key : undefined);
    const message = new TextEncoder().encode('a binary HTTP request, as far as HPKE cares');
    const sent = await encapsulateRequest(key.config, message);
    return { key, lookup, message, sent };
  };
  const code = (c: string) => (e: unknown) => e instanceof OhttpError && e.code === c;

  test('a fresh key round-trips both ways, with a fresh enc every time', async () => {
    const { lookup, message, sent, key } = await setup();
    const opened = await decapsulateRequest(sent.encapsulated, lookup);
    assert.deepEqual(opened.request, message);
    const again = await encapsulateRequest(key.config, message);
    assert.notEqual(toHex(again.context.enc), toHex(sent.context.enc));
    const reply = await encapsulateResponse(opened.context, Uint8Array.of(1, 2, 3));
    assert.deepEqual(await decapsulateResponse(sent.context, reply), Uint8Array.of(1, 2, 3));
  });

  test('an unknown key id, a foreign suite, a flipped bit, a truncation', async () => {
    const { lookup, sent } = await setup();
    const other = sent.encapsulated.slice();
    other[0] = 8;
    await assert.rejects(decapsulateRequest(other, lookup), code('unknown_key'));
    const chacha = sent.encapsulated.slice();
    chacha[6] = 3; // AEAD 0x0003, ChaCha20-Poly1305: not offered
    await assert.rejects(decapsulateRequest(chacha, lookup), code('unsupported_suite'));
    const flipped = sent.encapsulated.slice();
    flipped[flipped.length - 1] ^= 1;
    await assert.rejects(decapsulateRequest(flipped, lookup), code('decrypt_failed'));
    await assert.rejects(decapsulateRequest(sent.encapsulated.subarray(0, 40), lookup), code('malformed'));
    // The header is authenticated too (it is in the HPKE info): another key id with the same key fails.
    const relabelled = concat(Uint8Array.of(9), sent.encapsulated.subarray(1));
    await assert.rejects(
      decapsulateRequest(relabelled, (id) => (id === 9 ? lookup(7) : undefined)),
      code('decrypt_failed'),
    );
    assert.equal(REQUEST_HEADER_LENGTH, 7);
  });

  test('a response altered on the way, or meant for another request', async () => {
    const { lookup, sent, key } = await setup();
    const opened = await decapsulateRequest(sent.encapsulated, lookup);
    const reply = await encapsulateResponse(opened.context, Uint8Array.of(1, 2, 3));
    const altered = reply.slice();
    altered[20] ^= 1;
    await assert.rejects(decapsulateResponse(sent.context, altered), code('decrypt_failed'));
    const other = await encapsulateRequest(key.config, Uint8Array.of(0));
    await assert.rejects(decapsulateResponse(other.context, reply), code('decrypt_failed'));
  });

  test('application/ohttp-keys: a list round-trips; any encoding error discards all of it', async () => {
    const a = (await generateGatewayKey(1)).key.config;
    const b = (await generateGatewayKey(2)).key.config;
    const list = encodeKeyConfigList([a, b]);
    assert.deepEqual(decodeKeyConfigList(list), [a, b]);
    assert.throws(() => decodeKeyConfigList(list.subarray(0, list.length - 1)), /bytes needed/);
    assert.throws(() => decodeKeyConfigList(new Uint8Array(0)), /no key configuration/);
  });
});
