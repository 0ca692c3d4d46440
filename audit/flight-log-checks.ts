// What Sync may send (docs/accounts-and-flight-logs.md): with a signed-in pilot who pressed Sync,
// the logs the pilot asked for, byte for byte as they are on the device, and nothing else: a lookup by
// the file's SHA-256, a tus creation naming the file and its SHA-256, PATCHes of the file's own bytes.
import type { CapturedRequest } from '../packages/server/src/telemetry-privacy/wire-capture.ts';
import type { InForce } from './session.ts';

const UPLOADS = '/v1/flightlogs/uploads';
const LOOKUP_QUERY = /^sha256=([0-9a-f]{64})&limit=1$/;
const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/** Why this flight-log request was not allowed under `state` (empty when it was). */
export function flightLogViolations(
  w: CapturedRequest,
  path: string,
  query: string | undefined,
  state: InForce,
) {
  const out: string[] = [];
  if (!state.syncAsked) out.push('a flight log left without Sync');
  if (!state.signedIn) out.push('a flight-log request without a signed-in pilot');
  const asked = state.syncable;
  if (w.method === 'GET' && path === '/v1/flightlogs') {
    const sha = LOOKUP_QUERY.exec(query ?? '')?.[1];
    if (!sha) out.push('a flight-log lookup that is not one SHA-256');
    else if (!asked.has(sha)) out.push('a lookup of a file the pilot did not ask to sync');
  } else if (w.method === 'POST' && path === UPLOADS) {
    out.push(...creationViolations(w, asked));
  } else if ((w.method === 'PATCH' || w.method === 'HEAD') && path.startsWith(`${UPLOADS}/`)) {
    if (w.method === 'HEAD' && w.body.length > 0) out.push('a HEAD with a body');
    if (w.method === 'PATCH' && !isSliceOfAsked(w.body, Number(w.headers['upload-offset']), asked))
      out.push('upload bytes that are not the asked log at their offset');
  } else out.push(`a flight-log request Sync never makes: ${w.method} ${path}`);
  if (query !== undefined && !(w.method === 'GET' && path === '/v1/flightlogs'))
    out.push('a flight-log request with a query');
  return out;
}

/** A tus creation: no body, and metadata naming exactly one asked file, its name and its length. */
function creationViolations(w: CapturedRequest, asked: InForce['syncable']): string[] {
  if (w.body.length > 0) return ['a tus creation with a body'];
  const meta = new Map(
    (w.headers['upload-metadata'] ?? '').split(',').map((pair) => {
      const [key, value = ''] = pair.trim().split(' ');
      return [key, decode(value)] as const;
    }),
  );
  const keys = [...meta.keys()].sort().join(',');
  if (keys !== 'filename,sha256') return [`a tus creation whose metadata holds ${keys || 'nothing'}`];
  const log = asked.get(meta.get('sha256') ?? '');
  if (!log) return ['a tus creation for a file the pilot did not ask to sync'];
  const out: string[] = [];
  if (meta.get('filename') !== log.name) out.push('a tus creation naming another file');
  if (Number(w.headers['upload-length']) !== log.bytes.length) out.push('a tus creation of another length');
  return out;
}

function isSliceOfAsked(body: Buffer, offset: number, asked: InForce['syncable']): boolean {
  if (!Number.isInteger(offset) || offset < 0) return false;
  for (const { bytes } of asked.values())
    if (offset + body.length <= bytes.length && body.equals(bytes.subarray(offset, offset + body.length)))
      return true;
  return false;
}
