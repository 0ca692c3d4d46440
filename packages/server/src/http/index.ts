export type { AppDeps } from './app.ts';
export { createApp, MAX_BODY_BYTES } from './app.ts';
export { HttpError } from './http-error.ts';
