// Cross-tests against implementations written by others, each where it can run here:
// - Binary HTTP: bhttp-js (npm), encoding what we decode and decoding what we encode;
// - HPKE: panva's `hpke` (npm, its own Web Crypto HPKE), as an OHTTP client whose response keys are
//   derived with node:crypto, and as a receiver of our requests;
// - HPKE: pyca/cryptography's (Rust over OpenSSL) single-shot HPKE, which is exactly OHTTP's request
//   encapsulation minus the 7-byte header, when python3 has a cryptography with HPKE (48+).
// No full OHTTP implementation by others can run here: none is on npm, and Debian ships no hpke crate.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createDecipheriv, hkdfSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { BHttpDecoder, BHttpEncoder } from 'bhttp-js';
import * as HPKE from 'hpke';
import { toHex } from '../testing/ohttp-vectors.ts';
import { decodeRequest, decodeResponse } from './bhttp-decode.ts';
import { encodeRequest, encodeResponse } from './bhttp-encode.ts';
import { concat } from './bytes.ts';
import {
  decapsulateRequest,
  decapsulateResponse,
  encapsulateRequest,
  encapsulateResponse,
} from './encapsulation.ts';
import { generateGatewayKey } from './suite.ts';

const utf8 = new TextEncoder();
const body = utf8.encode('{"cell":"687.1041"}');

describe('Binary HTTP against bhttp-js', () => {
  test('our request, read by bhttp-js', async () => {
    const ours = encodeRequest({
      method: 'POST',
      scheme: 'https',
      authority: 'airlock.example',
      path: '/v1/telemetry/app_performance?x=1',
      headers: [
        ['content-type', 'application/json'],
        ['date', 'Wed, 27 Jan 2021 04:45:00 GMT'],
      ],
      content: body,
      trailers: [],
    });
    const theirs = new BHttpDecoder().decodeRequest(ours);
    assert.equal(theirs.method, 'POST');
    assert.equal(theirs.url, 'https://airlock.example/v1/telemetry/app_performance?x=1');
    assert.equal(theirs.headers.get('content-type'), 'application/json');
    assert.deepEqual(new Uint8Array(await theirs.arrayBuffer()), body);
  });

  test('their request and response, read by us', async () => {
    const req = new Request('https://airlock.example/v1/location/cells/687.1041', {
      headers: { accept: 'application/json', 'if-none-match': '"v1"' },
    });
    const r = decodeRequest(await new BHttpEncoder().encodeRequest(req));
    assert.deepEqual(
      [r.method, r.scheme, r.authority, r.path],
      ['GET', 'https', 'airlock.example', '/v1/location/cells/687.1041'],
    );
    assert.deepEqual(
      new Map(r.headers),
      new Map([
        ['accept', 'application/json'],
        ['if-none-match', '"v1"'],
      ]),
    );
    const res = new Response(body, { status: 404, headers: { 'content-type': 'application/json' } });
    const m = decodeResponse(await new BHttpEncoder().encodeResponse(res));
    assert.equal(m.status, 404);
    assert.deepEqual(m.content, body);
  });

  test('our response, read by bhttp-js', async () => {
    const ours = encodeResponse({
      informational: [],
      status: 202,
      headers: [['content-type', 'application/json']],
      content: body,
      trailers: [],
    });
    const theirs = new BHttpDecoder().decodeResponse(ours);
    assert.equal(theirs.status, 202);
    assert.equal(await theirs.text(), '{"cell":"687.1041"}');
  });
});

