import { isValidDay } from '@airlock/core';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppContext } from '../app-context.ts';
import { requireOperator } from '../operator-auth.ts';

// A real calendar day: 2026-02-30 or 9999-99-99 would reach the database as a date it refuses.
const day = z
  .string()
  .max(10)
  .refine(isValidDay, 'must be a calendar day as YYYY-MM-DD')
  .openapi({ example: '2026-05-01' });

export function registerStatsRoutes(app: OpenAPIHono, ctx: AppContext): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/stats/requests',
      tags: ['operator'],
      summary: 'Aggregate request counts per day and route (operator)',
      security: [{ operatorToken: [] }],
      request: { query: z.object({ from: day.optional(), to: day.optional() }) },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({
                counts: z.array(z.object({ day: z.string(), route: z.string(), count: z.number() })),
              }),
            },
          },
          description: 'counts',
        },
      },
    }),
    async (c) => {
      requireOperator(ctx, c.req.header('authorization'));
      const q = c.req.valid('query');
      const today = new Date().toISOString().slice(0, 10);
      const from = q.from ?? new Date(Date.now() - 30 * 86400_000).toISOString().slice(0, 10);
      return c.json({ counts: await ctx.counters.read(from, q.to ?? today) });
    },
  );
}
