import {
  type BhttpRequest,
  type BhttpResponse,
  checkField,
  checkRequestControl,
  checkStatus,
  type Field,
  FRAMING,
} from './bhttp-message.ts';
import { concat } from './bytes.ts';
import { encodeVarint } from './varint.ts';

export interface EncodeOptions {
  /**
   * Leave out trailing empty parts (trailers, content, headers: RFC 9292, section 3.1), as the RFC 9458
   * example does. Default true: fewer bytes, same meaning.
   */
  truncate?: boolean;
  /** Append zero bytes (section 3.8) until the message is this many bytes long; never shortens it. */
  padTo?: number;
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const withLength = (bytes: Uint8Array) => concat(encodeVarint(bytes.length), bytes);

function fieldSection(fields: readonly Field[], where: string): Uint8Array {
  const lines = fields.map(([name, value]) => {
    checkField(name, value, where);
    return concat(withLength(latin1(name)), withLength(latin1(value)));
  });
  return withLength(concat(...lines));
}

/** The known-length form (section 3.1): every section length-prefixed. */
function finish(
  head: Uint8Array[],
  parts: { headers: readonly Field[]; content: Uint8Array; trailers: readonly Field[] },
  options: EncodeOptions,
  what: string,
): Uint8Array {
  const sections = [
    fieldSection(parts.headers, `${what} headers`),
    withLength(parts.content),
    fieldSection(parts.trailers, `${what} trailers`),
  ];
  // An empty section is a single 0 byte; trailing ones can be dropped.
  if (options.truncate ?? true) while (sections.length > 0 && sections.at(-1)!.length === 1) sections.pop();
  const message = concat(...head, ...sections);
  const padTo = options.padTo ?? 0;
  return padTo > message.length ? concat(message, new Uint8Array(padTo - message.length)) : message;
}

export function encodeRequest(req: BhttpRequest, options: EncodeOptions = {}): Uint8Array {
  checkRequestControl(req);
  const control = [req.method, req.scheme, req.authority, req.path].map((s) => withLength(latin1(s)));
  return finish([encodeVarint(FRAMING.knownRequest), ...control], req, options, 'request');
}

export function encodeResponse(res: BhttpResponse, options: EncodeOptions = {}): Uint8Array {
  const head = [encodeVarint(FRAMING.knownResponse)];
  for (const i of res.informational) {
    checkStatus(i.status, true);
    head.push(encodeVarint(i.status), fieldSection(i.headers, 'informational response'));
  }
  checkStatus(res.status, false);
  head.push(encodeVarint(res.status));
  return finish(head, res, options, 'response');
}
