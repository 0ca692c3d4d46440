import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { EXPORT_FORMATS, EXPORT_TYPES, LOG_ID_HEADER, UPLOADS_PATH } from '../../flightlogs/index.ts';
import { HttpError } from '../http-error.ts';
import { requirePilot } from '../pilot-auth.ts';
import { jsonTusError, refuseUnsupportedTus } from '../tus-errors.ts';
import { exportSchemas, idParam, NOT_FOUND, pilotSecurity } from './flightlog-schemas.ts';
import type { FlightLogRouteDeps } from './flightlogs.ts';

const TUS_OPTIONS = {
  'Tus-Resumable': '1.0.0',
  'Tus-Version': '1.0.0',
  'Tus-Extension': 'creation,creation-with-upload,termination,expiration',
};

/** The resumable upload endpoint (tus 1.0), the exports and the original file. */
export function registerFlightLogFileRoutes(app: OpenAPIHono, deps: FlightLogRouteDeps): void {
  const { accounts, flightlogs, uploads } = deps;

  const tus = async (c: Context) => {
    // Discovery needs no session (browsers send preflights without credentials).
    if (c.req.method === 'OPTIONS')
      return c.body(null, 204, { ...TUS_OPTIONS, 'Tus-Max-Size': String(flightlogs.options.maxBytes) });
    const session = await requirePilot(c, accounts);
    return refuseUnsupportedTus(c.req.raw) ?? jsonTusError(await uploads.handle(c.req.raw, session.pilotId));
  };
  app.all(UPLOADS_PATH, tus);
  app.all(`${UPLOADS_PATH}/:uploadId`, tus);
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: UPLOADS_PATH,
    tags: ['flight logs'],
    summary: 'Start a resumable upload (tus 1.0: creation, creation-with-upload, termination, expiration)',
    description: `Headers: Tus-Resumable: 1.0.0, Upload-Length, Upload-Metadata with "sha256" (hex, required) and "filename". Then PATCH /v1/flightlogs/uploads/{uploadId} with Upload-Offset; HEAD tells the offset to resume from. The PATCH that completes the file imports it and answers with ${LOG_ID_HEADER}; a corrupt file is a 422 and nothing is kept. Unfinished uploads are sealed in the flight-log store, any server resumes them, and they are swept after AIRLOCK_UPLOAD_EXPIRY_H.`,
    security: pilotSecurity,
    responses: {
      201: { description: 'created; Location is the upload URL' },
      413: { description: 'too large' },
    },
  });

  for (const format of EXPORT_FORMATS) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `/v1/flightlogs/{id}/export.${format}`,
        tags: ['flight logs'],
        summary: `Export as ${format.toUpperCase()} (full resolution)`,
        security: pilotSecurity,
        request: { params: idParam },
        responses: {
          200: {
            content: { [EXPORT_TYPES[format].split(';')[0]]: { schema: exportSchemas[format] } },
            description: `the ${format.toUpperCase()} file (an attachment)`,
          },
          404: NOT_FOUND,
        },
      }),
      async (c) => {
        const session = await requirePilot(c, accounts);
        const out = await flightlogs.export(session.pilotId, c.req.valid('param').id, format);
        if (!out) throw new HttpError(404, 'not_found', 'no such flight log');
        return c.body(new Uint8Array(out.body), 200, {
          'Content-Type': EXPORT_TYPES[format],
          'Content-Disposition': `attachment; filename="${out.filename}"`,
        });
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/flightlogs/{id}/original',
      tags: ['flight logs'],
      summary: 'The original file, byte for byte',
      security: pilotSecurity,
      request: { params: idParam },
      responses: {
        200: {
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
          description: 'the file as uploaded',
        },
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const out = await flightlogs.original(session.pilotId, c.req.valid('param').id);
      if (!out) throw new HttpError(404, 'not_found', 'no such flight log');
      return c.body(new Uint8Array(out.bytes), 200, {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${out.filename}"`,
      });
    },
  );
}