describe('OHTTP encapsulation against panva/hpke', () => {
  const suite = new HPKE.CipherSuite(
    HPKE.KEM_DHKEM_X25519_HKDF_SHA256,
    HPKE.KDF_HKDF_SHA256,
    HPKE.AEAD_AES_128_GCM,
  );
  const infoFor = (hdr: Uint8Array) => concat(utf8.encode('message/bhttp request'), Uint8Array.of(0), hdr);

  test('their request reaches our gateway, and they open our response', async () => {
    const { key } = await generateGatewayKey(3);
    const hdr = Uint8Array.of(3, 0, 0x20, 0, 1, 0, 1);
    const pk = await suite.DeserializePublicKey(key.config.publicKey);
    const { encapsulatedSecret: enc, ctx } = await suite.SetupSender(pk, { info: infoFor(hdr) });
    const request = concat(hdr, enc, await ctx.Seal(body));
    const opened = await decapsulateRequest(request, (id) => (id === 3 ? key : undefined));
    assert.deepEqual(opened.request, body);

    const reply = await encapsulateResponse(opened.context, utf8.encode('answer'));
    // The response keys, derived the way RFC 9458 4.4 says, with node:crypto's HKDF and AES-GCM.
    const secret = await ctx.Export(utf8.encode('message/bhttp response'), 16);
    const nonce = reply.subarray(0, 16);
    const salt = concat(enc, nonce);
    const aeadKey = Buffer.from(hkdfSync('sha256', secret, salt, 'key', 16));
    const aeadNonce = Buffer.from(hkdfSync('sha256', secret, salt, 'nonce', 12));
    const decipher = createDecipheriv('aes-128-gcm', aeadKey, aeadNonce);
    decipher.setAuthTag(reply.subarray(reply.length - 16));
    const plain = Buffer.concat([decipher.update(reply.subarray(16, reply.length - 16)), decipher.final()]);
    assert.equal(plain.toString(), 'answer');
  });

  test('our request is opened by them, and our client opens their response', async () => {
    const pair = await suite.GenerateKeyPair(true);
    const publicKey = await suite.SerializePublicKey(pair.publicKey);
    const config = { keyId: 9, kemId: 0x20, publicKey, algorithms: [{ kdfId: 1, aeadId: 1 }] };
    const { encapsulated, context } = await encapsulateRequest(config, body);
    const enc = encapsulated.subarray(7, 39);
    const rctx = await suite.SetupRecipient(pair, enc, { info: infoFor(encapsulated.subarray(0, 7)) });
    assert.deepEqual(await rctx.Open(encapsulated.subarray(39)), body);
    // Their context exports the same secret ours does: the response keys agree.
    const label = utf8.encode('message/bhttp response');
    assert.equal(
      toHex(await rctx.Export(label, 16)),
      toHex(new Uint8Array(await context.hpke.export(label, 16))),
    );
    const reply = await encapsulateResponse({ hpke: context.hpke, enc: context.enc }, utf8.encode('ok'));
    assert.equal(new TextDecoder().decode(await decapsulateResponse(context, reply)), 'ok');
  });
});

// pyca/cryptography's HPKE, when this machine's python3 has it (48+): skipped, and named, otherwise.
const PY_PROBE = 'from cryptography.hazmat.primitives import hpke; hpke.Suite';
const pyca = spawnSync('python3', ['-c', PY_PROBE], { encoding: 'utf8' });
const pycaMissing =
  pyca.status === 0 ? false : 'python3 has no cryptography.hazmat.primitives.hpke (needs 48+)';

describe('OHTTP request encapsulation against pyca/cryptography (OpenSSL)', { skip: pycaMissing }, () => {
  const py = (script: string, input: string) => {
    const r = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  const PRELUDE = `import sys, json
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import x25519
a = json.loads(sys.stdin.read())
s = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)
info = b"message/bhttp request\\x00" + bytes.fromhex(a["hdr"])
`;

  test('their encapsulation reaches our gateway', async () => {
    const { key } = await generateGatewayKey(5);
    const hdr = '05002000010001';
    const out = py(
      `${PRELUDE}pk = x25519.X25519PublicKey.from_public_bytes(bytes.fromhex(a["pk"]))
print((bytes.fromhex(a["hdr"]) + s.encrypt(bytes.fromhex(a["pt"]), pk, info=info)).hex())`,
      JSON.stringify({ hdr, pk: toHex(key.config.publicKey), pt: toHex(body) }),
    );
    const request = Uint8Array.from(Buffer.from(out, 'hex'));
    const opened = await decapsulateRequest(request, (id) => (id === 5 ? key : undefined));
    assert.deepEqual(opened.request, body);
  });

  test('our encapsulation is opened by them', async () => {
    const { key, privateKey } = await generateGatewayKey(6);
    const { encapsulated } = await encapsulateRequest(key.config, body);
    const out = py(
      `${PRELUDE}sk = x25519.X25519PrivateKey.from_private_bytes(bytes.fromhex(a["sk"]))
print(s.decrypt(bytes.fromhex(a["ct"]), sk, info=info).hex())`,
      JSON.stringify({
        hdr: toHex(encapsulated.subarray(0, 7)),
        sk: toHex(privateKey),
        ct: toHex(encapsulated.subarray(7)),
      }),
    );
    assert.equal(out, toHex(body));
  });
});
