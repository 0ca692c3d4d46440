import { z } from '@hono/zod-openapi';
import { LICENCES, LOCATION_PRECISION_M } from '../../media/index.ts';

export const mediaSchema = z
  .object({
    id: z.string().openapi({ description: 'random; the served file is named after it' }),
    kind: z.enum(['image', 'video']),
    content_type: z.string().openapi({ example: 'image/jpeg' }),
    title: z.string().nullable(),
    licence: z.enum(LICENCES),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    duration_s: z.number().nullable().openapi({ description: 'videos only' }),
    bytes: z.number().int().openapi({ description: 'size of the stripped file' }),
    shared_on: z
      .string()
      .openapi({ description: 'UTC day of the share (never the capture time)', example: '2026-05-01' }),
    location: z
      .object({
        lat: z.number(),
        lon: z.number(),
        precision_m: z.number().openapi({ example: LOCATION_PRECISION_M }),
      })
      .nullable()
      .openapi({
        description: 'only when the pilot kept one: the centre of a ~1 km cell, never the raw position',
      }),
    file_url: z.string(),
    thumbnail_url: z
      .string()
      .nullable()
      .openapi({ description: "a photo's thumbnail, or a video's poster if its owner's device gave one" }),
    by: z.string().nullable().openapi({ description: 'the public name the pilot chose, if any' }),
    hidden: z.boolean().openapi({ description: 'hidden by the operator (only its owner sees it listed)' }),
  })
  .openapi('MediaItem');

export const mediaPageSchema = z
  .object({ items: z.array(mediaSchema), next_cursor: z.string().nullable() })
  .openapi('MediaPage');

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
});

/** Media ids are UUIDs; anything else is simply not found (404, not 400: it names no item either way). */
export const mediaIdParam = z.object({ id: z.string().max(100) });
export const isMediaId = (id: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);

const noNulOrSurrogate = (s: string) => !s.includes('\0') && !/\p{Cs}/u.test(s);

export const shareQuery = z.object({
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine(noNulOrSurrogate, 'must be valid Unicode without NUL characters')
    .optional(),
  licence: z.enum(LICENCES).default('all-rights-reserved'),
  keep_location: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .openapi({
      description: 'true: keep the position coarsened to a ~1 km cell (in our table, never in the file)',
    }),
});

export const binary = (description: string) => ({
  content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
  description,
});

export const MEDIA_NOT_FOUND = { description: 'no such shared item' };
export const pilotSecurity = [{ pilotSession: [] }];

export const profileSchema = z
  .object({
    public_name: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .refine(noNulOrSurrogate, 'must be valid Unicode without NUL characters')
      .nullable()
      .openapi({ description: 'shown as "by ..." under your shares; null: none', example: 'Lake pilot' }),
  })
  .openapi('MediaProfile');
