export type { AppDeps } from './app.ts';
export { createApp, MAX_BODY_BYTES } from './app.ts';
export { errorResponse, mapError } from './error-map.ts';
export { HttpError } from './http-error.ts';
export { SECURITY_HEADERS } from './security-headers.ts';
