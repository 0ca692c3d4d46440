// Malformed requests for one operation, derived from its declared parameters and body: wrong types,
// NUL, invalid UTF-8, lone surrogates, huge strings, deep JSON, wrong content types, NaN/1e400/-0,
// traversal, duplicate keys, odd headers and methods, plus seeded random strings. Each case says
// whether the server must refuse it (it breaks the declared schema) or may also accept it.
import type { AttackRequest } from './attack-http.ts';
import {
  fillPath,
  jsonViolates,
  type Operation,
  paramViolates,
  type Schema,
  validValue,
} from './openapi-operations.ts';

export { seededRandom as seeded } from '@airlock/core/testing';

export interface AttackCase {
  op: Operation;
  label: string;
  request: AttackRequest;
  /** The input breaks the declared schema: any answer but a 4xx is a failure. */
  mustRefuse: boolean;
}

export interface Baseline {
  /** Path values the route accepts (the owner's log id, a real cell), percent-encoded. */
  pathValues: Record<string, string>;
  /** Body property values the document cannot express (e.g. today's day for a report). */
  named?: Record<string, unknown>;
}

/** Parameter values as sent in a URL (percent-encoded where needed; latin1 chars go out as raw bytes). */
export const PARAM_ATTACKS: readonly string[] = [
  '',
  '%20',
  '%00',
  'a%00b',
  '%FF',
  '%FF%FE%FD',
  '\u00ff\u00fe',
  '%C0%AF',
  '%ED%A0%80',
  '%ED%BF%BF',
  '%F4%90%80%80',
  '%E2%80%AE',
  '%EF%BB%BF',
  '.',
  '..',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '%252e%252e%252f',
  '..%5C..%5Cwindows',
  '%2F',
  '%0D%0AX-Injected:%201',
  "'%20OR%201=1--",
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%24%7Bjndi%3Aldap%3A%2F%2Fx%7D',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '0x1F',
  '1.5',
  '-1',
  '99999999999999999999999',
  'null',
  'true',
  '%7B%7D',
  '%5B%5D',
  'x'.repeat(8000),
  '%F0%9F%9A%81'.repeat(500),
];

/** Whole bodies: none of these is a JSON object. */
const BODY_ATTACKS: ReadonlyArray<[string, () => Buffer]> = [
  ['empty', () => Buffer.alloc(0)],
  ['"{"', () => Buffer.from('{')],
  ['null', () => Buffer.from('null')],
  ['[]', () => Buffer.from('[]')],
  ['a string', () => Buffer.from('"x"')],
  ['0', () => Buffer.from('0')],
  ['1e400', () => Buffer.from('1e400')],
  ['NaN', () => Buffer.from('NaN')],
  ['{"a":NaN}', () => Buffer.from('{"a":NaN}')],
  ['-0', () => Buffer.from('-0')],
  ['200,000 nested arrays', () => Buffer.from('['.repeat(200_000) + ']'.repeat(200_000))],
  ['100,000 nested objects', () => Buffer.from('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000))],
  ['10,000 nested objects, closed', () => Buffer.from('{"a":'.repeat(10_000) + '{}' + '}'.repeat(10_000))],
  ['a NUL byte', () => Buffer.from([0])],
  ['invalid UTF-8', () => Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80])],
  ['1 MiB of "A"', () => Buffer.alloc(2 ** 20, 0x41)],
  ['UTF-16 JSON', () => Buffer.from('{"a":"b"}', 'utf16le')],
  [
    'XML',
    () =>
      Buffer.from('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'),
  ],
];

/** Values put in each JSON field in turn (JSON.stringify escapes lone surrogates as \udXXX). */
const FIELD_VALUES: readonly unknown[] = [
  1,
  1.5,
  -1,
  1e308,
  true,
  null,
  [],
  {},
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '\u202e\ufeff',
  'x'.repeat(100_000),
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  { constructor: { prototype: { polluted: 1 } } },
  ['a', 'b'],
];

