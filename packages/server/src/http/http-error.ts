import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error meant for the client: its status, a stable code and a message that says what was wrong. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(status: number, code: string, message: string) {
  return { error: { code, message, status } };
}

export function sendError(c: Context, e: HttpError): Response {
  return c.json(errorBody(e.status, e.code, e.message), e.status);
}

/** Turns zod issues into one readable message naming each bad parameter. */
export function describeValidation(
  target: string,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): string {
  return issues
    .map((i) => {
      const name = i.path.map(String).join('.') || target;
      return `${target === 'query' || target === 'param' ? 'parameter' : 'field'} "${name}": ${i.message}`;
    })
    .join('; ');
}
