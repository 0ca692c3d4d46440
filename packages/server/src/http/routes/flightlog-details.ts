import type { FlightModeChange, FlightParameters, ParameterDiff } from '@airlock/core';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { HttpError } from '../http-error.ts';
import { requirePilot } from '../pilot-auth.ts';
import { idParam, NOT_FOUND, pilotSecurity } from './flightlog-schemas.ts';
import type { FlightLogRouteDeps } from './flightlogs.ts';

const modeSchema = z.object({
  t_s: z.number().openapi({ description: "seconds since the flight's t = 0; in force until the next" }),
  mode: z.string().openapi({ description: 'as the autopilot names it (LOITER, POSCTL, P-GPS …)' }),
});
export const modesSchema = z.object({ modes: z.array(modeSchema) }).openapi('FlightModes');

export const parametersSchema = z
  .object({
    values: z.array(
      z.object({
        name: z.string(),
        value: z.number().openapi({ description: 'when logging started' }),
        default: z.number().nullable().openapi({
          description: "the firmware's default, where the log states it (ULog Q, DataFlash PARM)",
        }),
      }),
    ),
    changes: z
      .array(z.object({ t_s: z.number(), name: z.string(), value: z.number() }))
      .openapi({ description: 'values set during the flight, in time order' }),
  })
  .openapi('FlightParameters');

const named = z.object({ name: z.string(), value: z.number() });
export const parameterDiffSchema = z
  .object({
    added: z.array(named).openapi({ description: 'only the other flight has these' }),
    removed: z.array(named).openapi({ description: 'only this flight has these' }),
    changed: z.array(
      z.object({
        name: z.string(),
        from: z.number().openapi({ description: 'in this flight' }),
        to: z.number().openapi({ description: 'in the other flight' }),
      }),
    ),
  })
  .openapi('FlightParameterDiff');

// The schemas describe core's types: these fail to compile when core's change.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _modes: Same<z.infer<typeof modeSchema>, FlightModeChange> = true;
const _params: Same<z.infer<typeof parametersSchema>, FlightParameters> = true;
const _diff: Same<z.infer<typeof parameterDiffSchema>, ParameterDiff> = true;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const notFound = () => new HttpError(404, 'not_found', 'no such flight log');

/** A flight's modes and parameters, and a diff of two flights' parameters; all owner-only. */
export function registerFlightLogDetailRoutes(app: OpenAPIHono, deps: FlightLogRouteDeps): void {
  const { accounts, flightlogs } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/flightlogs/{id}/modes',
      tags: ['flight logs'],
      summary: 'The flight modes, each with the time it took effect',
      description: 'Empty for formats without modes (GPX, KML, an encrypted DJI record).',
      security: pilotSecurity,
      request: { params: idParam },
      responses: {
        200: { content: { 'application/json': { schema: modesSchema } }, description: 'the modes' },
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const modes = await flightlogs.modes(session.pilotId, c.req.valid('param').id);
      if (!modes) throw notFound();
      return c.json({ modes }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/flightlogs/{id}/parameters',
      tags: ['flight logs'],
      summary: "The autopilot's parameters: values at the start, defaults where logged, in-flight changes",
      description: 'From ULog P/Q, DataFlash PARM and tlog PARAM_VALUE; empty for other formats.',
      security: pilotSecurity,
      request: { params: idParam },
      responses: {
        200: { content: { 'application/json': { schema: parametersSchema } }, description: 'the parameters' },
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const parameters = await flightlogs.parameters(session.pilotId, c.req.valid('param').id);
      if (!parameters) throw notFound();
      return c.json(parameters, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/flightlogs/{id}/parameters/diff',
      tags: ['flight logs'],
      summary: "How another of your flights' parameters differ from this one's (values at each start)",
      security: pilotSecurity,
      request: {
        params: idParam,
        query: z.object({
          with: z.string().regex(UUID, 'must be a flight log id').openapi({
            description: 'the id of another of your flight logs',
            example: '6f1c2d3e-5b6a-4c7d-9e8f-1a2b3c4d5e6f',
          }),
        }),
      },
      responses: {
        200: {
          content: { 'application/json': { schema: parameterDiffSchema } },
          description: 'added, removed and changed, each sorted by name',
        },
        400: { description: '"with" missing or not a flight log id' },
        404: { description: 'either log is not among yours' },
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const diff = await flightlogs.parameterDiff(
        session.pilotId,
        c.req.valid('param').id,
        c.req.valid('query').with,
      );
      if (!diff) throw notFound();
      return c.json(diff, 200);
    },
  );
}
