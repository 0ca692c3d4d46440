import * as z from 'zod/mini';
import { radioRulesSchema } from '../radio/radio-schema.ts';

const coordinate = z.number();
const box = z.tuple([coordinate, coordinate, coordinate, coordinate]);

/**
 * What a location check answers, on the wire: the one schema the server's routes document and the
 * SDK reads answers with (it used to be a server interface, a route schema and an SDK hand parser).
 * Zone features are checked one by one afterwards (readAnswerZones), so one feature a device cannot
 * read is skipped and counted instead of making the whole answer unreadable.
 * @example
 * const answer = parseEnglish(locationAnswerSchema, JSON.parse(body));
 * console.log(answer.cell, answer.zones.features.length, answer.max_age_s);
 */
export const locationAnswerSchema = z.object({
  /** The public grid cell answered (the cell mechanism). */
  cell: z.optional(z.string()),
  /** Boxes [w, s, e, n] the answer is complete for: the cell grown by lookahead_max_m. */
  coverage: z.optional(z.array(box)),
  /** The point and radius answered (the reference mechanism). */
  query: z.optional(z.object({ lon: z.number(), lat: z.number(), radius_m: z.number() })),
  /** The largest look-ahead distance this answer is complete for, metres. */
  lookahead_max_m: z.number(),
  dataset_version: z.string(),
  /** When the server built its zone index from the datasets (stable while they do not change). */
  generated_at: z.string(),
  max_age_s: z.number().check(z.gte(0)),
  /** When the first restriction in it ends (ISO 8601): the answer is out of date from then on. */
  valid_until: z.optional(z.string()),
  /** GeoJSON FeatureCollection of zone features (zoneToFeature). */
  zones: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
  /** Candidate countries (ISO 3166-1 alpha-2) the answer's area touches. */
  countries: z.array(z.string()),
  /** The strictest radio rules over `countries`. */
  radio: radioRulesSchema,
});

/**
 * A location answer as sent.
 * @example
 * const answer: LocationAnswerBody = parseEnglish(locationAnswerSchema, JSON.parse(body));
 */
export type LocationAnswerBody = z.infer<typeof locationAnswerSchema>;
