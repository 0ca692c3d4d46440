import {
  type BhttpRequest,
  type BhttpResponse,
  checkField,
  checkRequestControl,
  checkStatus,
  type Field,
  FRAMING,
} from './bhttp-message.ts';
import { Reader, WireFormatError } from './bytes.ts';
import { readVarint } from './varint.ts';

/** One character per byte; in slices, since a spread of a long value would overflow the call stack. */
function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}
const lengthPrefixed = (r: Reader) => r.take(readVarint(r));

/**
 * Reads a Binary HTTP message in either form: known-length (framing 0 and 1) and indeterminate-length
 * (2 and 3, section 3.2). A message may stop before any section (truncation: that section and those
 * after it are empty) and may end in zero bytes (padding); anything else left over, or a non-zero
 * padding byte, makes it invalid (section 4), and so does any field HTTP/2 would call malformed.
 */
function fieldLines(r: Reader, known: boolean, where: string): Field[] {
  const fields: Field[] = [];
  const section = known ? new Reader(lengthPrefixed(r), where) : r;
  while (section.left > 0) {
    const nameLength = readVarint(section);
    if (nameLength === 0) {
      if (known) throw new WireFormatError(`${where}: empty field name`);
      return fields; // the indeterminate form's terminator
    }
    const name = latin1(section.take(nameLength));
    const value = latin1(lengthPrefixed(section));
    checkField(name, value, where);
    fields.push([name, value]);
  }
  if (!known) throw new WireFormatError(`${where}: ends without its terminator`);
  return fields;
}

function content(r: Reader, known: boolean): Uint8Array {
  if (known) return lengthPrefixed(r).slice();
  const chunks: Uint8Array[] = [];
  for (let n = readVarint(r); n !== 0; n = readVarint(r)) chunks.push(r.take(n));
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Headers, content, trailers and padding: the part after the control data, same for both kinds. */
function rest(r: Reader, known: boolean, what: string) {
  const headers = r.left > 0 ? fieldLines(r, known, `${what} headers`) : [];
  const body = r.left > 0 ? content(r, known) : new Uint8Array(0);
  const trailers = r.left > 0 ? fieldLines(r, known, `${what} trailers`) : [];
  for (const b of r.take(r.left)) if (b !== 0) throw new WireFormatError(`${what}: non-zero padding`);
  return { headers, content: body, trailers };
}

function framing(r: Reader, request: boolean): boolean {
  const f = readVarint(r);
  const [known, indefinite] = request
    ? [FRAMING.knownRequest, FRAMING.indefiniteRequest]
    : [FRAMING.knownResponse, FRAMING.indefiniteResponse];
  if (f !== known && f !== indefinite)
    throw new WireFormatError(`${request ? 'request' : 'response'}: framing indicator ${f} is not one`);
  return f === known;
}

export function decodeRequest(bytes: Uint8Array): BhttpRequest {
  const r = new Reader(bytes, 'request');
  const known = framing(r, true);
  const [method, scheme, authority, path] = [0, 1, 2, 3].map(() => latin1(lengthPrefixed(r)));
  const control = { method, scheme, authority, path };
  checkRequestControl(control);
  return { ...control, ...rest(r, known, 'request') };
}

export function decodeResponse(bytes: Uint8Array): BhttpResponse {
  const r = new Reader(bytes, 'response');
  const known = framing(r, false);
  const informational: BhttpResponse['informational'] = [];
  let status = readVarint(r);
  while (status >= 100 && status <= 199) {
    informational.push({ status, headers: fieldLines(r, known, 'informational response') });
    status = readVarint(r);
  }
  checkStatus(status, false);
  return { informational, status, ...rest(r, known, 'response') };
}
