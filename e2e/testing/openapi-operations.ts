// The route table as the attack tests see it: every operation of a running server's /openapi.json,
// with its parameters, body schema and who may call it. A route added to the API is attacked by the
// next test run without anyone listing it here.

export interface Schema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  $ref?: string;
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export type Caller = 'public' | 'pilot' | 'operator';

export interface Operation {
  /** "PUT /v1/admin/datasets/{id}" */
  id: string;
  method: string;
  path: string;
  params: Param[];
  /** The documented JSON body, when there is one. */
  jsonBody?: { schema: Schema; required: boolean };
  caller: Caller;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

export async function readOperations(baseUrl: string): Promise<{ doc: OpenApiDoc; operations: Operation[] }> {
  const res = await fetch(`${baseUrl}/openapi.json`);
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
  const doc = (await res.json()) as OpenApiDoc;
  const resolve = (s: Schema | undefined): Schema => {
    if (!s) return {};
    if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')]);
    return s;
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const op = raw as {
        parameters?: Array<Param & { schema?: Schema }>;
        requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
        security?: Array<Record<string, unknown>>;
      };
      const schemes = new Set((op.security ?? []).flatMap((s) => Object.keys(s)));
      const json = op.requestBody?.content?.['application/json'];
      operations.push({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).map((p) => ({
          ...p,
          required: !!p.required,
          schema: resolve(p.schema),
        })),
        jsonBody: json ? { schema: resolve(json.schema), required: !!op.requestBody?.required } : undefined,
        caller: schemes.has('operatorToken') ? 'operator' : schemes.has('pilotSession') ? 'pilot' : 'public',
      });
    }
  }
  return { doc, operations };
}

/** The request target of `op` with these path values (already encoded as they should be sent). */
export function fillPath(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`${op.id}: no value for path parameter ${name}`);
    return values[name];
  });
}

// Candidates tried against a pattern when a schema gives no example: a value the route accepts is
// needed so that a mutation of one input is not refused for another.
const CANDIDATES = [
  'x',
  '1',
  '358',
  'a1',
  '1.0.0',
  'Pixel 7',
  'TypeError',
  '0123456789abcdef',
  'a'.repeat(64),
];

/**
 * A value `schema` accepts (example, default, enum, a pattern's candidate), as JSON would carry it.
 * `named` gives values for properties whose constraint the document cannot show (a report's day).
 */
export function validValue(schema: Schema, named: Record<string, unknown> = {}): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const first = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema.allOf?.[0];
  if (first) return validValue(first, named);
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : 1;
      return Math.min(Math.max(min, 1), typeof schema.maximum === 'number' ? schema.maximum : 1);
    }
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () =>
        validValue(schema.items ?? {}, named),
      );
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {}))
        out[k] = k in named ? named[k] : validValue(s, named);
      return out;
    }
    default: {
      const fits = CANDIDATES.find((c) => stringProblem(schema, c) === undefined);
      return fits ?? 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    }
  }
}

/** Why `value` (as decoded) breaks a string schema's declared constraints, or undefined. */
function stringProblem(schema: Schema, value: string): string | undefined {
  if (schema.enum && !schema.enum.includes(value)) return 'not in enum';
  if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) return 'does not match pattern';
  const length = value.length;
  if (schema.maxLength !== undefined && length > schema.maxLength) return 'longer than maxLength';
  if (schema.minLength !== undefined && length < schema.minLength) return 'shorter than minLength';
  return undefined;
}

/**
 * Whether a parameter value, as sent in a URL (percent-encoded), breaks the declared schema: then the
 * server must refuse it. A value the schema allows may be accepted or refused (routes check more than
 * the document says), but never with a 5xx.
 */
export function paramViolates(schema: Schema, encoded: string): boolean {
  let value: string;
  try {
    value = decodeURIComponent(encoded);
  } catch {
    value = encoded;
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    // The server coerces the text like Number() does (zod's coerce): '' is 0, ' 1 ' is 1, '0x10' 16.
    const n = Number(value);
    if (!Number.isFinite(n)) return true;
    if (schema.type === 'integer' && !Number.isInteger(n)) return true;
    if (typeof schema.minimum === 'number' && n < schema.minimum) return true;
    if (typeof schema.maximum === 'number' && n > schema.maximum) return true;
    return false;
  }
  if (schema.type === 'string' || schema.type === undefined)
    return stringProblem(schema, value) !== undefined;
  return false;
}

/** Whether a JSON value breaks `schema` (types, required fields, enums, patterns, lengths, ranges). */
export function jsonViolates(schema: Schema, value: unknown): boolean {
  if (value === null) return !schema.nullable;
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return alternatives.every((s) => jsonViolates(s, value));
  if (schema.enum && !schema.enum.includes(value)) return true;
  switch (schema.type) {
    case 'string':
      return typeof value !== 'string' || stringProblem(schema, value) !== undefined;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return true;
      if (schema.type === 'integer' && !Number.isInteger(value)) return true;
      if (typeof schema.minimum === 'number' && value < schema.minimum) return true;
      return typeof schema.maximum === 'number' && value > schema.maximum;
    }
    case 'boolean':
      return typeof value !== 'boolean';
    case 'array':
      if (!Array.isArray(value)) return true;
      if (schema.minItems !== undefined && value.length < schema.minItems) return true;
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return true;
      return schema.items ? value.some((v) => jsonViolates(schema.items!, v)) : false;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return true;
      const o = value as Record<string, unknown>;
      if ((schema.required ?? []).some((k) => !(k in o))) return true;
      return Object.entries(schema.properties ?? {}).some(([k, s]) => k in o && jsonViolates(s, o[k]));
    }
    default:
      return false;
  }
}
