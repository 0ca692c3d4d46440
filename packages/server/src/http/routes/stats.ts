import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppContext } from '../app-context.ts';
import { requireOperator } from '../operator-auth.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

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
