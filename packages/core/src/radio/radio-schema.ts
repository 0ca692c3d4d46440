import * as z from 'zod/mini';

/**
 * RadioRules on the wire (the `radio` of a location answer and of /v1/location/country). Band ids are
 * read as any string: a newer server may name a band an older SDK does not know, and that must not
 * make the whole answer unreadable. The TypeScript shape stays RadioRules (types.ts).
 * @example
 * const rules = parseEnglish(radioRulesSchema, JSON.parse(body).radio);
 */
export const radioRulesSchema = z.object({
  countries: z.readonly(z.array(z.string())),
  ambiguous: z.boolean(),
  bands: z.readonly(
    z.array(
      z.object({
        id: z.string(),
        minMHz: z.number(),
        maxMHz: z.number(),
        maxEirpDbm: z.number(),
        licenceRequired: z.boolean(),
        since: z.optional(z.string()),
        notes: z.optional(z.string()),
      }),
    ),
  ),
  regimes: z.readonly(z.array(z.string())),
  sources: z.readonly(z.array(z.string())),
  verified: z.boolean(),
  unknownCountries: z.readonly(z.array(z.string())),
  tableVersion: z.string(),
});
