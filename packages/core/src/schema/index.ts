/**
 * Core's schemas are written with zod/mini, not classic zod: the SDK checks zone answers and telemetry
 * reports on the device with the very schemas the server uses, and mini is tree-shakable (about 10 kB
 * gzip in an app's bundle, against about 90 kB for all of classic zod). Mini loads no locale, so a
 * parse through here passes the English one: the messages are classic zod's, wherever it runs.
 */

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

let english: z.core.$ZodErrorMap | undefined;

/** `schema.safeParse(value)` with English messages. */
export function safeParseEnglish<T>(
  schema: z.core.$ZodType<T>,
  value: unknown,
): z.core.util.SafeParseResult<T> {
  english ??= en().localeError;
  return z.safeParse(schema, value, { error: english }) as z.core.util.SafeParseResult<T>;
}

/** `schema.parse(value)` with English messages: throws the ZodError. */
export function parseEnglish<T>(schema: z.core.$ZodType<T>, value: unknown): T {
  const r = safeParseEnglish(schema, value);
  if (!r.success) throw r.error;
  return r.data;
}
