import { WireFormatError } from './bytes.ts';

/**
 * Binary HTTP messages (RFC 9292): the plaintext inside an Oblivious HTTP request or response. Field
 * names and values are byte strings on the wire; here each byte is one character (latin-1), as the
 * Fetch standard's Headers do, so any value round-trips unchanged.
 */
export type Field = readonly [name: string, value: string];

export interface BhttpRequest {
  method: string;
  scheme: string;
  /** Empty when the request has none (RFC 9292 encodes an absent :authority as zero length). */
  authority: string;
  path: string;
  headers: Field[];
  content: Uint8Array;
  trailers: Field[];
}

export interface BhttpResponse {
  /** 1xx responses that came before the final one, each with its own header section. */
  informational: { status: number; headers: Field[] }[];
  status: number;
  headers: Field[];
  content: Uint8Array;
  trailers: Field[];
}

/** The four framing indicators (RFC 9292, section 3.3). */
export const FRAMING = {
  knownRequest: 0,
  knownResponse: 1,
  indefiniteRequest: 2,
  indefiniteResponse: 3,
} as const;

// HTTP/2's rules for field names and values (RFC 9113, section 8.2.1), which RFC 9292 adopts: a name
// is lower-case visible ASCII without separators' control bytes; a value has no NUL, CR or LF and no
// white space at either end. Pseudo-fields (":method"…) are control data here, never fields.
const NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const VALUE = /^(?:[^\0\r\n \t](?:[^\0\r\n]*[^\0\r\n \t])?)?$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function checkField(name: string, value: string, where: string): void {
  if (!NAME.test(name))
    throw new WireFormatError(`${where}: field name ${JSON.stringify(name)} is not allowed`);
  if (!VALUE.test(value) || /[^\0-\xff]/.test(value))
    throw new WireFormatError(`${where}: the value of field "${name}" is not allowed`);
}

export function checkRequestControl(r: Pick<BhttpRequest, 'method' | 'scheme' | 'authority' | 'path'>): void {
  if (!TOKEN.test(r.method))
    throw new WireFormatError(`request: method ${JSON.stringify(r.method)} is not a token`);
  if (!/^[a-z][a-z0-9+.-]*$/i.test(r.scheme))
    throw new WireFormatError('request: scheme is not a URI scheme');
  if (/[\0-\x20\x7f-\xff/?#]/.test(r.authority))
    throw new WireFormatError('request: authority is not allowed');
  if (!/^(\/[\x21-\x7e]*|\*)$/.test(r.path)) throw new WireFormatError('request: path must start with "/"');
}

export function checkStatus(status: number, informational: boolean): void {
  const [lo, hi] = informational ? [100, 199] : [200, 599];
  if (!Number.isInteger(status) || status < lo || status > hi)
    throw new WireFormatError(
      `response: status ${status} is not ${informational ? 'informational' : 'final'}`,
    );
}
