import { FlightLogError } from '../../errors.ts';

/**
 * A small, forgiving XML tokenizer for GPX and KML: enough for their simple shapes, without a DOM (this
 * runs in browsers and React Native too). Namespace prefixes are dropped (`gpx:trkpt` → `trkpt`), so
 * files written with prefixed or default namespaces read the same.
 */
export interface XmlHandler {
  open?(name: string, attrs: string, at: number): void;
  close?(name: string, at: number): void;
  /** Character data in `xml[from, to)`: a range, so whitespace between tags costs no string. */
  text?(xml: string, from: number, to: number): void;
}

/** 1-based line of a character offset, for messages. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

export function scanXml(xml: string, handler: XmlHandler): void {
  let pos = 0;
  const n = xml.length;
  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) {
      if (pos < n) handler.text?.(xml, pos, n);
      return;
    }
    if (lt > pos) handler.text?.(xml, pos, lt);
    if (xml.startsWith('<!--', lt)) {
      pos = skipTo(xml, '-->', lt);
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0) throw unterminated(xml, lt, 'CDATA section');
      handler.text?.(xml, lt + 9, end);
      pos = end + 3;
      continue;
    }
    if (xml[lt + 1] === '?' || xml[lt + 1] === '!') {
      pos = skipTo(xml, '>', lt);
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw unterminated(xml, lt, 'tag');
    const body = xml.slice(lt + 1, gt);
    if (body[0] === '/') handler.close?.(localName(body.slice(1).trim()), lt);
    else {
      const selfClosing = body.endsWith('/');
      const inner = selfClosing ? body.slice(0, -1) : body;
      const space = inner.search(/\s/);
      const name = localName(space < 0 ? inner : inner.slice(0, space));
      const attrs = space < 0 ? '' : inner.slice(space);
      handler.open?.(name, attrs, lt);
      if (selfClosing) handler.close?.(name, lt);
    }
    pos = gt + 1;
  }
}

function skipTo(xml: string, end: string, from: number): number {
  const i = xml.indexOf(end, from);
  if (i < 0) throw unterminated(xml, from, 'markup');
  return i + end.length;
}

function unterminated(xml: string, at: number, what: string): FlightLogError {
  const line = lineAt(xml, at);
  return new FlightLogError(`XML ${what} opened at line ${line} is never closed (file cut off?)`, { line });
}

const attrPatterns = new Map<string, RegExp>();

/** Value of attribute `name` (prefix ignored) in a tag's attribute text. */
export function attr(attrs: string, name: string): string | null {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2]) : null;
}

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    return String.fromCodePoint(
      k[1] === 'x' ? Number.parseInt(k.slice(2), 16) : Number.parseInt(k.slice(1), 10),
    );
  });
}