/** Field values written into the JSON text as they are: not what JSON.stringify would make. */
const RAW_FIELD_VALUES: readonly string[] = [
  '1e400',
  '-1e400',
  '-0',
  'NaN',
  'Infinity',
  'undefined',
  '"\u0000"',
  '"\\u0000"',
  '"\\ud800"',
  '"\\uDFFF\\uD800"',
  "'single'",
  '{"__proto__":{"polluted":1}}',
  '"unterminated',
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=zz',
  'application/json; charset=utf-16',
  'application/xml',
  'application/json, text/plain',
  '*/*',
  'application/json; charset=\u00ff',
];

const HEADER_ATTACKS: ReadonlyArray<Record<string, string>> = [
  { 'upload-length': '-1', 'tus-resumable': '1.0.0' },
  { 'upload-length': '1e400', 'tus-resumable': '1.0.0' },
  { 'upload-length': 'NaN', 'tus-resumable': '1.0.0' },
  { 'upload-length': '9'.repeat(40), 'tus-resumable': '1.0.0' },
  { 'upload-length': '1', 'upload-metadata': 'sha256 %%%,filename \u00ff\u00fe', 'tus-resumable': '1.0.0' },
  { 'upload-length': '1', 'upload-metadata': `sha256 ${'A'.repeat(5000)}`, 'tus-resumable': '1.0.0' },
  { 'tus-resumable': '0.2.2' },
  { 'upload-offset': '-1', 'tus-resumable': '1.0.0' },
  { 'upload-concat': 'final;/a /b', 'tus-resumable': '1.0.0' },
  { 'upload-defer-length': '1', 'tus-resumable': '1.0.0' },
  { 'x-http-method-override': 'DELETE' },
  { 'x-forwarded-for': '203.0.113.9, <script>, ::1', forwarded: 'for="[2001:db8::1]"' },
  { 'if-none-match': `"${'x'.repeat(8000)}"` },
  { range: 'bytes=-1,-2,0-' },
  { 'accept-encoding': 'gzip;q=NaN, br;q=1e400' },
  { cookie: '__Host-airlock_session=als_forged; __proto__=1' },
  { accept: 'application/xml' },
  { 'content-encoding': 'gzip' },
];

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];

const PIECES = [
  '..',
  '/',
  '%2F',
  '%00',
  '%FF',
  '%ED%A0%80',
  '%F0%9F%9A%81',
  '-',
  '.',
  'e',
  '9',
  'NaN',
  '%22',
  '%5C',
];

/** A random percent-encoded string of dangerous pieces and bytes. */
function randomParam(rand: () => number): string {
  let s = '';
  const n = 1 + Math.floor(rand() * 24);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.4) s += PIECES[Math.floor(rand() * PIECES.length)];
    else if (r < 0.7)
      s += `%${Math.floor(rand() * 256)
        .toString(16)
        .padStart(2, '0')
        .toUpperCase()}`;
    else s += String.fromCharCode(0x21 + Math.floor(rand() * 0x5e)).replace(/[#?&%/+ ]/, 'z');
  }
  return s;
}

/** A random JSON-able value: any Unicode (surrogates alone too), numbers at the edges, nesting. */
function randomJson(rand: () => number, depth = 0): unknown {
  const r = rand();
  if (r < 0.35) {
    let s = '';
    const n = Math.floor(rand() * 40);
    for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(rand() * 0x10000));
    return s;
  }
  if (r < 0.55) return [0, -0, 1e308, -1e-308, 2 ** 53 + 1, -1, 0.1][Math.floor(rand() * 7)];
  if (r < 0.65) return rand() < 0.5;
  if (r < 0.7) return null;
  if (depth > 3) return 'deep';
  if (r < 0.85) return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 4); i > 0; i--)
    o[String(randomJson(rand, 9)).slice(0, 8)] = randomJson(rand, depth + 1);
  return o;
}

/** Every property path of an object schema, nested objects included (arrays: their first item). */
function fieldPaths(schema: Schema, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, s] of Object.entries(schema.properties ?? {})) {
    out.push([...prefix, k]);
    if (s.type === 'object') out.push(...fieldPaths(s, [...prefix, k]));
    if (s.type === 'array' && s.items) {
      const item = s.items.oneOf?.[0] ?? s.items;
      if (item.type === 'object') out.push(...fieldPaths(item, [...prefix, k, '0']));
    }
  }
  return out;
}

