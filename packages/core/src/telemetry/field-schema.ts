import * as z from 'zod/mini';
import type { FieldDefinition, FieldKind, FieldRegistry, TelemetryCategory } from './field-types.ts';
import { looksLikeIdentifier } from './identifier-like.ts';
import { isFieldLive } from './registry-check.ts';

/** The zod/mini schema for a value of one declared field, from its registry type. */
export function valueSchema(f: FieldDefinition): z.ZodMiniType {
  const t = f.type;
  switch (t.type) {
    case 'string':
      return z.string().check(
        z.minLength(1),
        z.maxLength(t.maxLength),
        z.regex(t.pattern, 'contains characters that are not allowed here'),
        z.refine((s) => !looksLikeIdentifier(s), 'looks like an identifier or serial number'),
      );
    case 'enum':
      return z.enum(t.values as [string, ...string[]]);
    case 'boolean':
      return z.boolean();
    case 'integer':
      return z.number().check(z.int(), z.gte(t.min), z.lte(t.max));
    case 'hex':
      return z
        .string()
        .check(z.regex(new RegExp(`^[0-9a-f]{${t.length}}$`), `must be ${t.length} lowercase hex digits`));
    case 'stack':
      return z.string().check(z.maxLength(t.maxLength));
    case 'buckets':
      return z.enum(t.buckets.labels as [string, ...string[]], {
        error: (issue) =>
          `${JSON.stringify(issue.input)} is not a declared bucket (${t.buckets.labels.join(', ')})`,
      });
  }
}

/**
 * A strict object schema for the fields of one kind: live fields are required, expired ones are
 * refused with their expiry day, and anything undeclared is an unknown key.
 */
export function declaredObject(
  registry: FieldRegistry,
  category: TelemetryCategory,
  kind: FieldKind,
  today: string,
  extra: Record<string, z.core.$ZodType> = {},
) {
  const shape: Record<string, z.core.$ZodType> = { ...extra };
  for (const f of registry) {
    if (f.category !== category || f.kind !== kind) continue;
    shape[f.name] = isFieldLive(f, today)
      ? valueSchema(f)
      : z.optional(z.never({ error: `field expired on ${f.expires}` }));
  }
  return z.strictObject(shape);
}

/**
 * The schema of an event name of `kind`: one of the live declared names. Refusals follow the wire
 * contract: `"map.zoom" is not a declared field` / `"map.open" expired on 2026-01-01`. An enum, not a
 * refinement, because it runs for every event the server receives.
 */
export function declaredNameSchema(
  registry: FieldRegistry,
  category: TelemetryCategory,
  kind: FieldKind,
  today: string,
): z.ZodMiniType<string> {
  const declared = registry.filter((f) => f.category === category && f.kind === kind);
  const live = declared.filter((f) => isFieldLive(f, today)).map((f) => f.name);
  const error = (input: unknown): string => {
    const f = typeof input === 'string' ? declared.find((x) => x.name === input) : undefined;
    if (f) return `${JSON.stringify(input)} expired on ${f.expires}`;
    return typeof input === 'string'
      ? `${JSON.stringify(input.slice(0, 64))} is not a declared field`
      : 'must be a declared name (a string)';
  };
  if (live.length === 0) return z.string().check(z.refine(() => false, { error: (i) => error(i.input) }));
  return z.enum(live as [string, ...string[]], { error: (i) => error(i.input) });
}
