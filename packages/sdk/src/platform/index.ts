/**
 * Everything the SDK takes from the engine, in one place: `fetch`, `crypto.subtle` (SHA-256),
 * `crypto.getRandomValues`, `TextEncoder`. Each is used when present and can be injected (`fetch`,
 * `sha256` options) or has a plain-JavaScript stand-in, so the SDK runs in browsers, Node, React
 * Native and bare engines alike. Storage is the app's (`storage` option) or memory (storage/).
 */
export { base64Of, base64Utf8 } from './base64.ts';
export { randomBytes, resolveFetch } from './globals.ts';
export { type Sha256, sha256Of } from './sha256.ts';
export { utf8Bytes, utf8Length } from './utf8.ts';
