import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppContext } from '../app-context.ts';
import { errorBody } from '../http-error.ts';
import { requireOperator } from '../operator-auth.ts';

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), status: z.number() }),
});

const readySchema = z.object({
  ready: z.boolean(),
  /** Why not, one line per check that failed (empty when ready). */
  problems: z.array(z.string()),
});

/**
 * Operations routes: readiness for a load balancer (`/v1/ready`: 503 until the database answers and
 * the airspace is loaded; `/v1/health` is liveness) and Prometheus metrics (`/metrics`, operator token).
 */
export function registerServiceRoutes(app: OpenAPIHono, ctx: AppContext): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/ready',
      tags: ['service'],
      summary: 'Readiness: the database answers and the airspace is loaded',
      responses: {
        200: { content: { 'application/json': { schema: readySchema } }, description: 'ready' },
        503: { content: { 'application/json': { schema: readySchema } }, description: 'not ready, and why' },
      },
    }),
    async (c) => {
      const problems = (await ctx.readiness?.()) ?? [];
      return c.json({ ready: problems.length === 0, problems }, problems.length === 0 ? 200 : 503);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      tags: ['service'],
      summary: 'Prometheus metrics of this server process (aggregate only)',
      security: [{ operatorToken: [] }],
      responses: {
        200: { content: { 'text/plain': { schema: z.string() } }, description: 'Prometheus text format' },
        401: {
          content: { 'application/json': { schema: errorSchema } },
          description: 'no or wrong operator token',
        },
      },
    }),
    async (c) => {
      requireOperator(ctx, c.req.header('authorization'));
      if (!ctx.metrics) return c.json(errorBody(404, 'not_found', 'metrics are off'), 404) as never;
      // Prometheus' own content type (text/plain; version=0.0.4), which the typed helpers do not model.
      const text = await ctx.metrics.render();
      return new Response(text, {
        status: 200,
        headers: { 'content-type': ctx.metrics.contentType },
      }) as never;
    },
  );
}
