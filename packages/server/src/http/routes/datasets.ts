import { ZONE_FORMATS } from '@airlock/core';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { DATASET_ID } from '../../airspace/index.ts';
import type { AppContext } from '../app-context.ts';
import { HttpError } from '../http-error.ts';
import { requireOperator } from '../operator-auth.ts';

const datasetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    source: z.string(),
    licence: z.string(),
    version: z.string().openapi({ description: 'content hash of the imported source' }),
    importedAt: z.string(),
    zoneCount: z.number(),
    counts: z.record(z.string(), z.number()),
    bundled: z.boolean(),
  })
  .openapi('Dataset');

/** A record an import skipped, by line (text formats) or feature (JSON), and why. */
const importIssueSchema = z
  .object({
    line: z.number().optional(),
    feature: z.number().optional(),
    record: z.string().optional(),
    reason: z.string(),
  })
  .openapi('ImportIssue');

const importResultSchema = z
  .object({
    dataset: datasetSchema,
    changed: z.boolean(),
    read: z.number(),
    skipped: z.number(),
    issues: z.array(importIssueSchema).openapi({ description: 'the first 1000 skipped records' }),
  })
  .openapi('DatasetImport');

/** PostgreSQL text cannot hold U+0000: refused here, naming the field, rather than by the database. */
const noNul = (s: string) => !s.includes('\u0000');
/** NUL itself, or JSON's escape for it (which JSON.parse turns into one) in a JSON file. */
const hasNul = (text: string) => text.includes('\u0000') || /\\u0000/.test(text);
const NUL_MESSAGE = 'must not contain NUL characters';

const idParam = z.object({ id: z.string().regex(DATASET_ID, 'letters, digits, . _ - (at most 64)') });
const importQuery = z.object({
  format: z.enum(ZONE_FORMATS).optional().openapi({ description: 'detected from the content when absent' }),
  name: z.string().max(200).refine(noNul, NUL_MESSAGE).optional(),
  licence: z.string().max(500).refine(noNul, NUL_MESSAGE).optional(),
  strict: z.enum(['true', 'false']).optional().openapi({ description: 'fail on the first bad record' }),
  replace: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'replace a dataset with the same id' }),
  accept_partial: z.enum(['true', 'false']).optional().openapi({
    description: 'store the zones even when more than 1% of the records could not be read',
  }),
});

export function registerDatasetRoutes(app: OpenAPIHono, ctx: AppContext): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets',
      tags: ['airspace'],
      summary: 'Loaded airspace datasets with versions and zone counts',
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ datasets: z.array(datasetSchema) }) } },
          description: 'datasets',
        },
      },
    }),
    async (c) => {
      const datasets = (await ctx.airspace.store.list()).map(({ issues: _issues, ...d }) => d);
      return c.json({ datasets });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/admin/datasets/{id}',
      tags: ['operator'],
      summary: 'Import a zone file as a dataset (operator)',
      description:
        'Body: the file itself (OpenAir text, ED-269/ED-318/GeoJSON JSON), or multipart/form-data with fields `airports` and `runways` for OurAirports. Bad records are skipped and listed unless strict=true. An import that skips more than 1% of its records is refused with 422 `partial_import` (details: records read, skipped, zones and the first 20 issues) and nothing is stored, unless accept_partial=true.',
      security: [{ operatorToken: [] }],
      request: { params: idParam, query: importQuery },
      responses: {
        200: {
          content: { 'application/json': { schema: importResultSchema } },
          description: 'imported; the dataset and the skipped records',
        },
        400: { description: 'the file could not be imported (message names the line or feature)' },
        401: { description: 'no or wrong operator token' },
        409: { description: 'dataset exists and replace was not set' },
        422: {
          description:
            'more than 1% of the records were skipped and accept_partial was not set; nothing stored (error.details: read, skipped, zones, issues)',
        },
      },
    }),
    async (c) => {
      requireOperator(ctx, c.req.header('authorization'));
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const files: Array<{ name: string; text: string }> = [];
      const type = c.req.header('content-type') ?? '';
      const multipart = type.toLowerCase().startsWith('multipart/form-data');
      if (multipart) {
        if (!/;\s*boundary=/i.test(type))
          throw new HttpError(400, 'invalid_request', 'Content-Type multipart/form-data needs a boundary');
        const form = await c.req.parseBody().catch(() => {
          throw new HttpError(400, 'invalid_request', '(body): not valid multipart/form-data');
        });
        for (const [field, value] of Object.entries(form)) {
          if (value instanceof File) files.push({ name: value.name || field, text: await value.text() });
          else if (typeof value === 'string') files.push({ name: field, text: value });
        }
      } else {
        files.push({
          name: q.format === 'ourairports' ? 'airports.csv' : 'upload',
          text: await c.req.text(),
        });
      }
      if (files.every((f) => f.text.trim() === ''))
        throw new HttpError(400, 'empty_body', 'request body is empty: send the zone file');
      const withNul = files.find((f) => hasNul(f.text) || f.name.includes('\u0000'));
      if (withNul) {
        const where = multipart ? `field "${withNul.name.replaceAll('\u0000', '')}"` : '(body)';
        throw new HttpError(400, 'invalid_request', `${where}: ${NUL_MESSAGE}`);
      }
      // Conflicts and import errors are answered by the error map (http/error-map.ts).
      try {
        const out = await ctx.airspace.importDataset({
          id,
          files,
          format: q.format,
          name: q.name,
          licence: q.licence,
          strict: q.strict === 'true',
          replace: q.replace === 'true',
          acceptPartial: q.accept_partial === 'true',
        });
        ctx.cache.clear();
        const { issues: _i, ...dataset } = out.dataset;
        return c.json({
          dataset,
          changed: out.changed,
          read: out.dataset.zoneCount + out.issues.length,
          skipped: out.issues.length,
          issues: out.issues.slice(0, 1000),
        });
      } catch (e) {
        // A RangeError here is a value of the file out of range (an importer's check), not a bug.
        throw e instanceof RangeError ? new HttpError(400, 'import_failed', e.message) : e;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/admin/datasets/{id}',
      tags: ['operator'],
      summary: 'Remove a dataset (operator)',
      security: [{ operatorToken: [] }],
      request: { params: idParam },
      responses: { 204: { description: 'removed' }, 404: { description: 'no such dataset' } },
    }),
    async (c) => {
      requireOperator(ctx, c.req.header('authorization'));
      const { id } = c.req.valid('param');
      if (!(await ctx.airspace.removeDataset(id)))
        throw new HttpError(404, 'not_found', `no dataset "${id}"`);
      ctx.cache.clear();
      return c.body(null, 204);
    },
  );
}