// A private-use character: JSON.stringify leaves it as it is (control characters it would escape).
const MARK = '\ue000attack\ue000';
const PLACEHOLDER = `"${MARK}"`;

/** `base` with the value at `path` replaced by `raw` JSON text (or the field removed when undefined). */
function withField(base: unknown, path: string[], raw: string | undefined): string {
  const copy = structuredClone(base) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (raw === undefined) delete at[last];
  else at[last] = MARK;
  const text = JSON.stringify(copy);
  return raw === undefined ? text : text.replace(PLACEHOLDER, () => raw);
}

const lenient = new TextDecoder();

/** Whether a JSON body (as bytes) breaks the schema: not JSON, or JSON that violates it. */
function bodyViolates(schema: Schema, bytes: Buffer): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(lenient.decode(bytes));
  } catch {
    return true;
  }
  return jsonViolates(schema, parsed);
}

/** Every malformed request for `op`; `randomCases` seeded random ones on top of the catalogue. */
export function attackCases(
  op: Operation,
  base: Baseline,
  rand: () => number,
  randomCases: number,
): AttackCase[] {
  const cases: AttackCase[] = [];
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const requiredQuery = queryParams
    .filter((p) => p.required)
    .map((p) => [p.name, encodeURIComponent(String(validValue(p.schema)))] as [string, string]);
  const baseBody = op.jsonBody ? validValue(op.jsonBody.schema, base.named) : undefined;
  const baseBytes = baseBody === undefined ? undefined : Buffer.from(JSON.stringify(baseBody));
  const jsonHeaders: Record<string, string> = op.jsonBody ? { 'content-type': 'application/json' } : {};

  const target = (path: Record<string, string>, query: Array<[string, string]>) => {
    const q = query.map(([k, v]) => `${k}=${v}`).join('&');
    return fillPath(op, path) + (q ? `?${q}` : '');
  };
  const add = (
    label: string,
    mustRefuse: boolean,
    r: Partial<AttackRequest> & { path?: Record<string, string>; query?: Array<[string, string]> },
  ) =>
    cases.push({
      op,
      label,
      mustRefuse,
      request: {
        method: r.method ?? op.method,
        target: target(r.path ?? base.pathValues, r.query ?? requiredQuery),
        headers: r.headers ?? jsonHeaders,
        body: 'body' in r ? r.body : baseBytes,
      },
    });

  for (const p of pathParams)
    for (const v of PARAM_ATTACKS)
      add(`path ${p.name}=${v.slice(0, 40)}`, paramViolates(p.schema, v), {
        path: { ...base.pathValues, [p.name]: v },
      });
  // Raw traversal in a path segment: the router must not resolve it to another route.
  if (pathParams.length > 0) {
    const p = pathParams[0];
    for (const v of ['../../v1/health', '..\\..\\v1', './.', '%2e%2e/%2e%2e/v1/datasets'])
      add(`path ${p.name}=${v} (raw)`, paramViolates(p.schema, v), {
        path: { ...base.pathValues, [p.name]: v },
      });
  }
  for (const p of queryParams) {
    const others = requiredQuery.filter(([k]) => k !== p.name);
    for (const v of PARAM_ATTACKS)
      add(`query ${p.name}=${v.slice(0, 40)}`, paramViolates(p.schema, v), {
        query: [...others, [p.name, v]],
      });
    add(`query ${p.name} twice`, false, { query: [...others, [p.name, 'NaN'], [p.name, '1']] });
    add(`query ${p.name}[]`, false, { query: [...others, [`${p.name}[]`, '1']] });
    if (p.required) add(`query ${p.name} missing`, true, { query: others });
  }
  add('query: unknown, __proto__ and NUL-named parameters', false, {
    query: [
      ...requiredQuery,
      ['__proto__[x]', '1'],
      ['constructor', 'x'],
      ['%00', '%00'],
      ['a'.repeat(4000), '1'],
    ],
  });

  if (op.method !== 'GET' && op.method !== 'HEAD') {
    const bodyRequired = !!op.jsonBody?.required;
    for (const [label, make] of BODY_ATTACKS)
      add(`body: ${label}`, bodyRequired, { body: make(), headers: jsonHeaders });
    if (op.jsonBody && baseBody !== undefined) {
      const schema = op.jsonBody.schema;
      const send = (label: string, text: string | Buffer) => {
        const body = Buffer.isBuffer(text) ? text : Buffer.from(text);
        add(label, bodyViolates(schema, body), { body });
      };
      send('body: trailing garbage', `${JSON.stringify(baseBody)} x`);
      send('body: BOM first', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), baseBytes!]));
      for (const path of fieldPaths(schema)) {
        const name = path.join('.');
        send(`field ${name} removed`, withField(baseBody, path, undefined));
        for (const v of FIELD_VALUES)
          send(
            `field ${name}=${JSON.stringify(v).slice(0, 30)}`,
            withField(baseBody, path, JSON.stringify(v)),
          );
        for (const raw of RAW_FIELD_VALUES)
          send(`field ${name}=${raw} (raw)`, withField(baseBody, path, raw));
        // Invalid UTF-8 inside the string, as bytes.
        const [before, after] = withField(baseBody, path, PLACEHOLDER).split(MARK);
        send(
          `field ${name}=<invalid UTF-8>`,
          Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(after ?? '')]),
        );
        // Duplicate keys: a valid value first, a wrong one after (JSON.parse keeps the last).
        if (path.length === 1)
          send(
            `field ${name} twice`,
            `${JSON.stringify(baseBody).slice(0, -1)},${JSON.stringify(name)}:12345}`,
          );
      }
    }
    for (const type of CONTENT_TYPES) {
      const junk = type.startsWith('multipart')
        ? Buffer.from('--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000\r\n')
        : baseBytes;
      add(`content-type ${type}`, bodyRequired && junk !== baseBytes, {
        headers: { 'content-type': type },
        body: junk ?? Buffer.from('x'),
      });
    }
  }

  for (const h of HEADER_ATTACKS)
    add(`headers ${Object.keys(h).join(',')}`, false, { headers: { ...jsonHeaders, ...h } });

  for (let i = 0; i < randomCases; i++) {
    const slots = [...pathParams, ...queryParams];
    const pickBody = op.jsonBody && baseBody !== undefined && rand() < 0.5;
    if (pickBody) {
      const paths = fieldPaths(op.jsonBody!.schema);
      const path = paths[Math.floor(rand() * paths.length)];
      const v = randomJson(rand);
      const body = Buffer.from(withField(baseBody, path, JSON.stringify(v) ?? 'null'));
      add(`random #${i}: field ${path.join('.')}`, bodyViolates(op.jsonBody!.schema, body), { body });
    } else if (slots.length > 0) {
      const p = slots[Math.floor(rand() * slots.length)];
      const v = randomParam(rand);
      const mustRefuse = paramViolates(p.schema, v);
      if (p.in === 'path')
        add(`random #${i}: path ${p.name}=${v}`, mustRefuse, { path: { ...base.pathValues, [p.name]: v } });
      else
        add(`random #${i}: query ${p.name}=${v}`, mustRefuse, {
          query: [...requiredQuery.filter(([k]) => k !== p.name), [p.name, v]],
        });
    } else {
      add(`random #${i}: unknown query`, false, {
        query: [...requiredQuery, [randomParam(rand), randomParam(rand)]],
      });
    }
  }
  return cases;
}

/** Methods a path does not declare, each sent with the baseline: refused, except OPTIONS. */
export function methodCases(ops: Operation[], base: Baseline): AttackCase[] {
  const declared = new Set(ops.map((o) => o.method));
  const op = ops[0];
  return OTHER_METHODS.filter((m) => !declared.has(m)).map((m) => ({
    op,
    label: `method ${m}`,
    mustRefuse: m !== 'OPTIONS',
    request: {
      method: m,
      target: fillPath(op, base.pathValues) + requiredQueryOf(op),
      headers: {},
      body: m === 'GET' || m === 'OPTIONS' || m === 'TRACE' ? undefined : Buffer.alloc(0),
    },
  }));
  function requiredQueryOf(o: Operation): string {
    const q = o.params.filter((p) => p.in === 'query' && p.required);
    return q.length
      ? `?${q.map((p) => `${p.name}=${encodeURIComponent(String(validValue(p.schema)))}`).join('&')}`
      : '';
  }
}
