/**
 * UTF-8 of a string and its length in bytes: core's, which use `TextEncoder` where the engine has one
 * and encode by hand elsewhere (Hermes in older React Native, bare engines).
 */
export { utf8Bytes, utf8Length } from '@airlock/core/telemetry';
