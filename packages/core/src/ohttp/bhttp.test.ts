// Binary HTTP (RFC 9292) against the RFC's own examples, both directions, and the ways a message
// can be invalid (section 4: an invalid message must not be processed).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hex, RFC9292, RFC9458, toHex } from '../testing/ohttp-vectors.ts';
import { decodeRequest, decodeResponse } from './bhttp-decode.ts';
import { encodeRequest, encodeResponse } from './bhttp-encode.ts';
import type { BhttpRequest } from './bhttp-message.ts';
import { Reader, WireFormatError } from './bytes.ts';
import { encodeVarint, readVarint } from './varint.ts';

const helloRequest: BhttpRequest = {
  method: 'GET',
  scheme: 'https',
  authority: '',
  path: '/hello.txt',
  headers: RFC9292.requestHeaders,
  content: new Uint8Array(0),
  trailers: [],
};

describe('QUIC variable-length integers (RFC 9000, A.1 examples)', () => {
  for (const [bytes, value] of [
    ['9d7f3e7d', 494878333],
    ['7bbd', 15293],
    ['25', 37],
    ['4025', 37],
  ] as const) {
    test(`${bytes} = ${value}`, () => {
      assert.equal(readVarint(new Reader(hex(bytes), 't')), value);
    });
  }
  test("RFC 9000's 8-byte example is over 2^53 and refused, not rounded", () => {
    assert.throws(() => readVarint(new Reader(hex('c2197c5eff14e88c'), 't')), /over 2\^53/);
    assert.equal(readVarint(new Reader(hex('c000010000000000'), 't')), 2 ** 40);
  });
  test('encodes in the shortest form', () => {
    assert.equal(toHex(encodeVarint(37)), '25');
    assert.equal(toHex(encodeVarint(15293)), '7bbd');
    assert.equal(toHex(encodeVarint(494878333)), '9d7f3e7d');
    assert.equal(toHex(encodeVarint(2 ** 40)), 'c000010000000000');
  });
});

describe('RFC 9292 examples', () => {
  test('the known-length request encodes byte for byte (sections kept) and decodes back', () => {
    assert.equal(toHex(encodeRequest(helloRequest, { truncate: false })), toHex(RFC9292.knownLengthRequest));
    assert.deepEqual(decodeRequest(RFC9292.knownLengthRequest), helloRequest);
    // "the last two bytes ... can each be removed without altering the semantics"
    const truncated = encodeRequest(helloRequest);
    assert.equal(toHex(truncated), toHex(RFC9292.knownLengthRequest.subarray(0, -2)));
    assert.deepEqual(decodeRequest(truncated), helloRequest);
  });

  test('the indeterminate-length request with padding decodes to the same request', () => {
    assert.deepEqual(decodeRequest(RFC9292.indefiniteLengthRequest), helloRequest);
  });

  test('the response with 102 and 103 interim responses', () => {
    const r = decodeResponse(RFC9292.interimResponse);
    assert.deepEqual(r.informational, [
      { status: 102, headers: [['running', '"sleep 15"']] },
      {
        status: 103,
        headers: [
          ['link', '</style.css>; rel=preload; as=style'],
          ['link', '</script.js>; rel=preload; as=script'],
        ],
      },
    ]);
    assert.equal(r.status, 200);
    assert.equal(r.headers.length, 8);
    assert.deepEqual(r.headers[0], ['date', 'Mon, 27 Jul 2009 12:28:53 GMT']);
    assert.equal(
      new TextDecoder().decode(r.content),
      'Hello World! My content includes a trailing CRLF.\r\n',
    );
    // Re-encoded in the known-length form, it reads back the same.
    assert.deepEqual(decodeResponse(encodeResponse(r)), r);
  });

  test('the known-length response with content and a trailer, byte for byte', () => {
    const r = decodeResponse(RFC9292.knownLengthResponse);
    assert.equal(new TextDecoder().decode(r.content), 'This content contains CRLF.\r\n');
    assert.deepEqual(r.trailers, [['trailer', 'text']]);
    assert.equal(toHex(encodeResponse(r)), toHex(RFC9292.knownLengthResponse));
  });

  test("RFC 9458's inner messages are truncated known-length messages", () => {
    const req = decodeRequest(RFC9458.request);
    assert.deepEqual([req.method, req.scheme, req.authority, req.path], ['GET', 'https', 'example.com', '/']);
    assert.equal(toHex(encodeRequest(req)), toHex(RFC9458.request));
    const res = decodeResponse(RFC9458.response);
    assert.equal(res.status, 200);
    assert.equal(toHex(encodeResponse(res)), toHex(RFC9458.response));
  });
});

describe('padding and invalid messages', () => {
  test('padding to a size is zeros, read as absent parts', () => {
    const padded = encodeRequest(helloRequest, { padTo: 512 });
    assert.equal(padded.length, 512);
    assert.deepEqual(decodeRequest(padded), helloRequest);
  });

  const req = decodeRequest;
  const res = decodeResponse;
  const invalid: [string, (b: Uint8Array) => unknown, Uint8Array, RegExp][] = [
    ['framing indicator 4', req, hex('04'), /framing indicator 4/],
    ['a response read as a request', req, RFC9458.response, /framing indicator 1/],
    ['non-zero padding', req, Uint8Array.from([...RFC9292.knownLengthRequest, 0, 1]), /non-zero padding/],
    ['a cut inside the control data', req, RFC9292.knownLengthRequest.subarray(0, 9), /bytes needed/],
    ['a cut inside a field section', req, RFC9292.knownLengthRequest.subarray(0, 40), /bytes needed/],
    ['an upper-case field name', req, encodeRaw('Host', 'x'), /field name "Host"/],
    ['a pseudo-field', req, encodeRaw(':path', '/'), /field name ":path"/],
    ['a CR in a value', req, encodeRaw('host', 'a\rb'), /value of field "host"/],
    ['a path without its slash', req, hex('0003474554056874747073000161'), /path must start/],
    ['a final status of 600', res, hex('014258'), /status 600/],
    ['an interim response with nothing after it', res, hex('014064'), /bytes needed/],
  ];
  for (const [what, decode, bytes, message] of invalid) {
    test(what, () => {
      assert.throws(
        () => decode(bytes),
        (e: Error) => e instanceof WireFormatError && message.test(e.message),
      );
    });
  }
  test('the encoder refuses what the decoder would', () => {
    assert.throws(() => encodeRequest({ ...helloRequest, headers: [['Host', 'x']] }), WireFormatError);
    assert.throws(() => encodeResponse({ ...decodeResponse(RFC9458.response), status: 99 }), WireFormatError);
  });
});

/** A known-length GET / whose one header field is given raw, unchecked. */
function encodeRaw(name: string, value: string): Uint8Array {
  const b = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const line = [name.length, ...b(name), value.length, ...b(value)];
  return Uint8Array.from([0, 3, ...b('GET'), 5, ...b('https'), 0, 1, ...b('/'), line.length, ...line]);
}
