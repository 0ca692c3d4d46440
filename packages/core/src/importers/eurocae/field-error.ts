import type * as z from 'zod/mini';
import { safeParseEnglish } from '../../schema/index.ts';

/**
 * A bad field inside one record. Helpers throw it so the per-feature loop can turn it into one
 * ImportIssue (skip in lenient mode, ImportError in strict mode) with the field and value named.
 */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    problem: string,
  ) {
    super(`${field} ${showValue(value)} ${problem}`);
    this.name = 'FieldError';
  }
}

/** A short, printable form of a bad value: enough to find it in the file, never the whole geometry. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Validates with a zod schema; on failure names the first bad path below `field` and its value. */
export function checkField<T>(schema: z.core.$ZodType<T>, value: unknown, field: string): T {
  const parsed = safeParseEnglish(schema, value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = field + issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  throw new FieldError(path, valueAt(value, issue.path), `is invalid (${issue.message})`);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
