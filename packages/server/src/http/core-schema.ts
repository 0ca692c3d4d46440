import { z } from '@hono/zod-openapi';

/**
 * A core wire schema for a route's document. Core's schemas are zod/mini (the SDK reads and checks
 * with the very same ones), which zod-to-openapi cannot read: the document gets zod's own JSON Schema
 * of it, typed as the schema's output so the handler's answers are still checked against it.
 */
export function coreSchema<T>(schema: z.core.$ZodType<T>): z.ZodType<T> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' }) as unknown as z.ZodType<T>;
}
