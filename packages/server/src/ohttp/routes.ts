import {
  GATEWAY_PATH,
  KEYS_PATH,
  OHTTP_KEYS_TYPE,
  OHTTP_REQUEST_TYPE,
  OHTTP_RESPONSE_TYPE,
} from '@airlock/core/ohttp';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requestContentLength } from '../http/body-size-limit.ts';
import { HttpError } from '../http/http-error.ts';
import { rawHeader } from '../http/raw-request.ts';
import { type AppFetch, handleEncapsulated } from './gateway.ts';
import type { OhttpKeyRing } from './key-ring.ts';
import type { ReplayGuard } from './replay-guard.ts';

/**
 * The largest encapsulated request: a telemetry report (64 KiB) and its Binary HTTP framing pad to
 * 128 KiB, plus the 7-byte header, enc (32) and the AEAD tag (16).
 */
export const MAX_ENCAPSULATED_REQUEST = 128 * 1024 + 7 + 32 + 16;

const errorShape = z.object({
  error: z.object({ code: z.string(), message: z.string(), status: z.number() }),
});
const binary = (type: string) => ({ [type]: { schema: z.string().openapi({ format: 'binary' }) } });

export interface GatewayDeps {
  keys: OhttpKeyRing;
  replay: ReplayGuard;
  /** The app's own fetch, called in-process for each decrypted request. */
  app: AppFetch;
}

/** The key configuration and the gateway (RFC 9458; the keys at RFC 9540's well-known path). */
export function registerOhttpRoutes(app: OpenAPIHono, deps: GatewayDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: KEYS_PATH,
      tags: ['oblivious HTTP'],
      summary: 'The gateway’s key configurations (application/ohttp-keys, current key first)',
      description:
        'RFC 9458 section 3 key configurations: X25519, HKDF-SHA256, AES-128-GCM. The same bytes for every client; cacheable for less than the grace a replaced key keeps.',
      responses: { 200: { content: binary(OHTTP_KEYS_TYPE), description: 'the key configurations' } },
    }),
    (c) => {
      c.header('content-type', OHTTP_KEYS_TYPE);
      c.header('cache-control', `public, max-age=${deps.keys.maxAgeS}`);
      return c.body(deps.keys.keyConfigs as Uint8Array<ArrayBuffer>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: GATEWAY_PATH,
      tags: ['oblivious HTTP'],
      summary: 'The oblivious gateway: an encapsulated request in, its encapsulated response out',
      description:
        'Send through an Oblivious HTTP relay (`airlock relay`): the server then sees the request but not who sent it. Inside: location checks, zone tiles and telemetry reports only; anything after decryption (including a replay or a Date outside the window) is answered inside the encapsulation.',
      request: { body: { content: binary(OHTTP_REQUEST_TYPE), required: true } },
      responses: {
        200: { content: binary(OHTTP_RESPONSE_TYPE), description: 'the encapsulated response' },
        400: {
          content: { 'application/json': { schema: errorShape } },
          description: 'not an encapsulated request',
        },
        413: { content: { 'application/json': { schema: errorShape } }, description: 'over the size limit' },
        415: {
          content: { 'application/json': { schema: errorShape } },
          description: 'not message/ohttp-req',
        },
        422: {
          content: { 'application/json': { schema: errorShape } },
          description: 'unknown key (code ohttp_key: fetch the keys again), or it does not decrypt',
        },
      },
    }),
    async (c) => {
      if (rawHeader(c, 'content-type') !== OHTTP_REQUEST_TYPE)
        throw new HttpError(415, 'unsupported_media_type', `the body must be ${OHTTP_REQUEST_TYPE}`);
      const tooLarge = () =>
        new HttpError(
          413,
          'body_too_large',
          `an encapsulated request is at most ${MAX_ENCAPSULATED_REQUEST} bytes`,
        );
      if ((requestContentLength(c) ?? 0) > MAX_ENCAPSULATED_REQUEST) throw tooLarge();
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (body.length > MAX_ENCAPSULATED_REQUEST) throw tooLarge();
      const response = await handleEncapsulated(body, deps);
      c.header('content-type', OHTTP_RESPONSE_TYPE);
      c.header('cache-control', 'no-store');
      return c.body(response as Uint8Array<ArrayBuffer>, 200);
    },
  );
}
